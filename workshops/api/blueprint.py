"""The REST blueprint and what its routes share: errors as JSON, the request's body within
bounds, who calls (bearer tokens)."""
from flask import Blueprint, jsonify, request

from workshops.extensions import db_session
from workshops.messages import message_for
from workshops.services.room import accounts, participants, workshops
from workshops.services.base import bounds
from workshops.services.base.errors import Forbidden, ServiceError

bp = Blueprint("api", __name__, url_prefix="/api")


def error_response(code: str, status: int, params: dict | None = None,
                   details: dict | None = None):
    return jsonify(error={**(details or {}), "code": code,
                          "message": message_for(code, params)}), status


@bp.errorhandler(ServiceError)
def _service_error(error: ServiceError):
    db_session().rollback()
    return error_response(error.code, error.status, error.params, error.details)


def request_json():
    """The request's JSON within the bounds (services/base/bounds.py), or a 400 that says
    what is wrong: not JSON, too deep, a number or a text out of bounds."""
    if not request.is_json:
        raise ServiceError("invalid_json")
    try:
        return bounds.loads(request.get_data())
    except bounds.TooDeep:
        raise ServiceError(bounds.TooDeep.code) from None
    except ValueError:  # UnicodeDecodeError included
        raise ServiceError("invalid_json") from None


def body() -> dict:
    """The request's JSON object, or a 400 that says what is wrong."""
    data = request_json()
    if not isinstance(data, dict):
        raise ServiceError("invalid_body")
    return data


def bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else None


def current_account():
    token = bearer()
    account = accounts.account_for_token(db_session(), token) if token else None
    if account is None:
        raise ServiceError("unauthorized", status=401)
    return account


def participant_workshop(code: str):
    """(workshop, participant) for a participant token of that very workshop."""
    session = db_session()
    workshop = workshops.get_workshop(session, code)
    token = bearer()
    if not token:
        raise ServiceError("unauthorized", status=401)
    participant = participants.by_token(session, workshop, token)
    if participant is None:
        raise Forbidden("not_allowed")
    return workshop, participant
