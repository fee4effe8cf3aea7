"""Load generator: N phones and one projection per room against a running server.

    python bench/loadgen.py --port 5000 --email orga@example.org --password … \
        --scenario steady --phones 300 --duration 60 --pid <server pid> --json

Every phone is a bench.eio.Client on 127.0.0.1 that behaves like static/js/core/live.js
(sync on connect with its last seq, keeps unacknowledged posts in an outbox and
re-sends them with the same client_id after reconnecting). Every card text carries a
marker `#B<n>#`, so the generator can time each card from post to acknowledgement,
to the projection and to the last phone, and count at the end which cards are
stored (staff API), shown on each board, lost or duplicated. `--bare` targets
bench/baseline_server.py instead (no registration, no database).

Scenarios (all bounded by --duration; connecting is always a join storm over
--storm seconds): steady (each phone posts every --period s), burst (all phones
post within 5 s), rates (step the post rate, --rates, to find sustained capacity),
churn (steady + 10 % of phones drop for 5–60 s), kill (steady; the caller kills and
restarts the server at --kill-at via the `faults` hook), faults (churn and kill), soak (steady, RSS and fds
sampled every 10 s), redis (steady; the caller restarts the workers' Redis at --kill-at and
calls Generator.queue_back: how long until every board shows what was acknowledged).
"""
import argparse
import asyncio
import json
import random
import resource
import sys
import time
import uuid

import aiohttp

from bench.eio import Client, ConnectRefused, Disconnected, marker_of
from bench.stats import ProcWatch, percentiles

TEXT = ("Un levier qui marche : l'accompagnement pluridisciplinaire qui vient vers "
        "la personne, dans son logement, sans condition préalable #B{}#")


def log(*parts) -> None:
    """Progress on stderr (stdout is for the figures)."""
    print(time.strftime("%H:%M:%S"), *parts, file=sys.stderr, flush=True)


class Phone:
    """One participant: a Client plus the outbox of live.js."""

    def __init__(self, gen, index: int, room: dict, auth: dict, port: int, projection=False):
        self.gen, self.index, self.room, self.projection = gen, index, room, projection
        url = f"ws://127.0.0.1:{port}/socket.io/?EIO=4&transport=websocket"
        self.client = Client(gen.http, url, auth, gen.on_card)
        self.client.phone = self
        self.outbox: dict[str, tuple[int, dict]] = {}
        self.flushing = False
        self.away = False
        self.synced = asyncio.Event()
        self.resyncs: list[dict] = []
        if projection:
            self.client.on_resynced = self._resynced

    def _resynced(self, client, received: float) -> None:
        """A `resync` hint answered (the worker's Redis came back): time it, count what is missing."""
        room = self.gen.rooms.index(self.room)
        acked = {m for m, at in self.gen.acked.items()
                 if at <= received and self.gen.marker_room.get(m) == room}
        self.resyncs.append({"hint": True, "resync_s": round(time.monotonic() - received, 3),
                             "missing": len(acked - set(client.board))})

    async def stay_connected(self) -> None:
        """Connect, sync, flush; reconnect with live.js-like backoff until the run stops."""
        attempt = 0
        while not self.gen.stopping:
            if self.away:
                await asyncio.sleep(0.2)
                continue
            started = time.monotonic()
            acked_before = set(self.gen.acked) if self.projection else None
            try:
                await self.client.open(ask=self.gen.args.ask_sync)
                if not self.client.answered:
                    await self._sync()
            except ConnectRefused as refused:
                self.gen.errors.append(f"refused: {refused}")
                return
            except (OSError, aiohttp.ClientError, Disconnected, TimeoutError, AssertionError):
                # (aiohttp asserts when the server resets a connection mid-handshake)
                attempt += 1
                await asyncio.sleep(min(5.0, 0.5 * 2 ** attempt) * random.uniform(0.5, 1.5))
                continue
            if self.projection and self.synced.is_set():  # a reconnection: time the resync
                missing = len(acked_before - set(self.client.board))
                self.resyncs.append({"resync_s": time.monotonic() - started, "missing": missing})
            attempt = 0
            self.synced.set()
            while not self.client.closed.is_set():  # live.js re-flushes every 5 s
                await self.flush()
                try:
                    await asyncio.wait_for(self.client.closed.wait(), 5.0)
                except TimeoutError:
                    pass

    async def _sync(self) -> None:
        """live.js: a sync unanswered after --sync-timeout is asked again on the same, still
        alive, connection ("inplace"); "reconnect" is what live.js did before."""
        a = self.gen.args
        for _attempt in range(10 if a.sync_retry == "inplace" else 1):
            try:
                await self.client.sync(a.sync_timeout)
                return
            except TimeoutError:
                if a.sync_retry != "inplace":
                    await self.client.close()
                    raise
        raise TimeoutError

    async def post(self, marker: int) -> None:
        client_id = uuid.uuid4().hex
        payload = {"client_id": client_id, "axis": self.room["axis"], "kind": "lever",
                   "text": TEXT.format(marker)}
        self.outbox[client_id] = (marker, payload)
        self.gen.sent[marker] = time.monotonic()
        await self.flush()

    async def flush(self) -> None:
        """Send the outbox one item at a time, like live.js (one flush at a time)."""
        if self.flushing:
            return
        self.flushing = True
        try:
            for client_id, (marker, payload) in list(self.outbox.items()):
                if not self.client.online:
                    return
                try:
                    ack = await self.client.call("card:post", payload)
                except (Disconnected, TimeoutError, ConnectionError):
                    return
                if client_id not in self.outbox:
                    continue
                del self.outbox[client_id]
                if ack.get("ok"):
                    self.gen.acked.setdefault(marker, time.monotonic())
                else:
                    self.gen.errors.append(str(ack.get("error")))
        finally:
            self.flushing = False

    async def wander(self, away_s: float) -> None:
        """Churn: leave the Wi-Fi for away_s seconds, then come back."""
        self.away = True
        await self.client.close()
        await asyncio.sleep(away_s)
        self.away = False


def soak_growth(samples: list[dict], warmup: float) -> dict:
    """RSS growth in %, from the first sample and from the first one after the warm-up."""
    def growth(first, last):
        return round((last["rss_kb"] - first["rss_kb"]) * 100 / first["rss_kb"], 2)
    steady = [s for s in samples if s["t"] >= warmup] or samples[-1:]
    return {"rss_growth_pct": growth(samples[0], samples[-1]) if samples else None,
            "rss_growth_after_warmup_pct": growth(steady[0], samples[-1]) if samples else None,
            "steady_minutes": round((samples[-1]["t"] - steady[0]["t"]) / 60, 1) if samples else 0}


class Generator:
    def __init__(self, args, http, rooms, tokens, pids_fn):
        self.args, self.http, self.rooms, self.pids_fn = args, http, rooms, pids_fn
        self.stopping = False
        self.sent: dict[int, float] = {}
        self.acked: dict[int, float] = {}
        self.proj_at: dict[int, float] = {}
        self.phone_last: dict[int, float] = {}
        self.phone_n: dict[int, int] = {}
        self.marker_room: dict[int, int] = {}
        self.marker_step: dict[int, int] = {}
        self.deliveries = 0
        self.errors: list[str] = []
        ports = args.ports
        self.phones = [Phone(self, i, rooms[i % len(rooms)],
                             {"code": rooms[i % len(rooms)]["code"], "role": "participant",
                              "token": tokens[i]}, ports[i % len(ports)])
                       for i in range(len(tokens))]
        self.projections = [Phone(self, -1, room, {"code": room["code"], "role": "projection",
                                                   "key": room["key"]}, ports[0], projection=True)
                            for room in rooms]

    def on_card(self, client, seq, card_id, marker, live) -> None:
        now = time.monotonic()
        if live:
            self.deliveries += 1
        if client.phone.projection:
            self.proj_at.setdefault(marker, now)
        elif live:
            self.phone_last[marker] = now
            self.phone_n[marker] = self.phone_n.get(marker, 0) + 1

    def schedule(self) -> list[tuple[float, Phone, int]]:
        """(offset in seconds, phone, rate step) of every post of the scenario."""
        a, phones, plan = self.args, self.phones, []
        if a.scenario == "burst":
            plan = [(random.uniform(0, 5), p, 0) for p in phones]
        elif a.scenario == "rates":
            start = 0.0
            for step, rate in enumerate(a.rates):
                n = int(rate * a.step)
                plan += [(start + k / rate, random.choice(phones), step) for k in range(n)]
                start += a.step + 3.0  # a gap so steps do not blur
        else:
            for p in phones:
                t = random.uniform(0, a.period)
                while t < a.duration:
                    plan.append((t, p, 0))
                    t += a.period
        return sorted(plan, key=lambda item: item[0])

    async def run(self, faults=None) -> dict:
        a = self.args
        watch = ProcWatch(self.pids_fn)
        for projection in self.projections:
            asyncio.create_task(projection.stay_connected())
        await asyncio.wait_for(asyncio.gather(*(p.synced.wait() for p in self.projections)), 60)
        rss_before = watch.rss()
        log(f"join storm: {len(self.phones)} phones in {a.storm} s")
        join_cpu0 = watch.cpu()
        started = time.monotonic()
        for i, phone in enumerate(self.phones):  # the join storm (QR moment)
            asyncio.get_running_loop().call_at(
                started + a.storm * i / max(1, len(self.phones)),
                lambda p=phone: asyncio.create_task(p.stay_connected()))
        try:
            await asyncio.wait_for(asyncio.gather(*(p.synced.wait() for p in self.phones)),
                                   a.join_timeout)
        except TimeoutError:
            pass
        joined = sum(p.synced.is_set() for p in self.phones)
        join_s = time.monotonic() - started
        join_cpu = watch.cpu() - join_cpu0
        await asyncio.sleep(1.5)  # let presence updates settle before measuring
        rss_after = watch.rss()
        figures = {"phones": len(self.phones), "rooms": len(self.rooms), "joined": joined,
                   "join_storm_s": round(join_s, 3),
                   "server_cpu_ms_per_join": round(join_cpu * 1000 / max(1, joined), 1),
                   "rss_per_connection_kb": round((rss_after - rss_before) / max(1, joined), 1),
                   "rss_after_join_mb": round(rss_after / 1024, 1)}
        log(f"joined {joined} in {join_s:.1f} s; posting ({a.scenario})")
        cpu0, self.deliveries = watch.cpu(), 0
        gen_cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        lag = asyncio.create_task(self._loop_lag(watch))
        extra = [asyncio.create_task(self._churn())] if a.scenario in ("churn", "faults") else []
        samples = asyncio.create_task(watch.sample(10.0)) if a.scenario == "soak" else None
        if faults:
            extra.append(asyncio.create_task(faults(self)))
        post_start = time.monotonic()
        for offset, phone, step in self.schedule():
            delay = post_start + offset - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            marker = len(self.marker_room)
            self.marker_room[marker] = phone.index % len(self.rooms)
            self.marker_step[marker] = step
            asyncio.create_task(phone.post(marker))
        post_s = time.monotonic() - post_start
        await asyncio.gather(*extra)
        log(f"posted {len(self.sent)} cards in {post_s:.1f} s; draining")
        await self._drain()
        cpu_s, deliveries = watch.cpu() - cpu0, self.deliveries
        gen_cpu1 = resource.getrusage(resource.RUSAGE_SELF)
        lag.cancel()
        figures.update(self._latencies())
        figures.update({
            "posting_s": round(post_s, 1), "cards_per_s": round(len(self.sent) / max(post_s, 1e-9), 1),
            "deliveries": deliveries,
            "server_cpu_us_per_delivery": round(cpu_s * 1e6 / max(1, deliveries), 1),
            "server_cpu_share": round(cpu_s / max(post_s, 1e-9), 2),
            "generator_cpu_share": round((gen_cpu1.ru_utime + gen_cpu1.ru_stime - gen_cpu0.ru_utime
                                          - gen_cpu0.ru_stime) / max(post_s, 1e-9), 2),
            "generator_loop_lag_max_ms": round(self.max_lag * 1000, 1),
            "rss_end_mb": round(watch.rss() / 1024, 1),
        })
        if samples:
            samples.cancel()
            figures["soak_samples"] = watch.samples
            figures.update(soak_growth(watch.samples, a.warmup))
        log("counting")
        figures.update(await self._count())
        resyncs = [r for p in self.projections for r in p.resyncs]
        if resyncs:
            figures["projection_resyncs"] = resyncs
        if hasattr(self, "queue_restart"):
            figures["queue_restart"] = self.queue_restart
        figures["errors"] = self.errors[:5]
        figures["error_count"] = len(self.errors)
        return figures

    max_lag = 0.0

    async def queue_back(self, limit: float = 30.0) -> None:
        """The message queue (Redis) was started again: how long until each projection, and
        then every phone, shows every card acknowledged so far (figures: `queue_restart`)."""
        back = time.monotonic()
        figures = self.queue_restart = {
            "down_s": round(back - getattr(self, "killed_at", back), 2)}
        boards = self.projections + self.phones

        def expected(p):
            room = self.rooms.index(p.room)
            return {m for m in self.acked if self.marker_room.get(m) == room}
        wanted = {id(p): expected(p) for p in boards}
        missing = {id(p): len(wanted[id(p)] - set(p.client.board)) for p in boards}
        figures["acked_before_back"] = len(self.acked)
        figures["projection_missing_when_back"] = sum(missing[id(p)] for p in self.projections)
        figures["boards_missing_when_back"] = sum(bool(n) for n in missing.values())
        waiting = list(boards)
        while waiting and time.monotonic() < back + limit:
            waiting = [p for p in waiting if not wanted[id(p)] <= set(p.client.board)]
            if not any(p.projection for p in waiting) and "projection_caught_up_s" not in figures:
                figures["projection_caught_up_s"] = round(time.monotonic() - back, 3)
            await asyncio.sleep(0.05)
        if not waiting:
            figures["all_boards_caught_up_s"] = round(time.monotonic() - back, 3)
        figures["boards_not_caught_up"] = len(waiting)

    async def _loop_lag(self, watch) -> None:
        """The generator's own event-loop lag; also keeps the servers' CPU readings fresh."""
        while True:
            before = time.monotonic()
            await asyncio.sleep(0.1)
            self.max_lag = max(self.max_lag, time.monotonic() - before - 0.1)
            watch.cpu()

    async def _churn(self) -> None:
        """10 % of phones drop for 5–60 s (scaled to the run) at a random moment, then return."""
        a = self.args
        away_max = min(60.0, max(5.0, a.duration * 0.6))
        chosen = random.sample(self.phones, max(1, len(self.phones) // 10))

        async def one(phone):
            await asyncio.sleep(random.uniform(0, max(0.1, a.duration - away_max)))
            await phone.wander(random.uniform(5.0, away_max))
        await asyncio.gather(*(one(p) for p in chosen))

    async def _drain(self, limit: float = 30.0) -> None:
        """Wait until every outbox is empty and each projection shows every acked card."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            pending = sum(len(p.outbox) for p in self.phones)
            shown = set().union(*(p.client.board for p in self.projections))
            if not pending and all(p.client.online for p in self.phones) \
                    and set(self.acked) <= shown:
                break
            await asyncio.sleep(0.25)
        await asyncio.sleep(2.0)  # what is still in flight after that counts as lost

    def _latencies(self) -> dict:
        post_ack = [self.acked[m] - self.sent[m] for m in self.acked if m in self.sent]
        post_proj = [self.proj_at[m] - self.sent[m] for m in self.proj_at if m in self.sent]
        per_room = {}
        for phone in self.phones:
            if phone.index >= 0:
                per_room[phone.index % len(self.rooms)] = per_room.get(phone.index % len(self.rooms), 0) + 1
        complete = [m for m, n in self.phone_n.items()
                    if n >= per_room.get(self.marker_room.get(m, 0), 0)]
        post_all = [self.phone_last[m] - self.sent[m] for m in complete if m in self.sent]
        steps = []
        if self.args.scenario == "rates":  # capacity: deliveries/s each step sustained
            receivers = len(self.phones) // len(self.rooms) + 1
            for step, rate in enumerate(self.args.rates):
                mine = [m for m, s in self.marker_step.items() if s == step]
                last = [self.phone_last[m] - self.sent[m] for m in mine if m in complete]
                proj = [self.proj_at[m] - self.sent[m] for m in mine if m in self.proj_at]
                steps.append({"cards_per_s": rate, "deliveries_per_s": rate * receivers,
                              "cards": len(mine), "live_to_all": len(last),
                              "post_projection_ms": percentiles(proj),
                              "post_last_phone_ms": percentiles(last)})
            good = [st["deliveries_per_s"] for st in steps
                    if st["live_to_all"] == st["cards"] and st["cards"]
                    and st["post_last_phone_ms"]["p95"] <= 250]
            steps = {"rate_steps": steps, "sustained_deliveries_per_s": max(good, default=0)}
        return dict(steps or {}, **{"post_ack_ms": percentiles(post_ack), "post_projection_ms": percentiles(post_proj),
                "post_last_phone_ms": percentiles(post_all),
                "cards_live_to_all_phones": len(complete)})

    async def _count(self) -> dict:
        """Sent / acked / stored / shown, lost and duplicated, against the database."""
        acked = set(self.acked)  # before reading the database: later acks may race the read
        stored: dict[int, list[int]] = {}
        if not self.args.bare:
            for room in self.rooms:
                url = f"http://127.0.0.1:{self.args.ports[0]}/api/v1/workshops/{room['code']}/cards"
                for _attempt in range(3):  # a saturated server may time out once
                    try:
                        async with self.http.get(url, headers=self.args.staff_headers) as response:
                            cards = await response.json()
                        if response.status == 200 and isinstance(cards, list):
                            break
                        self.errors.append(f"counting: HTTP {response.status}")
                    except (aiohttp.ClientError, TimeoutError) as error:
                        self.errors.append(f"counting: {error!r}")
                else:
                    return {"counting_failed": True}
                for card in cards:
                    mark = marker_of(card["text"])
                    if mark is not None:
                        stored.setdefault(mark, []).append(card["id"])
        stored_set = set(stored) if not self.args.bare else acked
        boards_incomplete = missing_on_boards = 0
        for p in self.phones + self.projections:
            room_cards = {m for m in stored_set
                          if self.marker_room.get(m) == self.rooms.index(p.room)}
            missing = len(room_cards - set(p.client.board))
            missing_on_boards += missing
            boards_incomplete += bool(missing)
        shown = set().union(*(p.client.board for p in self.projections))
        return {
            "cards_sent": len(self.sent), "cards_acked": len(self.acked),
            "cards_stored": len(stored) if not self.args.bare else None,
            "cards_shown_projection": len(shown & set(self.sent)),
            "lost_acked_not_stored": len(acked - stored_set),
            "lost_acked_not_on_projection": len(acked - shown),
            "duplicated_in_db": sum(len(ids) - 1 for ids in stored.values()),
            "duplicated_on_boards": sum(p.client.duplicates for p in self.phones + self.projections),
            "boards_incomplete": boards_incomplete, "cards_missing_on_boards": missing_on_boards,
            "unacked_left": sum(len(p.outbox) for p in self.phones),
        }

    async def close(self) -> None:
        self.stopping = True
        await asyncio.gather(*(p.client.close() for p in self.phones + self.projections),
                             return_exceptions=True)


async def setup(args, http) -> tuple[list[dict], list[str]]:
    """Create the rooms and register the phones (Ensemble), or invent them (bare)."""
    base = f"http://127.0.0.1:{args.ports[0]}/api/v1"
    if args.bare:
        rooms = [{"code": f"BARE{r}", "key": "k", "axis": 1} for r in range(args.rooms)]
        return rooms, [f"t{i}" for i in range(args.phones * args.rooms)]
    async with http.post(f"{base}/tokens", json={"email": args.email,
                                                  "password": args.password}) as response:
        token = (await response.json())["token"]
    args.staff_headers = {"Authorization": f"Bearer {token}"}
    rooms = []
    for r in range(args.rooms):
        async with http.post(f"{base}/workshops", headers=args.staff_headers,
                             json={"format": args.format, "title": f"Banc {r}"}) as response:
            links = await response.json()
        async with http.get(f"{base}/workshops/{links['code']}",
                            headers=args.staff_headers) as response:
            axes = (await response.json())["axes"]
        key = links["projection_url"].split("key=")[1].split("&")[0]
        rooms.append({"code": links["code"], "key": key, "axis": axes[0]["id"]})
    limit = asyncio.Semaphore(16)

    async def register(i):
        async with limit:
            async with http.post(f"{base}/workshops/{rooms[i % len(rooms)]['code']}/participants",
                                 json={"organisation": f"Structure {i % 37}",
                                       "organisation_type": "association",
                                       "profession": "travail_social"}) as response:
                return (await response.json())["token"]
    started = time.monotonic()
    tokens = await asyncio.gather(*(register(i) for i in range(args.phones * args.rooms)))
    args.registration_s = round(time.monotonic() - started, 2)
    return rooms, list(tokens)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--port", type=int, action="append", dest="ports",
                   help="server port (repeat: phones are spread over the ports)")
    p.add_argument("--bare", action="store_true", help="target bench/baseline_server.py")
    p.add_argument("--email"), p.add_argument("--password")
    p.add_argument("--format", default="logement-d-abord-10-axes")
    p.add_argument("--scenario", default="steady",
                   choices=("steady", "burst", "rates", "churn", "kill", "faults", "soak", "redis"))
    p.add_argument("--warmup", type=float, default=300.0,
                   help="soak: seconds of posting before RSS counts as steady")
    p.add_argument("--phones", type=int, default=60, help="phones per room")
    p.add_argument("--rooms", type=int, default=1)
    p.add_argument("--period", type=float, default=30.0, help="seconds between posts of a phone")
    p.add_argument("--duration", type=float, default=60.0, help="posting time, seconds")
    p.add_argument("--rates", type=lambda s: [float(x) for x in s.split(",")],
                   default=[10, 20, 40], help="cards/s steps of the rates scenario")
    p.add_argument("--step", type=float, default=8.0, help="seconds per rate step")
    p.add_argument("--storm", type=float, default=2.0, help="all phones connect within this")
    p.add_argument("--join-timeout", type=float, default=60.0)
    p.add_argument("--sync-timeout", type=float, default=15.0, help="as static/js/core/live.js")
    p.add_argument("--sync-retry", choices=("reconnect", "inplace"), default="inplace",
                   help="after a sync timeout: ask again (live.js) or reconnect (live.js before)")
    p.add_argument("--ask-sync", action="store_true",
                   help="connect without `since` and ask `sync` (live.js before `synced`)")
    p.add_argument("--pid", type=int, action="append", dest="pids", default=[],
                   help="server pid(s) for CPU and RSS (/proc)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    return p


async def measure(args, pids_fn=None, faults=None) -> dict:
    """Run one scenario end to end; returns the figures."""
    args.staff_headers = {}
    pids_fn = pids_fn or (lambda: args.pids)
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        log(f"setup: {args.rooms} room(s) × {args.phones} phones, {'bare' if args.bare else 'Ensemble'}")
        rooms, tokens = await setup(args, http)
        gen = Generator(args, http, rooms, tokens, pids_fn)
        try:
            figures = await gen.run(faults)
        finally:
            log("closing")
            await gen.close()
    figures["registration_s"] = getattr(args, "registration_s", None)
    return figures


def main(argv=None) -> None:
    args = parser().parse_args(argv)
    args.ports = args.ports or [5000]
    figures = asyncio.run(measure(args))
    print(json.dumps(figures, indent=1) if args.json else "\n".join(
        f"{k}: {v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
