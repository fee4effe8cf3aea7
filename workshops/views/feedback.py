"""The feedback form page `/f/<code>`: a plain HTML form (POST + CSRF), no script needed.

Reached from the phone's feedback activity, or from its QR code / link during or after
the day. A random cookie identifies the device, so each device has one answer that it
can change until the link expires (docs/decisions.md).
"""
import hashlib
import secrets

import io

import qrcode
import qrcode.image.svg
from flask import Blueprint, Response, abort, make_response, render_template, request, url_for
from flask_wtf import FlaskForm

from workshops.extensions import db_session
from workshops.feedback_form import answers_from, form_class
from workshops.services.activities import feedback
from workshops.services.room import workshops
from workshops.services.base.errors import NotFound, ServiceError
from workshops.urls import public_base

bp = Blueprint("feedback", __name__, url_prefix="/f")

COOKIE = "ensemble_avis"


@bp.app_template_global()
def feedback_url(workshop) -> str:
    """The form's address as phones reach it (LAN address or PUBLIC_URL)."""
    return public_base() + url_for("feedback.form", code=workshop.code)


@bp.get("/<code>/qr.svg")
def qr_code(code):
    """The QR code of the form's address (public, like the page itself)."""
    try:
        workshop = workshops.get_workshop(db_session(), code)
    except NotFound:
        abort(404)
    image = qrcode.make(feedback_url(workshop), image_factory=qrcode.image.svg.SvgPathImage,
                        border=2, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    return Response(buffer.getvalue(), mimetype="image/svg+xml",
                    headers={"Cache-Control": "no-cache"})


@bp.route("/<code>", methods=["GET", "POST"])
def form(code):
    session = db_session()
    try:
        workshop = workshops.get_workshop(session, code)
    except NotFound:
        abort(404)
    definition = feedback.form_definition(workshop)
    if definition is None:
        abort(404)
    device = request.cookies.get(COOKIE) or ""
    if not 20 <= len(device) <= 100:
        device = secrets.token_urlsafe(24)
    respondent = hashlib.sha256(device.encode()).hexdigest()
    is_open, _opened = feedback.ensure_open(session, workshop)
    previous = feedback.answers_of(session, workshop, respondent)
    form = form_class(definition["questions"], base=FlaskForm)(data=previous or None)
    saved, error = False, None
    if request.method == "POST" and is_open and form.validate_on_submit():
        try:
            feedback.save_answers(session, workshop, respondent, answers_from(form))
        except ServiceError:
            session.rollback()
            is_open = False
        else:
            saved, previous = True, feedback.answers_of(session, workshop, respondent)
    elif request.method == "POST" and is_open:
        error = True
    status = feedback.status(session, workshop)
    response = make_response(render_template(
        "feedback/form.html", workshop=workshop, definition=definition, form=form,
        is_open=is_open, saved=saved, error=error, answered=previous is not None,
        expires_at=status["expires_at"]), 200 if error is None else 400)
    response.set_cookie(COOKIE, device, max_age=(status["valid_days"] + 1) * 86400,
                        path=f"/f/{workshop.code}", httponly=True, samesite="Lax",
                        secure=request.is_secure)
    response.headers["Cache-Control"] = "no-store"
    return response
