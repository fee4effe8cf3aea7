"""Rate limits: brute force and floods refused, a real room never.

HTTP goes through Flask-Limiter, Socket.IO events through the same fixed windows in
`faults.guarded`. In memory for the one-process server (Socket.IO events in `Windows`
below); in Redis when `MESSAGE_QUEUE_URL` is set, so that every worker counts the same.

| what | key | setting |
|---|---|---|
| logins (form and `POST /api/v1/tokens`), first-account set-up (POST) | address | `RATE_LIMIT_LOGIN` |
| joining a workshop (`POST …/participants`) | address | `RATE_LIMIT_JOIN` |
| a workshop code that does not exist (`/j/<code>`, `join-info`, joining) | address | `RATE_LIMIT_UNKNOWN_CODE` |
| posting a card (`POST …/cards`, `card:post`) | participant | `RATE_LIMIT_POST` |
| every Socket.IO event | connection | `RATE_LIMIT_SOCKET` |

A room behind one venue address shares that address: joining and code limits are sized
for a 1,000-phone room (docs/decisions.md).
"""
import hashlib
import math
import threading
import time
from functools import wraps

import redis
from flask import current_app, request
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from limits import parse_many

LOGIN = ("auth.login", "auth.first_account", "api.token_create")
JOIN = ("api.participant_join",)
CODE_LOOKUPS = ("participant.board", "api.workshop_join_info", "api.participant_join")
POSTING = ("api.card_post",)
POSTING_EVENTS = ("card:post",)


def _participant_token() -> str:
    """Posting is counted per participant: their token, hashed (it is a secret and would
    be written into Redis keys), or the address when there is none."""
    header = request.headers.get("Authorization", "")
    if not header.lower().startswith("bearer "):
        return get_remote_address()
    return hashlib.sha256(header[7:].strip().encode()).hexdigest()[:24]


def _unknown_code(response) -> bool:
    return response.status_code == 404


def install(app, later) -> None:
    """Attach the limits to the app's endpoints; `later(code, status, retry_after)` builds
    the 429 answer."""
    config = app.config
    queue = config["MESSAGE_QUEUE_URL"] or ""
    limiter = Limiter(
        get_remote_address, app=app, enabled=config["RATE_LIMITS"], key_prefix="ensemble",
        storage_uri=queue if queue.startswith(("redis://", "rediss://")) else "memory://",
        strategy="fixed-window", headers_enabled=False,
        swallow_errors=True)  # Redis lost: let people in rather than fail every request
    app.extensions["ensemble.limiter"] = limiter
    app.extensions["ensemble.socket_limits"] = {
        "socket": parse_many(config["RATE_LIMIT_SOCKET"]),
        "post": parse_many(config["RATE_LIMIT_POST"]),
        # One process: its own windows. Several: the limiter's storage in Redis, shared.
        "windows": None if queue.startswith(("redis://", "rediss://")) else Windows(),
    }
    views = app.view_functions
    rules = [
        (LOGIN, limiter.shared_limit(config["RATE_LIMIT_LOGIN"], scope="login",
                                     methods=["POST"])),
        (JOIN, limiter.shared_limit(config["RATE_LIMIT_JOIN"], scope="join")),
        (CODE_LOOKUPS, limiter.shared_limit(config["RATE_LIMIT_UNKNOWN_CODE"],
                                            scope="unknown_code", deduct_when=_unknown_code)),
        (POSTING, limiter.shared_limit(config["RATE_LIMIT_POST"], scope="post",
                                       key_func=_participant_token)),
    ]
    for endpoints, limit in rules:
        for endpoint in endpoints:
            views[endpoint] = limit(_own_name(views[endpoint], endpoint))  # checks the limit

    @app.errorhandler(RateLimitExceeded)
    def too_many(_error):
        current = limiter.current_limit
        return later("rate_limited", 429, _seconds_until(current.window[0] if current else 0))


def _own_name(view, endpoint: str):
    """Flask-Limiter keeps a limit under its view's module and name; the API's views are made
    by one factory (api/operations.py) and share theirs, so each limited one gets its own."""
    @wraps(view)
    def limited(*args, **kwargs):
        return view(*args, **kwargs)
    limited.__name__ = limited.__qualname__ = "limited_" + endpoint.replace(".", "_")
    return limited


def _seconds_until(moment: float) -> int:
    return max(1, math.ceil(moment - time.time()))


class Windows:
    """The fixed windows of the `limits` library (a window opens at its first hit and lasts
    the item's period; past `amount` hits in it, refused until it ends), counted in this
    process. The library's memory storage starts a timer every 10 ms that walks every key
    and keeps a lock per key: with a thousand phones, a thousand connections' keys walked a
    hundred times a second (docs/performance.md). Here an ended window is reopened at its
    next hit, and the ended ones are forgotten once per `sweep_s`."""

    def __init__(self, clock=time.time, sweep_s: float = 60.0):
        self.clock, self.sweep_s = clock, sweep_s
        self._windows: dict[tuple, list] = {}  # key → [end, hits]
        self._swept = clock()
        self._lock = threading.Lock()

    def hit(self, item, *key) -> float | None:
        """Count one hit; None if within the limit, else when the window ends."""
        now, key = self.clock(), (item.amount, item.get_expiry(), *key)
        with self._lock:
            if now - self._swept >= self.sweep_s:
                self._windows = {k: w for k, w in self._windows.items() if w[0] > now}
                self._swept = now
            window = self._windows.get(key)
            if window is None or window[0] <= now:
                window = self._windows[key] = [now + item.get_expiry(), 0]
            window[1] += 1
            return None if window[1] <= item.amount else window[0]

    def __len__(self) -> int:
        return len(self._windows)


def refuse_event(event_name: str, principal) -> int | None:
    """None if this Socket.IO event may run, else how many seconds to wait."""
    limiter = current_app.extensions["ensemble.limiter"]
    if not limiter.enabled:
        return None
    items = current_app.extensions["ensemble.socket_limits"]
    counted = [(item, "socket", request.sid) for item in items["socket"]]
    if event_name in POSTING_EVENTS and principal is not None and principal.participant_id:
        counted += [(item, "post", f"participant{principal.participant_id}")
                    for item in items["post"]]
    windows = items["windows"]
    if windows is not None:
        for item, scope, key in counted:
            ends = windows.hit(item, scope, key)
            if ends is not None:
                return _seconds_until(ends)
        return None
    strategy = limiter.limiter
    try:
        for item, scope, key in counted:
            if not strategy.hit(item, "ensemble-socket", scope, key):
                reset_at, _remaining = strategy.get_window_stats(item, "ensemble-socket",
                                                                 scope, key)
                return _seconds_until(reset_at)
    except (redis.RedisError, OSError):  # storage lost: as for HTTP, let the event through
        return None
    return None
