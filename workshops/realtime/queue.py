"""The Redis message queue of a scale-out deployment, which tells screens to catch up
after Redis was lost.

With several workers, an event reaches the clients of the *other* workers only through
Redis pub/sub (python-socketio's `RedisManager`: a worker delivers to its own clients
directly, then publishes for the others). Pub/sub keeps nothing: whatever is published
while a worker's listener is cut off from Redis (Redis restarting, a dropped connection)
is gone for that worker's phones and projections. They stay connected to their worker,
see no disconnection, and so never ask for what they missed. The events are in the
database (`room_events`, one `seq` per room), so the fix is to make them ask:

* **Notice the re-subscription.** Measured with redis-py 8.1 (`docs/deploy.md`): with
  `Redis.from_url` (what python-socketio uses) the pub/sub connection retries nothing,
  so a lost connection makes `listen()` raise and python-socketio's loop subscribes
  again on a new connection. With a `retry` in the Redis options, redis-py instead
  reconnects inside `listen()` and re-subscribes *silently* (its connect callback,
  `PubSub.on_connect`), and python-socketio never learns of it. Both paths end in the
  same thing: Redis confirms a `subscribe`. The stock manager throws those
  confirmations away (`ignore_subscribe_messages=True`); this one keeps them, and each
  confirmation means "from here on nothing more is lost".
* **Reconnect promptly.** python-socketio waits 1, 2, 4 … up to 60 s between attempts,
  so after a minute-long outage the worker would stay deaf up to a minute after Redis
  is back. Here: every `RETRY_S` seconds, with a short connect timeout.
* **Tell this worker's own clients, without Redis.** After every confirmation the
  worker emits `resync` to its own connected clients only (`ignore_queue=True`: the
  other workers see their own confirmation and tell their own clients; a hint sent
  through Redis would reach them twice, or, published before they are subscribed
  again, not at all). Screens answer with a snapshot `sync` (`static/js/live.js`), made
  after the subscription is back, so each event is either in the snapshot or arrives
  live afterwards. The first confirmation, when the worker starts listening, reaches
  nobody or a screen that is syncing anyway.

Not covered: a worker whose *publishing* fails while its listener and the other
workers stay subscribed (a half-broken connection): those events reach the other
workers' screens only at their next sync (reconnection, wake-up, next resync).
"""
import logging
import time

import socketio

RESYNC_EVENT = "resync"
log = logging.getLogger(__name__)


class ResyncingRedisManager(socketio.RedisManager):
    """`socketio.RedisManager` that reconnects every `RETRY_S` s and, on every
    (re)subscription, emits `resync` to this worker's own clients."""

    RETRY_S = 0.5

    def __init__(self, url, channel="flask-socketio", write_only=False, logger=None,
                 json=None, redis_options=None):
        options = {"socket_connect_timeout": 2.0, "socket_keepalive": True,
                   **(redis_options or {})}
        super().__init__(url, channel=channel, write_only=write_only, logger=logger,
                         json=json, redis_options=options)
        self.subscriptions = 0  # confirmations seen (1 = the first subscription)
        self.lost_at = None     # time.monotonic() when the listener lost Redis

    def _redis_connect(self):
        super()._redis_connect()
        # Keep Redis's subscription confirmations: they are how a re-subscription shows.
        self.pubsub = self.redis.pubsub(ignore_subscribe_messages=False)

    def _redis_listen_with_retries(self):
        while True:
            try:
                self._redis_connect()
                pubsub = self.pubsub  # _publish may replace self.pubsub meanwhile
                pubsub.subscribe(self.channel)
                yield from pubsub.listen()
            except Exception as exc:  # noqa: BLE001  (any failure: reconnect)
                if self.lost_at is None:
                    self.lost_at = time.monotonic()
                    log.warning("Redis lost (%s): retrying every %s s", exc, self.RETRY_S)
                time.sleep(self.RETRY_S)

    def _listen(self):
        channel = self.channel.encode("utf-8")
        for message in self._redis_listen_with_retries():
            if message.get("channel") != channel:
                continue
            if message["type"] == "subscribe":
                self._subscribed()
            elif message["type"] == "message" and "data" in message:
                yield message["data"]

    def _subscribed(self) -> None:
        self.subscriptions += 1
        if self.subscriptions > 1 and self.lost_at is not None:
            log.warning("Redis subscribed again after %.1f s: this worker's screens resync",
                        time.monotonic() - self.lost_at)
        elif self.subscriptions > 1:  # redis-py reconnected inside listen()
            log.warning("Redis subscribed again: this worker's screens resync")
        self.lost_at = None
        self.server.emit(RESYNC_EVENT, {}, namespace="/", ignore_queue=True)
