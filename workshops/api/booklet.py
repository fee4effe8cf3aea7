"""API: the booklet's settings (texts, identity, choices) and its ready-to-send check,
exports (direct download or background job), the JSON archive import, and the deletion
of participant data or of a whole workshop (organiser only)."""
from flask import Response, current_app, jsonify, request, send_file, url_for

from workshops.api.blueprint import body, bp, current_account, request_json, staff_workshop
from workshops.db import utcnow
from workshops.extensions import db_session
from workshops.jobs import start_export
from workshops.messages import worded
from workshops.operations.rooms import workshop_links
from workshops.services import archive, booklet, curation, exports, retention
from workshops.services.base.errors import Conflict, ServiceError

SETTINGS = ("edito", "et_apres", "axes_intro", "recommendations_intro", "colophon",
            "organiser_name", "subtitle", "place", "accent_colour", "links",
            "show_organisations", "show_supports", "empty_axes", "recommendations_shown",
            "top_cards")


def attachment(data: bytes, fmt: str, name: str) -> Response:
    response = Response(data, content_type=exports.content_type(fmt))
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def not_ready(error: Conflict) -> Conflict:
    """The 409 with each warning worded."""
    if error.code == "booklet_not_ready":
        error.details = {"warnings": worded(error.details["warnings"])}
    return error


def settings_payload(settings) -> dict:
    data = {name: getattr(settings, name) for name in SETTINGS}
    data.update(links=settings.links or [], has_logo=settings.logo is not None,
                partners=[p["name"] for p in settings.partners or []])
    return data


@bp.get("/v1/workshops/<code>/booklet")
def booklet_settings(code):
    """The booklet's texts, identity and choices, and what would print wrongly."""
    workshop, _role = staff_workshop(code)
    session = db_session()
    warnings = booklet.warnings(session, workshop)
    data = settings_payload(booklet.settings_of(session, workshop))
    session.commit()
    return jsonify(settings=data, warnings=worded(warnings))


@bp.patch("/v1/workshops/<code>/booklet")
def update_booklet(code):
    """Change any of the booklet's texts, identity and choices (the others stay)."""
    workshop, _role = staff_workshop(code)
    data = body()
    unknown = set(data) - set(SETTINGS) - {"retention_days"}
    if unknown:
        raise ServiceError("invalid_body")
    curation.update_settings(db_session(), workshop, **data)
    return booklet_settings(code)


@bp.put("/v1/workshops/<code>/booklet/logo")
def put_logo(code):
    """The organisation's logo: the request's body is the PNG, JPEG or SVG file."""
    workshop, _role = staff_workshop(code)
    curation.set_logo(db_session(), workshop, request.get_data())
    return "", 204


@bp.delete("/v1/workshops/<code>/booklet/logo")
def delete_logo(code):
    workshop, _role = staff_workshop(code)
    curation.set_logo(db_session(), workshop, None)
    return "", 204


@bp.post("/v1/workshops/<code>/booklet/partners")
def add_partner(code):
    """A partner or funder for the back page: form fields `name` and `logo` (a file)."""
    workshop, _role = staff_workshop(code)
    logo = request.files.get("logo")
    curation.add_partner(db_session(), workshop, request.form.get("name", ""),
                         logo.read() if logo else None)
    return "", 201


@bp.delete("/v1/workshops/<code>/booklet/partners/<int:index>")
def delete_partner(code, index):
    workshop, _role = staff_workshop(code)
    curation.remove_partner(db_session(), workshop, index)
    return "", 204


@bp.get("/v1/workshops/<code>/export")
def export(code):
    """The file itself, produced now (the slow renderers in a child process). A booklet
    that would print a bracketed placeholder is refused (409) unless `override=1`."""
    workshop, _role = staff_workshop(code)
    fmt = exports.check_format(request.args.get("format", ""))
    session, now = db_session(), exports.local_now()
    try:
        data = exports.produce(session, workshop, fmt, now,
                               override=request.args.get("override") in ("1", "true"))
    except Conflict as error:
        raise not_ready(error) from None
    name = exports.filename(workshop, fmt, now)
    exports.save(current_app.config["EXPORT_DIR"], name, data)
    exports.record_done(session, workshop, current_account(), fmt, name)
    return attachment(data, fmt, name)


def job_payload(code: str, job) -> dict:
    data = exports.job_dict(job)
    if job.status == "done":
        data["file_url"] = url_for("api.export_job_file", code=code, job_id=job.id)
    return data


@bp.post("/v1/workshops/<code>/exports")
def start_export_job(code):
    workshop, _role = staff_workshop(code)
    data = body()
    try:
        job = exports.create_job(db_session(), workshop, current_account(), data.get("format"),
                                 override=data.get("override") is True)
    except Conflict as error:
        raise not_ready(error) from None
    start_export(job.id)
    return jsonify(job_payload(workshop.code, job)), 202


@bp.get("/v1/workshops/<code>/exports/<int:job_id>")
def export_job(code, job_id):
    workshop, _role = staff_workshop(code)
    return jsonify(job_payload(workshop.code, exports.get_job(db_session(), workshop, job_id)))


@bp.get("/v1/workshops/<code>/exports/<int:job_id>/file")
def export_job_file(code, job_id):
    workshop, _role = staff_workshop(code)
    job = exports.get_job(db_session(), workshop, job_id)
    path = exports.job_file(current_app.config["EXPORT_DIR"], job)
    return send_file(path, mimetype=exports.content_type(job.format), as_attachment=True,
                     download_name=job.filename)


@bp.post("/v1/workshops/import")
def import_archive():
    """Restore a JSON archive as a new workshop of the caller; all or nothing."""
    account = current_account()
    workshop = archive.import_archive(db_session(), account, request_json())
    return jsonify(dict(workshop_links(workshop), title=workshop.title)), 201


@bp.delete("/v1/workshops/<code>/participants")
def delete_participant_data(code):
    """Delete the participants' declared data; cards, recommendations and counts stay."""
    workshop, _role = staff_workshop(code, roles=("organiser",))
    deleted = retention.purge_participants(db_session(), workshop, utcnow())
    return jsonify(deleted=deleted)


@bp.delete("/v1/workshops/<code>")
def delete_workshop(code):
    """Delete the whole workshop; the body must repeat its code: {"confirm": "<code>"}."""
    workshop, _role = staff_workshop(code, roles=("organiser",))
    if body().get("confirm") != workshop.code:
        raise ServiceError("confirmation_required")
    retention.delete_workshop(db_session(), workshop, current_app.config["EXPORT_DIR"])
    return "", 204
