"""API: mixed groups, group drafting, the recommendation wall and dot voting."""
from flask import jsonify

from workshops.api import body, bp, participant_workshop, staff_workshop
from workshops.extensions import db_session
from workshops.realtime import broadcast
from workshops.services.groups import groups, recommendations as recs


@bp.post("/v1/workshops/<code>/groups")
def groups_form(code):
    workshop, _role = staff_workshop(code)
    data = body()
    payload, events = groups.form(db_session(), workshop, size=data.get("size"),
                                  count=data.get("count"))
    broadcast(events)
    return jsonify(payload), 201


@bp.get("/v1/workshops/<code>/groups")
def groups_list(code):
    workshop, _role = staff_workshop(code)
    return jsonify(groups.groups_payload(db_session(), workshop))


@bp.post("/v1/workshops/<code>/groups/new")
def add_group(code):
    workshop, _role = staff_workshop(code)
    payload, events = groups.add_group(db_session(), workshop, body().get("name"))
    broadcast(events)
    return jsonify(payload), 201


@bp.patch("/v1/workshops/<code>/groups/<int:group_id>")
def rename_group(code, group_id):
    workshop, _role = staff_workshop(code)
    payload, events = groups.rename(db_session(), workshop, group_id, body().get("name"))
    broadcast(events)
    return jsonify(payload)


@bp.put("/v1/workshops/<code>/participants/<int:participant_id>/group")
def move_participant(code, participant_id):
    workshop, _role = staff_workshop(code)
    payload, events = groups.move(db_session(), workshop, participant_id, body().get("group"))
    broadcast(events)
    return jsonify(payload)


@bp.get("/v1/workshops/<code>/my-group")
def my_group(code):
    """The participant's group, its drafts (and the open wall), their dots."""
    workshop, participant = participant_workshop(code)
    part = recs.snapshot_part(db_session(), workshop, "participant", participant)
    return jsonify(seq=workshop.last_seq, group=part["my_group"], wall=part["wall"],
                   targets=part["targets"], recommendations=part["recommendations"],
                   my_votes=part["my_votes"])


@bp.post("/v1/workshops/<code>/recommendations")
def add_recommendation(code):
    workshop, participant = participant_workshop(code)
    data = body()
    session = db_session()
    rec, created, events = recs.create(session, workshop, participant, data.get("client_id"),
                                       data.get("target"), data.get("theme"), data.get("text"))
    broadcast(events)
    return jsonify(recs.dicts(session, [rec])[0]), 201 if created else 200


@bp.get("/v1/workshops/<code>/recommendations")
def list_recommendations(code):
    workshop, _role = staff_workshop(code)
    session = db_session()
    return jsonify(recs.dicts(session, recs.list_all(session, workshop)))


@bp.patch("/v1/workshops/<code>/recommendations/<int:rec_id>")
def edit_recommendation(code, rec_id):
    """A group member's edit: `version` is the one the edit started from (409 if stale)."""
    workshop, participant = participant_workshop(code)
    data = body()
    session = db_session()
    rec, events = recs.edit(session, workshop, participant, rec_id, data.get("version"),
                            text=data.get("text"), target=data.get("target"),
                            theme=data.get("theme"))
    broadcast(events)
    return jsonify(recs.dicts(session, [rec])[0])


@bp.post("/v1/workshops/<code>/recommendations/<int:rec_id>/curation")
def curate_recommendation(code, rec_id):
    workshop, _role = staff_workshop(code)
    data = body()
    session = db_session()
    rec, events = recs.curate(session, workshop, rec_id, status=data.get("status"),
                              text=data.get("text"), target=data.get("target"),
                              theme=data.get("theme"))
    broadcast(events)
    return jsonify(recs.dicts(session, [rec])[0])


@bp.post("/v1/workshops/<code>/recommendations/merge")
def merge_recommendations(code):
    workshop, _role = staff_workshop(code)
    data = body()
    session = db_session()
    rec, events = recs.merge(session, workshop, data.get("into"), data.get("ids"),
                             text=data.get("text"))
    broadcast(events)
    return jsonify(recs.dicts(session, [rec])[0])


@bp.put("/v1/workshops/<code>/recommendations/<int:rec_id>/votes")
def vote_on_recommendation(code, rec_id):
    workshop, participant = participant_workshop(code)
    session = db_session()
    rec, mine, events = recs.vote(session, workshop, participant, rec_id, body().get("count"))
    broadcast(events)
    return jsonify(recommendation=recs.dicts(session, [rec])[0], my_votes=mine)


@bp.get("/v1/workshops/<code>/wall")
def wall_state(code):
    workshop, _role = staff_workshop(code)
    return jsonify(recs.wall_dict(workshop))


@bp.post("/v1/workshops/<code>/wall")
def change_wall(code):
    workshop, _role = staff_workshop(code)
    data = body()
    wall, events = recs.set_wall(db_session(), workshop, open_=data.get("open"),
                                 votes=data.get("votes"))
    broadcast(events)
    return jsonify(wall)
