"""Organisers' page of the activities' results: polls and the feedback form, after the day too."""
from flask import Blueprint, render_template

from workshops.extensions import db_session
from workshops.services.activities import feedback, polls
from workshops.views.auth import login_required, staff_workshop_or_abort
from workshops.views.feedback import feedback_url

bp = Blueprint("results", __name__, url_prefix="/w")


@bp.get("/<code>/resultats")
@login_required
def results(code):
    workshop, _role = staff_workshop_or_abort(code)
    session = db_session()
    return render_template(
        "activities/results.html", workshop=workshop, polls=polls.results(session, workshop),
        status=feedback.status(session, workshop), summary=feedback.summary(session, workshop),
        link=feedback_url(workshop))
