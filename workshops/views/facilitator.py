"""The facilitator console (laptop plugged into the projector)."""
from flask import Blueprint, render_template

from workshops.urls import join_url, projection_url
from workshops.views.auth import login_required, staff_workshop_or_abort

bp = Blueprint("facilitator", __name__, url_prefix="/w")


@bp.get("/<code>/console")
@login_required
def console(code):
    workshop, role = staff_workshop_or_abort(code)
    fmt = workshop.format_data
    return render_template(
        "facilitator/console.html", workshop=workshop, role=role,
        join_url=join_url(workshop), projection_url=projection_url(workshop),
        labels_types={c["key"]: c["label"] for c in fmt.get("organisation_types", [])},
        labels_professions={c["key"]: c["label"] for c in fmt.get("professions", [])})
