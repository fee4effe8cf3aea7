"""API: booklet exports (direct download or background job), the JSON archive import,
and the deletion of participant data or of a whole workshop (organiser only)."""
from flask import Response, current_app, jsonify, request, send_file, url_for

from workshops.api import body, bp, current_account, request_json, staff_workshop
from workshops.db import utcnow
from workshops.extensions import db_session
from workshops.jobs import start_export
from workshops.operations.rooms import workshop_links
from workshops.services import archive, exports, retention
from workshops.services.base.errors import ServiceError


def attachment(data: bytes, fmt: str, name: str) -> Response:
    response = Response(data, content_type=exports.content_type(fmt))
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/v1/workshops/<code>/export")
def export(code):
    """The file itself, produced now (the slow renderers in a child process)."""
    workshop, _role = staff_workshop(code)
    fmt = exports.check_format(request.args.get("format", ""))
    session, now = db_session(), exports.local_now()
    data = exports.produce(session, workshop, fmt, now)
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
    job = exports.create_job(db_session(), workshop, current_account(), body().get("format"))
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
