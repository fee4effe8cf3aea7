"""Organiser screen of the booklet: curate, preview, export; delete participant data.

Every change is a small form posted with a CSRF token (usable without JavaScript and by
keyboard: up/down buttons order axes and recommendations); its answer is shown where the
organiser acted (``?ici=…``). static/js/organiser/booklet.js sends the curation forms and
follows export jobs (progress, then the download link) without reloading the page.
"""
from __future__ import annotations

import base64
import re
from urllib.parse import parse_qsl, urlsplit

from flask import (Blueprint, abort, current_app, flash, jsonify, make_response, redirect,
                   render_template, request, send_file, url_for)
from flask_babel import gettext
from flask_wtf import FlaskForm

import exports as renderers
from exports.typography import format_date
from workshops.db import utcnow
from workshops.extensions import db_session
from workshops.jobs import start_export
from workshops.messages import message_for, worded
from workshops.services import booklet, curation, curation_screen, exports, retention
from workshops.services.board import cards
from workshops.services.groups import recommendations
from workshops.services.base.errors import Conflict, ServiceError
from workshops.views.auth import current_account, login_required, staff_workshop_or_abort

bp = Blueprint("booklet", __name__, url_prefix="/organisateur/ateliers/<code>")

# The preview is the HTML export itself, whose styles are inline: only that response
# allows inline styles (and nothing else: no script, no outside resource).
PREVIEW_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
               "frame-ancestors 'self'; base-uri 'none'; form-action 'none'")
FORMAT_LABELS = {"pdf": "PDF (impression A4)", "docx": "Word (DOCX)", "html": "Page web (HTML)",
                 "md": "Markdown", "xlsx": "Tableur (XLSX)", "json": "Archive JSON (réimportable)"}


@bp.app_template_filter("b64")
def b64(data: bytes) -> str:
    """A stored image as base64, for the Livret screen's data: previews."""
    return base64.b64encode(data).decode("ascii")


@bp.app_context_processor
def retention_notice():
    """`purge_notice(workshop)` for the organiser's pages: the purge date (in French) when it is
    at most two weeks away, else None."""
    def purge_notice(workshop):
        when = retention.notice(db_session(), workshop, utcnow().date())
        return format_date(when) if when else None
    return {"purge_notice_of": purge_notice}


def _checked() -> None:
    if not FlaskForm().validate_on_submit():
        abort(400)


def _back(code: str, anchor: str = "", said: bool = False):
    """Back to the screen at ``anchor`` (a card, a recommendation, a suggestion, a section),
    where the screen also shows the messages (?ici=…): where the organiser acted, not
    thousands of pixels above. When something was ``said``, the page opens at it (#ici)."""
    return redirect(url_for("booklet.page", code=code, **_listing(),
                            **({"ici": anchor} if anchor else {}))
                    + ("#ici" if said else f"#{anchor}" if anchor else ""))


def _listing() -> dict[str, str]:
    """The pages of cards and the searches of the screen the form was sent from (its
    address, from the Referer), kept: a card curated on page 3 of a 300-card axis stays
    in view, not back on page 1."""
    sent_from = urlsplit(request.referrer or "")
    if sent_from.netloc != request.host:
        return {}
    return {name: value[:200] for name, value in parse_qsl(sent_from.query)
            if re.fullmatch(r"(page|cherche)-\d{1,9}", name)}


def _from_suggestion(anchor: str) -> str:
    """A merge clicked in « Doublons suggérés » answers there, at the suggestion that takes
    its place (``doublon-<n>``); else at ``anchor``."""
    here = request.form.get("ici", "")
    return here if re.fullmatch(r"doublon-\d{1,4}", here) else anchor


def _try(action, code: str, anchor: str, done: str | None = None, done_anchor: str = ""):
    """Run a curation action; its error (if any) is flashed and shown at ``anchor``, its
    success at ``done_anchor`` (default: the same place)."""
    try:
        action()
    except ServiceError as error:
        db_session().rollback()
        flash(message_for(error.code, error.params), "error")
        return _back(code, anchor, said=True)
    if done:
        flash(done)
    return _back(code, done_anchor or anchor, said=bool(done))


def _int(name: str) -> int | None:
    value = request.form.get(name, "")
    return int(value) if value.isdigit() else None


@bp.get("/livret")
@login_required
def page(code):
    workshop, role = staff_workshop_or_abort(code)
    data = curation_screen.screen(db_session(), workshop, utcnow().date())
    cards, warnings = data.pop("cards"), data.pop("warnings")
    by_axis = _pages(data["axes"], cards, "axis_id")
    by_question = _pages(data["questions"], cards, "sequence_id")
    shown = {c.id for p in [*by_axis.values(), *by_question.values()] for c in p.cards}
    suggestions = len(data["card_duplicates"]) + len(data["recommendation_duplicates"])
    on_screen = {*(f"carte-{i}" for i in shown), *(f"ordre-axe-{a.id}" for a in data["axes"]),
                 *(f"reco-{r.id}" for _t, themes in data["targets"] for _h, recs in themes
                   for r in recs), *(f"doublon-{n}" for n in range(suggestions))}
    return render_template(
        "organiser/booklet.html", workshop=workshop, role=role, form=FlaskForm(),
        warnings=worded(warnings), blocking=any(w["blocking"] for w in warnings),
        cards_by_axis=by_axis, cards_by_question=by_question,
        messages_at=_answer_place(request.args.get("ici", ""), on_screen),
        card_by_id={c.id: c for c in cards}, formats=FORMAT_LABELS,
        **dict(data, purge_date=format_date(data["purge_date"]),
               purge_notice=data["purge_notice"] and format_date(data["purge_notice"])))


SECTIONS = ("pret", "exports", "textes", "identite", "axes", "doublons", "cartes",
            "recommandations", "donnees")
SECTION_OF = {"carte": "cartes", "ordre-axe": "axes", "doublon": "doublons",
              "reco": "recommandations"}


def _answer_place(here: str, on_screen: set[str]) -> str | None:
    """Where the screen shows the answer to an action: at the element acted on or, when it
    is no longer there (merged, on another page of cards), in its section; None: at the top."""
    if here in on_screen or here in SECTIONS:
        return here
    return SECTION_OF.get(here.rpartition("-")[0])


CARDS_PER_PAGE = 100


class _Page:
    """One page of an axis's (or question's) cards on the curation screen, found by the
    organiser's search (?cherche-<id>=…) and page number (?page-<id>=…): the screen stays
    the same size whatever the number of cards."""

    def __init__(self, owner_id: int, cards: list):
        query = request.args.get(f"cherche-{owner_id}", "").strip()
        if query:
            needle = query.casefold()
            cards = [c for c in cards if needle in (c.booklet_text or c.text).casefold()
                     or str(c.id) == query]
        self.query, self.total = query, len(cards)
        self.count = max(1, -(-len(cards) // CARDS_PER_PAGE))
        asked = request.args.get(f"page-{owner_id}", "1")
        self.number = min(int(asked) if asked.isdigit() and int(asked) > 0 else 1, self.count)
        start = (self.number - 1) * CARDS_PER_PAGE
        self.cards = cards[start:start + CARDS_PER_PAGE]


def _pages(owners, cards, attribute: str) -> dict[int, _Page]:
    grouped: dict[int, list] = {owner.id: [] for owner in owners}
    for card in cards:
        key = getattr(card, attribute)
        if key in grouped:
            grouped[key].append(card)
    return {owner_id: _Page(owner_id, mine) for owner_id, mine in grouped.items()}


@bp.post("/livret/recommandations/<int:rec_id>/fusion")
@login_required
def recommendation_merge(code, rec_id):
    """A suggested duplicate: the recommendation folds into `into`, whose text stays."""
    workshop, _role = staff_workshop_or_abort(code)
    _checked()
    into = _int("into")
    if into is None:
        return _back(code, _from_suggestion("doublons"))

    def merge():
        survivor = recommendations.get(db_session(), workshop, into)
        recommendations.merge(db_session(), workshop, into, [rec_id], text=survivor.text)
    return _try(merge, code, _from_suggestion("doublons"), gettext("Recommandations fusionnées."))


@bp.post("/livret/textes")
@login_required
def save_texts(code):
    workshop, _role = staff_workshop_or_abort(code)
    _checked()
    form = request.form
    return _try(lambda: curation.update_settings(
        db_session(), workshop, edito=form.get("edito", ""), et_apres=form.get("et_apres", ""),
        organiser_name=form.get("organiser_name", ""), subtitle=form.get("subtitle", ""),
        place=form.get("place", ""), show_organisations=form.get("show_organisations") == "1",
        retention_days=_int("retention_days") if form.get("retention_days") else None),
        code, "textes", gettext("Textes du livret enregistrés."))


@bp.post("/livret/identite")
@login_required
def save_identity(code):
    """The organisation's identity: colour, links, introductions, credits (logo and partners
    have their own forms, a file each)."""
    workshop, _role = staff_workshop_or_abort(code)
    _checked()
    form = request.form
    return _try(lambda: curation.update_settings(
        db_session(), workshop, accent_colour=form.get("accent_colour", ""),
        links=form.get("links", ""), axes_intro=form.get("axes_intro", ""),
        recommendations_intro=form.get("recommendations_intro", ""),
        colophon=form.get("colophon", "")),
        code, "identite", gettext("Identité de l'organisation enregistrée."))


@bp.post("/livret/choix")
@login_required
def save_choices(code):
    """What the booklet shows: support counts, every card or the best ones, empty axes,
    which recommendations."""
    workshop, _role = staff_workshop_or_abort(code)
    _checked()
    form = request.form
    return _try(lambda: curation.update_settings(
        db_session(), workshop, show_supports=form.get("show_supports") == "1",
        top_cards=_int("top_cards") if form.get("top_cards") else 0,
        empty_axes=form.get("empty_axes") or None,
        recommendations_shown=form.get("recommendations_shown") or None),
        code, "pret", gettext("Choix du livret enregistrés."))


@bp.post("/livret/logo")
@login_required
def save_logo(code):
    workshop, _role = staff_workshop_or_abort(code)
    _checked()
    upload = request.files.get("logo")
    remove = request.form.get("remove") == "1"
    if not remove and not upload:
        return _back(code, "identite")
    return _try(lambda: curation.set_logo(db_session(), workshop,
                                          None if remove else upload.read()),
                code, "identite", gettext("Logo enregistré.") if not remove else None)


@bp.post("/livret/partenaires")
@login_required
def add_partner(code):
    workshop, _role = staff_workshop_or_abort(code)
    _checked()
    upload = request.files.get("logo")
    data = upload.read() if upload else None
    return _try(lambda: curation.add_partner(db_session(), workshop, request.form.get("name", ""),
                                             data or None),
                code, "identite", gettext("Partenaire ajouté."))


@bp.post("/livret/partenaires/<int:index>/retirer")
@login_required
def remove_partner(code, index):
    workshop, _role = staff_workshop_or_abort(code)
    _checked()
    return _try(lambda: curation.remove_partner(db_session(), workshop, index),
                code, "identite")


@bp.post("/livret/axes/<int:axis_id>/<any(monter, descendre):direction>")
@login_required
def move_axis(code, axis_id, direction):
    workshop, _role = staff_workshop_or_abort(code)
    _checked()
    step = -1 if direction == "monter" else 1
    return _try(lambda: curation.move_axis(db_session(), workshop, axis_id, step), code,
                f"ordre-axe-{axis_id}")


@bp.post("/livret/recommandations/<int:rec_id>/<any(monter, descendre):direction>")
@login_required
def move_recommendation(code, rec_id, direction):
    workshop, _role = staff_workshop_or_abort(code)
    _checked()
    step = -1 if direction == "monter" else 1
    return _try(lambda: curation.move_recommendation(db_session(), workshop, rec_id, step), code,
                f"reco-{rec_id}")


@bp.post("/livret/recommandations/<int:rec_id>/texte")
@login_required
def recommendation_wording(code, rec_id):
    workshop, _role = staff_workshop_or_abort(code)
    _checked()
    return _try(lambda: curation.set_recommendation_wording(
        db_session(), workshop, rec_id, request.form.get("text", "")), code, f"reco-{rec_id}",
        gettext("Formulation enregistrée."))


@bp.post("/livret/cartes/<int:card_id>/texte")
@login_required
def card_wording(code, card_id):
    workshop, _role = staff_workshop_or_abort(code)
    _checked()
    return _try(lambda: curation.set_card_wording(
        db_session(), workshop, card_id, request.form.get("text", "")), code, f"carte-{card_id}",
        gettext("Formulation enregistrée."))


@bp.post("/livret/cartes/<int:card_id>/verbatim")
@login_required
def card_verbatim(code, card_id):
    workshop, _role = staff_workshop_or_abort(code)
    _checked()

    def star():
        _card, _events = cards.moderate(db_session(), workshop, card_id,
                                       verbatim=request.form.get("verbatim") == "1")
    return _try(star, code, f"carte-{card_id}")


@bp.post("/livret/cartes/<int:card_id>/fusion")
@login_required
def card_merge(code, card_id):
    workshop, _role = staff_workshop_or_abort(code)
    _checked()
    into = _int("into")
    if into is None:
        return _back(code, _from_suggestion(f"carte-{card_id}"))
    return _try(lambda: curation.merge_cards(db_session(), workshop, into, card_id), code,
                _from_suggestion(f"carte-{card_id}"), gettext("Cartes fusionnées dans le livret."),
                _from_suggestion(f"carte-{into}"))


@bp.post("/livret/cartes/<int:card_id>/separer")
@login_required
def card_unmerge(code, card_id):
    workshop, _role = staff_workshop_or_abort(code)
    _checked()
    return _try(lambda: curation.unmerge_card(db_session(), workshop, card_id), code,
                f"carte-{card_id}")


@bp.get("/livret/apercu")
@login_required
def preview(code):
    workshop, _role = staff_workshop_or_abort(code)
    synthesis = booklet.build_synthesis(db_session(), workshop, exports.local_now())
    page, content_type, _extension = renderers.render("html", synthesis)
    response = make_response(page)
    response.headers["Content-Type"] = content_type
    response.headers["Content-Security-Policy"] = PREVIEW_CSP
    return response


@bp.post("/livret/exports")
@login_required
def start(code):
    workshop, _role = staff_workshop_or_abort(code)
    _checked()
    try:
        job = exports.create_job(db_session(), workshop, current_account(),
                                 request.form.get("format"),
                                 override=request.form.get("override") == "1")
    except ServiceError as error:
        db_session().rollback()
        details = ({"warnings": worded(error.details["warnings"])}
                   if isinstance(error, Conflict) else {})
        if request.accept_mimetypes.best == "application/json":
            return jsonify(error={**details, "code": error.code,
                                  "message": message_for(error.code, error.params)}), error.status
        flash(message_for(error.code, error.params), "error")
        return _back(code, "exports", said=True)
    start_export(job.id)
    if request.accept_mimetypes.best == "application/json":
        return jsonify(_job(workshop.code, job)), 202
    flash(gettext("Export lancé : le fichier apparaîtra ci-dessous quand il sera prêt."))
    return _back(code, "exports", said=True)


def _job(code: str, job) -> dict:
    data = exports.job_dict(job)
    data["label"] = FORMAT_LABELS.get(job.format, job.format)
    if job.status == "done":
        data["file_url"] = url_for("booklet.job_file", code=code, job_id=job.id)
    return data


@bp.get("/livret/exports/<int:job_id>")
@login_required
def job_status(code, job_id):
    workshop, _role = staff_workshop_or_abort(code)
    try:
        job = exports.get_job(db_session(), workshop, job_id)
    except ServiceError:
        abort(404)
    if request.accept_mimetypes.best == "text/html":  # the Livret screen's line for it
        return render_template("organiser/_export_job.html", job=job, workshop=workshop,
                               formats=FORMAT_LABELS)
    return jsonify(_job(workshop.code, job))


@bp.get("/livret/exports/<int:job_id>/fichier")
@login_required
def job_file(code, job_id):
    workshop, _role = staff_workshop_or_abort(code)
    try:
        job = exports.get_job(db_session(), workshop, job_id)
        path = exports.job_file(current_app.config["EXPORT_DIR"], job)
    except ServiceError:
        abort(404)
    return send_file(path, mimetype=exports.content_type(job.format), as_attachment=True,
                     download_name=job.filename)


@bp.post("/donnees/participants/supprimer")
@login_required
def delete_participants(code):
    workshop, _role = staff_workshop_or_abort(code, roles=("organiser",))
    _checked()
    if request.form.get("confirm") != "1":
        flash(gettext("Cochez la case pour confirmer l'effacement."), "error")
        return _back(code, "donnees", said=True)
    count = retention.purge_participants(db_session(), workshop, utcnow())
    flash(gettext("Données de %(n)s participant·es effacées. Le livret reste disponible.", n=count))
    return _back(code, "donnees", said=True)


@bp.post("/supprimer")
@login_required
def delete_workshop(code):
    workshop, _role = staff_workshop_or_abort(code, roles=("organiser",))
    _checked()
    if request.form.get("confirm_code", "").strip().upper() != workshop.code:
        flash(message_for("confirmation_required"), "error")
        return _back(code, "donnees", said=True)
    title = workshop.title
    retention.delete_workshop(db_session(), workshop, current_app.config["EXPORT_DIR"])
    flash(gettext("L'atelier « %(title)s » et toutes ses données ont été supprimés.", title=title))
    return redirect(url_for("organiser.dashboard"))
