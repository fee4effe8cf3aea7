"""Socket.IO handlers of the agenda, the timer and the restitution (staff only)."""
from workshops.realtime import handler
from workshops.services.agenda import agenda, restitution, timer
from workshops.services.room import workshops

STAFF = ("staff",)


def register(socketio):
    def state(ctx, changed):
        """The ack: the room state after the move (computed once the move is done)."""
        return {"state": workshops.state_dict(ctx.workshop)}, changed

    @handler(socketio, "agenda:next", STAFF)
    def next_step(ctx, data):
        return state(ctx, agenda.next_step(ctx.session, ctx.workshop))

    @handler(socketio, "agenda:previous", STAFF)
    def previous_step(ctx, data):
        return state(ctx, agenda.previous_step(ctx.session, ctx.workshop))

    @handler(socketio, "agenda:goto", STAFF)
    def goto(ctx, data):
        return state(ctx, agenda.goto(ctx.session, ctx.workshop, sequence=data.get("sequence"),
                                      day=data.get("day")))

    @handler(socketio, "agenda:get", STAFF)
    def get(ctx, data):
        return {"agenda": agenda.agenda_dict(ctx.session, ctx.workshop)}, []

    for action in timer.ACTIONS:
        def timer_handler(ctx, data, action=action):
            changed = timer.act(ctx.session, ctx.workshop, action, data.get("minutes"))
            return {"timer": timer.timer_dict(ctx.workshop)}, changed
        timer_handler.__name__ = f"timer_{action}"
        handler(socketio, f"timer:{action}", STAFF)(timer_handler)

    @handler(socketio, "restitution:goto", STAFF)
    def restitution_goto(ctx, data):
        changed = restitution.goto(ctx.session, ctx.workshop, data.get("index"))
        return {"restitution": restitution.payload(ctx.session, ctx.workshop)}, changed
