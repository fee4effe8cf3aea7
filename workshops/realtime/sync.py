"""Catch-up after (re)connecting: replay what was missed, or send a snapshot."""
from workshops.realtime import handler
from workshops.realtime.groups import replay_audiences
from workshops.services import events
from workshops.services.snapshot import snapshot


def register(socketio):
    @handler(socketio, "sync", ("participant", "projection", "staff"))
    def sync(ctx, data):
        since = data.get("since", 0)
        since = since if isinstance(since, int) and not isinstance(since, bool) else 0
        audiences = replay_audiences(ctx)
        missed = events.events_since(ctx.session, ctx.workshop, since, audiences)
        if missed is None:
            return {"seq": ctx.workshop.last_seq,
                    "snapshot": snapshot(ctx.session, ctx.workshop, ctx.principal.kind,
                                         ctx.participant)}, []
        return {"seq": ctx.workshop.last_seq,
                "events": [events.envelope(e) for e in missed]}, []
