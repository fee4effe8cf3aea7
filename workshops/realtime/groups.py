"""Socket.IO handlers of mixed groups, group drafting and the recommendation wall.

Group-scoped events (audience `group:<id>`) reach the staff room and each
member's own room (`w<id>:p<participant id>`), members being read from the
database when the event is sent: moving someone needs no room bookkeeping and
holds with several worker processes (docs/decisions.md).
"""
from workshops.extensions import db_session
from workshops.realtime import handler, participant_room, staff_room
from workshops.services.groups import groups, recommendations as recs

STAFF = ("staff",)
PARTICIPANT = ("participant",)


def group_rooms(event) -> list[str]:
    members = groups.member_ids(db_session(), int(event.audience.split(":", 1)[1]))
    return [staff_room(event.workshop_id)] + [participant_room(event.workshop_id, p)
                                              for p in members]


def replay_audiences(ctx) -> tuple[str, ...] | None:
    """Which logged events a reconnecting screen may replay (None: all of them)."""
    if ctx.principal.kind == "staff":
        return None
    if ctx.participant is not None:
        group = groups.group_of(ctx.session, ctx.participant)
        if group is not None:
            return ("all", f"group:{group.id}")
    return ("all",)


def _staff_groups(ctx) -> dict:
    return {"groups": groups.groups_payload(ctx.session, ctx.workshop),
            "people": groups.people(ctx.session, ctx.workshop)}


def register(socketio):
    @handler(socketio, "groups:form", STAFF)
    def form(ctx, data):
        _payload, events = groups.form(ctx.session, ctx.workshop, size=data.get("size"),
                                       count=data.get("count"))
        return _staff_groups(ctx), events

    @handler(socketio, "groups:list", STAFF)
    def list_(ctx, data):
        return _staff_groups(ctx), []

    @handler(socketio, "groups:move", STAFF)
    def move(ctx, data):
        _payload, events = groups.move(ctx.session, ctx.workshop, data.get("participant"),
                                       data.get("group"))
        return _staff_groups(ctx), events

    @handler(socketio, "groups:rename", STAFF)
    def rename(ctx, data):
        _payload, events = groups.rename(ctx.session, ctx.workshop, data.get("id"), data.get("name"))
        return _staff_groups(ctx), events

    @handler(socketio, "groups:add", STAFF)
    def add(ctx, data):
        _payload, events = groups.add_group(ctx.session, ctx.workshop, data.get("name"))
        return _staff_groups(ctx), events

    @handler(socketio, "group:mine", PARTICIPANT)
    def mine(ctx, data):
        part = recs.snapshot_part(ctx.session, ctx.workshop, "participant", ctx.participant)
        return {key: part[key] for key in ("my_group", "recommendations", "wall", "my_votes",
                                           "groups")}, []

    @handler(socketio, "recommendation:add", PARTICIPANT)
    def add_recommendation(ctx, data):
        rec, created, events = recs.create(ctx.session, ctx.workshop, ctx.participant,
                                           data.get("client_id"), data.get("target"),
                                           data.get("theme"), data.get("text"))
        return {"recommendation": recs.dicts(ctx.session, [rec])[0], "created": created}, events

    @handler(socketio, "recommendation:edit", PARTICIPANT)
    def edit(ctx, data):
        rec, events = recs.edit(ctx.session, ctx.workshop, ctx.participant, data.get("id"),
                                data.get("version"), text=data.get("text"),
                                target=data.get("target"), theme=data.get("theme"))
        return {"recommendation": recs.dicts(ctx.session, [rec])[0]}, events

    @handler(socketio, "recommendation:vote", PARTICIPANT)
    def vote(ctx, data):
        rec, mine_, events = recs.vote(ctx.session, ctx.workshop, ctx.participant,
                                       data.get("id"), data.get("count"))
        return {"recommendation": recs.dicts(ctx.session, [rec])[0], "my_votes": mine_}, events

    @handler(socketio, "recommendation:curate", STAFF)
    def curate(ctx, data):
        rec, events = recs.curate(ctx.session, ctx.workshop, data.get("id"),
                                  status=data.get("status"), text=data.get("text"),
                                  target=data.get("target"), theme=data.get("theme"))
        return {"recommendation": recs.dicts(ctx.session, [rec])[0]}, events

    @handler(socketio, "recommendation:merge", STAFF)
    def merge(ctx, data):
        rec, events = recs.merge(ctx.session, ctx.workshop, data.get("into"), data.get("ids"),
                                 text=data.get("text"))
        return {"recommendation": recs.dicts(ctx.session, [rec])[0]}, events

    @handler(socketio, "wall:set", STAFF)
    def set_wall(ctx, data):
        wall, events = recs.set_wall(ctx.session, ctx.workshop, open_=data.get("open"),
                                     votes=data.get("votes"))
        return {"wall": wall}, events
