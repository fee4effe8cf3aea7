"""Organiser screens: my workshops, create from a format, settings and co-facilitators."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (EmailField, FieldList, FormField, HiddenField, RadioField, SelectField, StringField,
                     TextAreaField)
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from workshops.extensions import db_session
from workshops.messages import message_for
from workshops.services.agenda import custom_formats
from workshops.services.room import accounts, workshops
from workshops.services.base.errors import ServiceError
from workshops.urls import join_url, projection_url
from workshops.views.auth import current_account, login_required, staff_workshop_or_abort

bp = Blueprint("organiser", __name__, url_prefix="/organisateur")


class CreateWorkshopForm(FlaskForm):
    title = StringField(_l("Titre de l'atelier"), validators=[DataRequired(), Length(max=200)])
    format = SelectField(_l("Format"), validators=[DataRequired()])


class AxisForm(FlaskForm):
    class Meta:
        csrf = False

    axis_id = HiddenField()
    title = StringField(_l("Titre de l'axe"), validators=[Optional(), Length(max=200)])
    summary = TextAreaField(_l("Description"), validators=[Optional(), Length(max=2000)])


class SettingsForm(FlaskForm):
    title = StringField(_l("Titre de l'atelier"), validators=[DataRequired(), Length(max=200)])
    axes = FieldList(FormField(AxisForm))
    new_axis = StringField(_l("Ajouter un axe (titre)"), validators=[Optional(), Length(max=200)])
    member_names = RadioField(_l("Sur la projection, les membres des groupes apparaissent par"),
                              choices=[SelectChoice("initials", _l("leurs initiales (M. D.)")),
                                       SelectChoice("first_names", _l("leur prénom (Marie)"))],
                              default="initials")


class FacilitatorForm(FlaskForm):
    email = EmailField(_l("Adresse e-mail du compte"), validators=[DataRequired(), Length(max=254)])


@bp.route("/", methods=["GET", "POST"])
@login_required
def dashboard():
    form = CreateWorkshopForm()
    form.format.choices = [
        SelectChoice(f["id"], f["title"] if f["builtin"] else gettext("%(title)s (mon format)", title=f["title"]))
        for f in custom_formats.available(db_session(), current_account())]
    if form.validate_on_submit():
        fmt = custom_formats.resolve(db_session(), current_account(), form.format.data)
        workshop = workshops.create_workshop(db_session(), current_account(), form.title.data, fmt)
        flash(gettext("Atelier créé. Code de connexion : %(code)s", code=workshop.code))
        return redirect(url_for("organiser.settings", code=workshop.code))
    mine = workshops.workshops_of(db_session(), current_account())
    return render_template("organiser/dashboard.html", form=form, workshops=mine,
                           invitations=workshops.invitations_of(db_session(), current_account()),
                           tokens=accounts.tokens_of(db_session(), current_account()))


@bp.post("/jetons/<int:token_id>/revoquer")
@login_required
def revoke_token(token_id):
    """The owner revokes one of their API tokens."""
    if FlaskForm().validate_on_submit():
        try:
            accounts.revoke_token(db_session(), current_account(), token_id)
            flash(gettext("Jeton révoqué : il ne fonctionne plus."))
        except ServiceError as error:
            flash(message_for(error.code, error.params), "error")
    return redirect(url_for("organiser.dashboard"))


@bp.post("/invitations/<code>/<any(accepter, refuser):answer>")
@login_required
def answer_invitation(code, answer):
    """The invited account accepts (the workshop joins its list) or declines."""
    if FlaskForm().validate_on_submit():
        try:
            workshop = workshops.get_workshop(db_session(), code)
            workshops.answer_invitation(db_session(), workshop, current_account(),
                                        accept=answer == "accepter")
        except ServiceError as error:
            flash(message_for(error.code, error.params), "error")
    return redirect(url_for("organiser.dashboard"))


@bp.route("/ateliers/<code>", methods=["GET", "POST"])
@login_required
def settings(code):
    workshop, role = staff_workshop_or_abort(code)
    form = SettingsForm(data={"title": workshop.title, "member_names": workshop.member_names, "axes": [
        {"axis_id": a.id, "title": a.title, "summary": a.description} for a in workshop.axes]})
    if form.validate_on_submit():
        axes = [{"id": item.axis_id.data or None, "title": item.title.data,
                 "description": item.summary.data} for item in form.axes]
        if form.new_axis.data:
            axes.append({"title": form.new_axis.data, "description": ""})
        try:
            workshops.update_workshop(db_session(), workshop, title=form.title.data, axes=axes,
                                      member_names=form.member_names.data)
        except ServiceError as error:
            db_session().rollback()
            flash(message_for(error.code, error.params), "error")
        else:
            flash(gettext("Modifications enregistrées."))
            return redirect(url_for("organiser.settings", code=code))
    return render_template(
        "organiser/settings.html", workshop=workshop, role=role, form=form,
        facilitator_form=FacilitatorForm(), members=workshops.members(db_session(), workshop),
        join_url=join_url(workshop), projection_url=projection_url(workshop))


@bp.post("/ateliers/<code>/animateurs")
@login_required
def add_facilitator(code):
    workshop, _role = staff_workshop_or_abort(code, roles=("organiser",))
    form = FacilitatorForm()
    if form.validate_on_submit():
        # The same answer whether the address has an account or not (no enumeration).
        workshops.invite_facilitator(db_session(), workshop, form.email.data)
        flash(gettext("Invitation envoyée à %(email)s : l'atelier apparaîtra dans « Mes "
                      "ateliers » de ce compte quand il l'aura acceptée.",
                      email=form.email.data))
    else:
        flash(gettext("Adresse e-mail invalide."), "error")
    return redirect(url_for("organiser.settings", code=code))


@bp.post("/ateliers/<code>/animateurs/<int:account_id>/retirer")
@login_required
def remove_facilitator(code, account_id):
    workshop, _role = staff_workshop_or_abort(code, roles=("organiser",))
    if FlaskForm().validate_on_submit():
        try:
            workshops.remove_facilitator(db_session(), workshop, account_id)
        except ServiceError as error:
            flash(message_for(error.code, error.params), "error")
    return redirect(url_for("organiser.settings", code=code))
