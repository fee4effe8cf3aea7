"""Organiser login and logout (session cookie, CSRF-protected forms)."""
from functools import wraps

from flask import (Blueprint, abort, current_app, g, redirect, render_template, request, session,
                   url_for)
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from sqlalchemy import select
from wtforms.validators import DataRequired, Length

from workshops.extensions import db_session
from workshops.messages import message_for
from workshops.models import Account
from workshops.services.room import accounts, workshops
from workshops.services.base.errors import NotFound, ServiceError
from workshops.setup import check_setup_token, forget_setup_token

bp = Blueprint("auth", __name__)


class LoginForm(FlaskForm):
    email = EmailField(_l("Adresse e-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Mot de passe"), validators=[DataRequired(), Length(max=200)])


def current_account() -> Account | None:
    if "account" not in g:
        g.account = accounts.session_account(db_session(), session)
    return g.account


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if current_account() is None:
            return redirect(url_for("auth.login", next=request.path))
        return view(*args, **kwargs)
    return wrapped


def staff_workshop_or_abort(code: str, roles=workshops.STAFF_ROLES):
    """(workshop, role) for the logged-in account, or 404/403."""
    session_ = db_session()
    try:
        workshop = workshops.get_workshop(session_, code)
    except NotFound:
        abort(404)
    role = workshops.role_of(session_, workshop, current_account())
    if role not in roles:
        abort(403)
    return workshop, role


class FirstAccountForm(FlaskForm):
    email = EmailField(_l("Adresse e-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Mot de passe (8 caractères au moins)"),
                             validators=[DataRequired(), Length(min=8, max=200)])


@bp.route("/installation/<token>", methods=["GET", "POST"])
def first_account(token):
    """Create the first organiser from the link `python app.py` printed."""
    session_ = db_session()
    if session_.scalar(select(Account.id).limit(1)) is not None:
        abort(404)
    if not check_setup_token(current_app.instance_path, token):
        abort(404)
    form = FirstAccountForm()
    error = None
    if form.validate_on_submit():
        try:
            account = accounts.create_account(session_, form.email.data, form.password.data)
        except ServiceError as failure:
            error = message_for(failure.code, failure.params)
        else:
            forget_setup_token(current_app.instance_path)
            session.clear()
            session.update(accounts.session_fields(account))
            return redirect(url_for("organiser.dashboard"))
    return render_template("auth/first_account.html", form=form, error=error)


@bp.route("/connexion", methods=["GET", "POST"])
def login():
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        account = accounts.authenticate(db_session(), form.email.data, form.password.data)
        if account:
            session.clear()
            session.update(accounts.session_fields(account))
            session.permanent = True
            target = request.args.get("next", "")
            safe = target.startswith("/") and not target.startswith("//")
            return redirect(target if safe else url_for("organiser.dashboard"))
        error = _l("Adresse e-mail ou mot de passe incorrects.")
    return render_template("auth/login.html", form=form, error=error), 401 if error else 200


@bp.post("/deconnexion")
def logout():
    form = FlaskForm()
    if form.validate_on_submit():
        account = current_account()
        if account is not None:
            accounts.end_sessions(db_session(), account)  # a kept cookie no longer opens it
        session.clear()
    return redirect(url_for("home"))
