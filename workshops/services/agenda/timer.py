"""The room's timer, shown on the projection and every phone.

Stored on the workshop as an absolute end time in server UTC while it runs, or as the
seconds left while paused, never as a ticking counter: every screen computes what is
left from the end time and the server's clock (`now`, sent with every timer payload and
every sync), so all screens agree within a second, also after a phone slept.
"""
import math
from datetime import datetime, timedelta, timezone

from sqlalchemy.orm import Session

from workshops.db import utcnow
from workshops.models import Workshop
from workshops.services.base import events
from workshops.services.base.errors import ServiceError
from workshops.services.room.position import current

MAX_SECONDS = 10 * 3600
ACTIONS = ("start", "pause", "resume", "add", "stop")


def epoch_ms(value: datetime) -> int:
    """A naive UTC datetime (as stored) → milliseconds since 1970, what browsers use."""
    return int(value.replace(tzinfo=timezone.utc).timestamp() * 1000)


def server_now_ms() -> int:
    return epoch_ms(utcnow())


def timer_dict(workshop: Workshop, now: datetime | None = None) -> dict:
    """{status: idle|running|paused, ends_at (ms), remaining (s), duration (s), now (ms)}."""
    now = now or utcnow()
    data = {"status": "idle", "ends_at": None, "remaining": None,
            "duration": workshop.timer_duration, "now": epoch_ms(now)}
    if workshop.timer_ends_at is not None:
        left = (workshop.timer_ends_at - now).total_seconds()
        data.update(status="running", ends_at=epoch_ms(workshop.timer_ends_at),
                    remaining=max(0, math.ceil(left)))
    elif workshop.timer_remaining is not None:
        data.update(status="paused", remaining=workshop.timer_remaining)
    return data


def _seconds(minutes, default: int | None = None) -> int:
    if minutes is None and default is not None:
        return default
    if isinstance(minutes, bool) or not isinstance(minutes, (int, float)) \
            or not math.isfinite(minutes) or abs(minutes) > MAX_SECONDS:
        raise ServiceError("invalid_minutes", max=MAX_SECONDS // 60)
    seconds = round(minutes * 60)
    if not 1 <= seconds <= MAX_SECONDS:
        raise ServiceError("invalid_minutes", max=MAX_SECONDS // 60)
    return seconds


def act(session: Session, workshop: Workshop, action, minutes=None) -> list:
    """start (minutes, default the sequence's planned minutes), pause, resume, add, stop."""
    now = utcnow()
    if action == "start":
        _day, sequence = current(session, workshop)
        default = sequence.minutes * 60 if sequence else None
        if minutes is None and default is None:
            raise ServiceError("minutes_required")
        seconds = _seconds(minutes, default)
        workshop.timer_ends_at = now + timedelta(seconds=seconds)
        workshop.timer_remaining = None
        workshop.timer_duration = seconds
    elif action == "pause":
        if workshop.timer_ends_at is None:
            raise ServiceError("timer_not_running")
        workshop.timer_remaining = max(0, math.ceil((workshop.timer_ends_at - now).total_seconds()))
        workshop.timer_ends_at = None
    elif action == "resume":
        if workshop.timer_remaining is None:
            raise ServiceError("timer_not_paused")
        workshop.timer_ends_at = now + timedelta(seconds=workshop.timer_remaining)
        workshop.timer_remaining = None
    elif action == "add":
        seconds = _seconds(minutes)
        if workshop.timer_ends_at is not None:
            # Time added after the end counts from now, not from the past end.
            workshop.timer_ends_at = max(workshop.timer_ends_at, now) + timedelta(seconds=seconds)
        elif workshop.timer_remaining is not None:
            workshop.timer_remaining += seconds
        else:
            raise ServiceError("timer_not_running")
        workshop.timer_duration = min(MAX_SECONDS, (workshop.timer_duration or 0) + seconds)
    elif action == "stop":
        reset_quietly(workshop)
    else:
        raise ServiceError("unknown_timer_action")
    event = events.record(session, workshop, "timer", timer_dict(workshop, now))
    session.commit()
    return [event]


def reset_quietly(workshop: Workshop) -> bool:
    """Back to idle without an event (the caller records one); True if it was set."""
    was_set = workshop.timer_ends_at is not None or workshop.timer_remaining is not None
    workshop.timer_ends_at = workshop.timer_remaining = workshop.timer_duration = None
    return was_set
