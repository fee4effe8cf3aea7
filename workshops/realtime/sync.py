"""Catch-up after (re)connecting: replay what was missed, or send a snapshot."""
from workshops.realtime import handler
from workshops.realtime.groups import replay_audiences
from workshops.services import attendance, events
from workshops.services.timer import server_now_ms
from workshops.services.snapshot import snapshot


def register(socketio):
    @handler(socketio, "sync", ("participant", "projection", "staff"))
    def sync(ctx, data):
        counted = []
        if ctx.participant is not None:
            counted = attendance.record(ctx.session, ctx.workshop, ctx.participant)
        since = data.get("since", 0)
        since = since if isinstance(since, int) and not isinstance(since, bool) else 0
        audiences = replay_audiences(ctx)
        missed = events.events_since(ctx.session, ctx.workshop, since, audiences)
        if missed is None:
            return {"seq": ctx.workshop.last_seq, "now": server_now_ms(),
                    "snapshot": snapshot(ctx.session, ctx.workshop, ctx.principal.kind,
                                         ctx.participant)}, counted
        return {"seq": ctx.workshop.last_seq, "now": server_now_ms(),
                "events": [events.envelope(e) for e in missed]}, counted
