"""Catch-up after (re)connecting: replay what was missed, or send a snapshot."""
from flask import current_app

from workshops.extensions import shared_parts
from workshops.realtime import handler
from workshops.realtime.coalesce import count_attendance
from workshops.realtime.groups import replay_audiences
from workshops.services.base import events
from workshops.services.agenda.timer import server_now_ms
from workshops.services.snapshot import snapshot


def _count_attendance(ctx) -> None:
    """Count the phone for the day in progress, within a second (coalesce.py); a phone
    re-syncing in the same step of the day is remembered by this process."""
    w = ctx.workshop
    key = (w.id, w.current_day_id, w.current_sequence_id, ctx.participant.id)
    counted = current_app.extensions.setdefault("ensemble.attended", set())
    if key in counted:
        return
    count_attendance(w.id, ctx.participant.id, w.current_day_id)
    if len(counted) > 100_000:
        counted.clear()
    counted.add(key)


def register(socketio):
    @handler(socketio, "sync", ("participant", "projection", "staff"))
    def sync(ctx, data):
        if ctx.participant is not None:
            _count_attendance(ctx)
        since = data.get("since", 0)
        since = since if isinstance(since, int) and not isinstance(since, bool) else 0
        if events.needs_snapshot(ctx.workshop, since):
            return {"seq": ctx.workshop.last_seq, "now": server_now_ms(),
                    "snapshot": snapshot(ctx.session, ctx.workshop, ctx.principal.kind,
                                         ctx.participant, shared_parts())}, []
        missed = events.events_since(ctx.session, ctx.workshop, since, replay_audiences(ctx))
        return {"seq": ctx.workshop.last_seq, "now": server_now_ms(),
                "events": [events.envelope(e) for e in missed]}, []
