"""The full state a screen needs when it cannot simply replay missed events.

A snapshot is made of SHARED parts, `part(session, workshop, viewer) -> dict`, which
depend only on the room and the kind of viewer ("participant", "projection" or
"staff"; each part returns only what that viewer may see), and PERSONAL parts,
`part(session, workshop, participant, has_rows) -> dict`, merged over them for a
participant; `has_rows` False (one probe found none of the participant's own rows) lets
each part answer its empty shape without a query.

When a thousand phones scan the QR code at once, rebuilding the shared parts for
each of them was most of the server's work (docs/performance.md). `SharedParts`
keeps them per room and kind of viewer while the room's event number is unchanged,
for at most a second: every change a screen sees comes with an event, except the
« who is in » counts, which the room is sent at most once a second anyway.
"""
import threading
import time

from sqlalchemy import bindparam, exists, or_, select

from workshops.services.activities import activities
from workshops.services.agenda import agenda
from workshops.services.agenda.timer import server_now_ms
from workshops.services.board import cards
from workshops.services.groups import wall
from workshops.services.room import participants, workshops

# Every domain's parts, listed here and nowhere else, in the order they are merged.
SHARED = (workshops.shared_part, cards.shared_part, participants.shared_part, agenda.shared_part,
          activities.shared_part, wall.shared_part)
PERSONAL = (participants.personal_part, cards.personal_part, activities.personal_part,
            wall.personal_part)
# The columns naming a participant's own rows in those parts' tables.
OWN_ROWS = (*cards.OWN_ROWS, *activities.OWN_ROWS, *wall.OWN_ROWS)
# Built once: a statement made anew at each join cost more to build and to look up in
# SQLAlchemy's cache (its key is computed over the whole tree) than to run.
_OWN_ROWS_PROBE = select(or_(*(exists().where(column == bindparam("participant"))
                               for column in OWN_ROWS)))


def has_own_rows(session, participant) -> bool:
    """Whether any row of the participant's own exists (cards, supports, answers,
    writings, group, dots), in one query: a phone that just joined has none, and its
    personal parts then need no query of their own (docs/performance.md)."""
    return bool(session.scalar(_OWN_ROWS_PROBE, {"participant": participant.id}))


def shared(session, workshop, viewer: str) -> dict:
    data = {}
    for part in SHARED:
        data.update(part(session, workshop, viewer))
    return data


class SharedParts:
    """Per-app memo of the shared parts: (room, viewer) → (event number, time, parts).

    The parts are handed to many answers at once: callers must not change them.
    """

    def __init__(self, max_age: float = 1.0, clock=time.monotonic):
        self.max_age, self.clock = max_age, clock
        self._entries: dict[tuple[int, str], tuple[int, float, dict]] = {}
        self._lock = threading.Lock()

    def get(self, session, workshop, viewer: str) -> dict:
        key, now = (workshop.id, viewer), self.clock()
        entry = self._entries.get(key)
        if entry and entry[0] == workshop.last_seq and now - entry[1] < self.max_age:
            return entry[2]
        parts = shared(session, workshop, viewer)
        with self._lock:
            self._entries[key] = (workshop.last_seq, now, parts)
            if len(self._entries) > 64:  # forget rooms nobody has asked about lately
                for old in [k for k, e in self._entries.items() if now - e[1] >= self.max_age]:
                    del self._entries[old]
        return parts


def _merged(base: dict, extra: dict) -> dict:
    """`base` updated with `extra`, nested dicts merged, without changing `base`."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out


def snapshot(session, workshop, viewer: str, participant=None,
             cache: SharedParts | None = None, every_card: bool = False) -> dict:
    """What `viewer` needs on (re)connect. A phone's shared cards are the board it shows now
    (`cards.shared_part`); `every_card` gives every card it may see instead, as API v1's
    `GET …/board` always has."""
    data = cache.get(session, workshop, viewer) if cache else shared(session, workshop, viewer)
    data = dict(data, now=server_now_ms())
    if every_card:
        data["cards"] = cards.visible_cards(session, workshop, include_hidden=(viewer == "staff"))
    if participant is not None:
        has_rows = has_own_rows(session, participant)
        for part in PERSONAL:
            data = _merged(data, part(session, workshop, participant, has_rows))
        data = _own_cards_marked(data)
    return data


def _own_cards_marked(data: dict) -> dict:
    """The shared cards never say whose they are; the author's snapshot marks theirs
    `mine: true` (from the board's personal part, `my_cards`)."""
    mine = set(data.get("my_cards") or ())
    if not mine:
        return data
    return dict(data, cards=[dict(card, mine=True) if card["id"] in mine else card
                             for card in data.get("cards") or ()])
