"""REST routes made from the operation table (workshops/operations/).

Each `Rest` binding of an operation becomes one route of the API blueprint: find who calls
(the bearer token, for the workshop in the path), check that role is allowed, read the
input (JSON body, query string, an uploaded file or form, plus path variables), run the
operation, answer (JSON, or a file for a `Download`).
"""
from pathlib import Path

from flask import Response, jsonify, request, send_file

from workshops.api.blueprint import (bearer, body, bp, current_account, participant_workshop,
                                     request_json)
from workshops.extensions import db_session, shared_parts
from workshops.operations import (ACCOUNT, FORM, PARTICIPANT, PROJECTION, PUBLIC, STAFF, Caller,
                                  Download, Operation, Rest)
from workshops.operations.table import OPERATIONS
from workshops.realtime.coalesce import LIVE
from workshops.services.base.errors import NotFound, ServiceError
from workshops.services.base.tokens import same_secret
from workshops.services.room import workshops


def rest_caller(operation: Operation, code: str | None) -> Caller:
    """The caller, for this workshop if the path names one, if the operation allows their
    role; else 401/403/404.

    The order of the checks is API v1's: a participant's route looks the workshop up
    first (404), then the token (401, 403); a staff route the account first (401).
    """
    session, allow, token = db_session(), operation.allow, bearer() or ""
    common = {"snapshots": shared_parts(), "notices": LIVE}
    if code is None:
        if PUBLIC in allow:
            return Caller(session, None, PUBLIC, **common)
        return Caller(session, None, ACCOUNT, account=current_account(), **common)
    if PUBLIC in allow:
        return Caller(session, workshops.get_workshop(session, code), PUBLIC, **common)
    staff = allow & STAFF
    if PARTICIPANT in allow and (not staff or token.startswith("part_")):
        workshop, participant = participant_workshop(code)
        return Caller(session, workshop, PARTICIPANT, participant=participant, **common)
    if PROJECTION in allow and token and not token.startswith(("org_", "part_")):
        projected = _projected_workshop(session, code, token)
        if projected is not None:
            return Caller(session, projected, PROJECTION, **common)
    if not staff:
        raise ServiceError("unauthorized", status=401)
    account = current_account()
    workshop = workshops.get_workshop(session, code)
    role = workshops.require_role(session, workshop, account, tuple(staff))
    return Caller(session, workshop, role, account=account, **common)


def _projected_workshop(session, code: str, key: str):
    """The workshop whose projection key this is, or None (then the token is checked as
    an account's, as before the projection could call REST)."""
    try:
        workshop = workshops.get_workshop(session, code)
    except NotFound:
        return None
    return workshop if same_secret(key, workshop.projection_key) else None


def rest_input(binding: Rest, path: dict) -> dict:
    if binding.query:
        data = request.args.to_dict()
    elif binding.upload == (FORM,):
        data = dict(request.form.to_dict(),
                    **{name: file.read() for name, file in request.files.items()})
    elif binding.upload:
        data = {"file": request.get_data()}
    elif binding.whole:
        data = {binding.whole: request_json()}
    elif binding.takes_body:
        data = dict(body())
    else:
        data = {}
    data.update({binding.fields.get(name, name): value for name, value in path.items()})
    data.update(binding.fixed)
    return data


def _response(result, status: int):
    if status == 204 or result == "":
        return "", status
    if result is None:  # a documented `null` (e.g. no restitution running), as JSON
        return jsonify(None), status
    if isinstance(result, Download) and isinstance(result.data, Path):
        return send_file(result.data, mimetype=result.mimetype, as_attachment=True,
                         download_name=result.filename)
    if isinstance(result, Download):
        return Response(result.data, status=status, content_type=result.mimetype, headers={
            "Content-Disposition": f'attachment; filename="{result.filename}"'})
    return jsonify(result), status


def _endpoint(operation: Operation, binding: Rest):
    def endpoint(code=None, **path):
        caller = rest_caller(operation, code)
        return _response(*binding.answer(operation.call(caller, rest_input(binding, path))))
    return endpoint


def register(blueprint) -> None:
    for operation in OPERATIONS:
        for binding in operation.rest:
            blueprint.add_url_rule(binding.path, operation.endpoint(binding),
                                   _endpoint(operation, binding), methods=[binding.method])


register(bp)
