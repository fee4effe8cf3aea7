"""The projection screen: opened with its own key, so the venue's computer needs no account."""
import io

import qrcode
import qrcode.image.svg
from flask import Blueprint, Response, abort, render_template, request

from workshops.extensions import db_session
from workshops.services.room import workshops
from workshops.services.base.errors import NotFound
from workshops.services.base.tokens import same_secret
from workshops.urls import join_url

bp = Blueprint("projection", __name__, url_prefix="/w")


def _workshop(code):
    try:
        return workshops.get_workshop(db_session(), code)
    except NotFound:
        abort(404)


@bp.get("/<code>/projection")
def screen(code):
    workshop = _workshop(code)
    if not same_secret(request.args.get("key"), workshop.projection_key):
        abort(403)
    url = join_url(workshop)
    return render_template("projection/screen.html", workshop=workshop, join_url=url)


@bp.get("/<code>/qr.svg")
def qr_code(code):
    """The QR code of the join URL (public: it only encodes what the room already sees)."""
    workshop = _workshop(code)
    image = qrcode.make(join_url(workshop), image_factory=qrcode.image.svg.SvgPathImage,
                        border=2, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    return Response(buffer.getvalue(), mimetype="image/svg+xml",
                    headers={"Cache-Control": "no-cache"})
