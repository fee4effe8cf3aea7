"""The phone: reached from the QR code, join form then the current activity."""
from flask import Blueprint, abort, render_template

from workshops.extensions import db_session
from workshops.services.groups import recommendations
from workshops.services.room import workshops
from workshops.services.base.errors import NotFound

bp = Blueprint("participant", __name__, url_prefix="/j")


@bp.get("/<code>")
def board(code):
    try:
        workshop = workshops.get_workshop(db_session(), code)
    except NotFound:
        abort(404)
    fmt = workshop.format_data
    return render_template("participant/board.html", workshop=workshop,
                           organisation_types=fmt.get("organisation_types", []),
                           professions=fmt.get("professions", []),
                           targets=recommendations.targets(workshop))
