"""API: tokens, formats, workshops, room state, participants joining."""
from flask import jsonify

from workshops.api import body, bp, current_account, staff_workshop
from workshops.extensions import db_session
from workshops.realtime import broadcast
from workshops.realtime.coalesce import announce_presence
from workshops.services.groups.groups import place_latecomer
from workshops.services.agenda import custom_formats
from workshops.services.room import accounts, participants, workshops
from workshops.services.base.errors import ServiceError
from workshops.urls import facilitator_url, join_url, projection_url


@bp.post("/v1/tokens")
def create_token():
    data = body()
    session = db_session()
    account = accounts.authenticate(session, str(data.get("email", "")),
                                    str(data.get("password", "")))
    if account is None:
        raise ServiceError("bad_credentials", status=401)
    return jsonify(token=accounts.issue_token(session, account)), 201


def workshop_links(workshop) -> dict:
    return {"code": workshop.code, "join_url": join_url(workshop),
            "projection_url": projection_url(workshop),
            "facilitator_url": facilitator_url(workshop)}


@bp.post("/v1/workshops")
def create_workshop():
    account = current_account()
    data = body()
    # A built-in format's id, or "custom:<id>" for one of the organiser's own (api/formats.py).
    fmt = custom_formats.resolve(db_session(), account, str(data.get("format", "")))
    title = data.get("title")
    workshop = workshops.create_workshop(db_session(), account,
                                         title if isinstance(title, str) else "", fmt)
    return jsonify(workshop_links(workshop)), 201


@bp.get("/v1/workshops")
def list_workshops():
    account = current_account()
    return jsonify([dict(workshop_links(w), title=w.title, role=role)
                    for w, role in workshops.workshops_of(db_session(), account)])


@bp.get("/v1/workshops/<code>")
def get_workshop(code):
    workshop, _role = staff_workshop(code)
    return jsonify(dict(workshops.workshop_dict(workshop), **workshop_links(workshop)))


@bp.patch("/v1/workshops/<code>")
def update_workshop(code):
    workshop, _role = staff_workshop(code)
    data = body()
    axes = data.get("axes")
    if axes is not None and not isinstance(axes, list):
        raise ServiceError("invalid_axes")
    title = data.get("title")
    event = workshops.update_workshop(db_session(), workshop,
                                      title=str(title) if title is not None else None, axes=axes)
    broadcast([event])
    return jsonify(workshops.workshop_dict(workshop))


@bp.post("/v1/workshops/<code>/state")
def set_state(code):
    workshop, _role = staff_workshop(code)
    data = body()
    event = workshops.set_state(db_session(), workshop, axis=data.get("axis"),
                                locked=data.get("locked"), view=data.get("view"))
    broadcast([event])
    return jsonify(workshops.state_dict(workshop))


@bp.post("/v1/workshops/<code>/facilitators")
def add_facilitator(code):
    workshop, _role = staff_workshop(code, roles=("organiser",))
    account = workshops.add_facilitator(db_session(), workshop, str(body().get("email", "")))
    return jsonify(id=account.id, email=account.email, role="facilitator"), 201


@bp.post("/v1/workshops/<code>/participants")
def join(code):
    session = db_session()
    workshop = workshops.get_workshop(session, code)
    data = body()
    participant, token = participants.join(
        session, workshop, organisation=data.get("organisation"),
        organisation_type=data.get("organisation_type"), profession=data.get("profession"),
        display_name=data.get("display_name"))
    broadcast(place_latecomer(session, workshop, participant))
    announce_presence(workshop.id)
    return jsonify(id=participant.id, token=token), 201


@bp.get("/v1/workshops/<code>/presence")
def presence(code):
    workshop, _role = staff_workshop(code)
    return jsonify(participants.presence(db_session(), workshop))


@bp.get("/v1/workshops/<code>/join-info")
def join_info(code):
    """What the phone's join form needs; public to anyone holding the code."""
    workshop = workshops.get_workshop(db_session(), code)
    fmt = workshop.format_data
    return jsonify(code=workshop.code, title=workshop.title,
                   organisation_types=fmt.get("organisation_types", []),
                   professions=fmt.get("professions", []))
