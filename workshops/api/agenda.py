"""API: the agenda (days and sequences, planned against actual), the timer, attendance."""
from flask import jsonify

from workshops.api import body, bp, staff_workshop
from workshops.extensions import db_session
from workshops.realtime import broadcast
from workshops.services.agenda import agenda, agenda_edit, restitution, timer
from workshops.services.room import attendance, workshops


@bp.get("/v1/workshops/<code>/agenda")
def get_agenda(code):
    workshop, _role = staff_workshop(code)
    return jsonify(agenda.agenda_dict(db_session(), workshop))


@bp.post("/v1/workshops/<code>/agenda")
def drive_agenda(code):
    """{action: next|previous|goto, sequence?, day?} → the room state."""
    workshop, _role = staff_workshop(code)
    data = body()
    broadcast(agenda.act(db_session(), workshop, data.get("action"),
                         sequence=data.get("sequence"), day=data.get("day")))
    return jsonify(workshops.state_dict(workshop))


@bp.patch("/v1/workshops/<code>/agenda")
def edit_agenda(code):
    """Replace the days and sequences (organisers, before the day)."""
    workshop, _role = staff_workshop(code, roles=("organiser",))
    session = db_session()
    broadcast(agenda_edit.replace(session, workshop, body().get("days")))
    return jsonify(agenda.agenda_dict(session, workshop))


@bp.get("/v1/workshops/<code>/timer")
def get_timer(code):
    workshop, _role = staff_workshop(code)
    return jsonify(timer.timer_dict(workshop))


@bp.post("/v1/workshops/<code>/timer")
def drive_timer(code):
    """{action: start|pause|resume|add|stop, minutes?}."""
    workshop, _role = staff_workshop(code)
    data = body()
    broadcast(timer.act(db_session(), workshop, data.get("action"), data.get("minutes")))
    return jsonify(timer.timer_dict(workshop))


@bp.get("/v1/workshops/<code>/attendance")
def get_attendance(code):
    workshop, _role = staff_workshop(code)
    return jsonify(attendance.by_day(db_session(), workshop))


@bp.get("/v1/workshops/<code>/restitution")
def get_restitution(code):
    """The running restitution's current screen (null when none runs)."""
    workshop, _role = staff_workshop(code)
    return jsonify(restitution.payload(db_session(), workshop))


@bp.post("/v1/workshops/<code>/restitution")
def drive_restitution(code):
    """{index}: show that screen of the running restitution."""
    workshop, _role = staff_workshop(code)
    session = db_session()
    broadcast(restitution.goto(session, workshop, body().get("index")))
    return jsonify(restitution.payload(session, workshop))
