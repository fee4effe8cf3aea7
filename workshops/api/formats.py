"""API: formats — the built-in ones and each organiser's own (duplicate, edit, import, export)."""
from flask import Response, jsonify

from workshops.api import body, bp, current_account
from workshops.extensions import db_session
from workshops.formats import load_format_data
from workshops.services.agenda import custom_formats
from workshops.services.base.errors import ServiceError


@bp.get("/v1/formats")
def list_formats():
    """Built-in formats, then the caller's own (their id is "custom:<n>")."""
    return jsonify(custom_formats.available(db_session(), current_account()))


def _described(row):
    return dict(custom_formats.summary(load_format_data(row.data), custom_formats.ref(row), False))


@bp.post("/v1/formats")
def create_format():
    """{"from": format id} duplicates a format; {"text": YAML or JSON} imports a file."""
    account = current_account()
    data = body()
    session = db_session()
    if data.get("from") is not None:
        row = custom_formats.duplicate(session, account, str(data["from"]))
    elif "text" in data:
        row = custom_formats.import_text(session, account, data["text"],
                                         str(data.get("filename") or "")[:200])
    else:
        raise ServiceError("invalid_format", message="Envoyez « text » (un fichier) ou « from ».")
    return jsonify(_described(row)), 201


@bp.get("/v1/formats/<format_ref>")
def get_format(format_ref):
    """The structured view plus the YAML text the editor shows."""
    account = current_account()
    session = db_session()
    fmt = custom_formats.resolve(session, account, format_ref)
    builtin = not format_ref.startswith(custom_formats.PREFIX)
    return jsonify(dict(custom_formats.summary(fmt, format_ref, builtin),
                        text=custom_formats.text_of(session, account, format_ref)))


@bp.put("/v1/formats/<format_ref>")
def update_format(format_ref):
    """{"text": …}: replace one of the caller's own formats (validated first)."""
    account = current_account()
    row = custom_formats.update_text(db_session(), account, format_ref, body().get("text"))
    return jsonify(_described(row))


@bp.delete("/v1/formats/<format_ref>")
def delete_format(format_ref):
    custom_formats.delete(db_session(), current_account(), format_ref)
    return "", 204


@bp.get("/v1/formats/<format_ref>/export")
def export_format(format_ref):
    """The format as a YAML file, to import on another server."""
    account = current_account()
    session = db_session()
    fmt = custom_formats.resolve(session, account, format_ref)
    return Response(custom_formats.text_of(session, account, format_ref),
                    mimetype="application/yaml",
                    headers={"Content-Disposition": f'attachment; filename="{fmt.id}.yaml"'})
