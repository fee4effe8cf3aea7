"""The crowd's events reach phones in small batches when they come fast.

At twenty cards a second, sending each card to a thousand phones is twenty thousand
messages a second: most of a core before any other work (docs/performance.md). So
the projection and the console get every event at once, while phones get the
crowd's events (cards, supports, poll and writing counts, wall votes) at most once
per interval, several in one `events [envelope, …]` message. The interval grows with
the room, so that its phones get about MESSAGES_PER_S messages a second at most: 6 ms
for 60 phones, 30 ms for 300, 0.1 s (`max_interval`, PHONE_BATCH_S) from 1,000 on. The
first event after a quiet moment goes out at once.

Any other event for the phones (the facilitator's: state, timer, agenda…) first
sends the batch waiting for that room, so phones get a room's events in order.
"""
import threading
import time
from collections import Counter

MESSAGES_PER_S = 10_000
CROWD_EVENTS = frozenset({"card", "card_deleted", "poll", "writing_count", "recommendation"})


class PhoneDigest:
    """Per room: events waiting for the phones, and when phones were last sent some."""

    def __init__(self, sio, max_interval: float, to_phones, messages_per_s=MESSAGES_PER_S):
        self.sio, self.max_interval, self.to_phones = sio, max_interval, to_phones
        self.messages_per_s = messages_per_s
        self.phones: Counter[int] = Counter()  # phones connected to this process, per room
        self._waiting: dict[int, list[dict]] = {}
        self._sent_at: dict[int, float] = {}
        self._due: set[int] = set()  # rooms with a send scheduled
        self._lock = threading.Lock()

    def interval(self, workshop_id: int) -> float:
        return min(self.max_interval, self.phones[workshop_id] / self.messages_per_s)

    def add(self, workshop_id: int, envelope: dict) -> None:
        now, interval = time.monotonic(), self.interval(workshop_id)
        with self._lock:
            quiet = (workshop_id not in self._due and workshop_id not in self._waiting
                     and now - self._sent_at.get(workshop_id, -1e9) >= interval)
            if quiet:
                self._sent_at[workshop_id] = now
            else:
                self._waiting.setdefault(workshop_id, []).append(envelope)
                schedule = workshop_id not in self._due
                self._due.add(workshop_id)
        if quiet:
            self.sio.emit("event", envelope, to=self.to_phones(workshop_id))
        elif schedule:
            delay = self._sent_at.get(workshop_id, now) + interval - now
            self.sio.start_background_task(self._send_later, workshop_id, max(0.0, delay))

    def flush(self, workshop_id: int) -> None:
        """Send what waits for this room's phones now."""
        with self._lock:
            batch = self._waiting.pop(workshop_id, None)
            if batch:
                self._sent_at[workshop_id] = time.monotonic()
        if batch:
            self.sio.emit("events", batch, to=self.to_phones(workshop_id))

    def _send_later(self, workshop_id: int, delay: float) -> None:
        self.sio.sleep(delay)
        with self._lock:
            self._due.discard(workshop_id)
        self.flush(workshop_id)
