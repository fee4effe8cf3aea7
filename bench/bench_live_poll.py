"""A poll made from the console during a live day: how long until every phone has it.

    .venv/bin/python bench/bench_live_poll.py [--phones 60] [--polls 10] [--mode gevent]
        [--voting 0.5] [--results hidden|live] [--postgres] [--json]

Starts `python app.py` on a fresh instance (bench/run.py: SQLite, or PostgreSQL with
--postgres), an organiser, one workshop opened on its first sequence, and `--phones` light
Socket.IO phones (bench/eio.py) registered and synced like static/js/core/live.js. Then,
`--polls` times, the facilitator's `POST …/activities {start: true}` (what « Lancer
maintenant » sends, by REST here) makes a single-choice poll whose question carries a marker
`#P<n>#`; a phone *has it* when the `state` event that moves the room to it arrives (it
comes after the `sequence` and `poll` events, in order, so the phone can show the poll).
Reported: the creation's answer time (and, for comparison, that of the shortest action
of the facilitator, « Montrer l'activité en cours », sent just after) and, per poll, the time from sending the request to
the first, median and last phone; and over all polls the percentiles of « the last phone ».

--results hidden (the console's default; each vote is then two events, the room's without
counts and the staff's) or live.

--voting R: meanwhile every phone changes its vote on the poll being shown R times a
second (random moments), as a room answering; 0: an idle room.
"""
import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import time
import types
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import run  # noqa: E402
from bench.eio import Client  # noqa: E402
from bench.stats import cpu_seconds, percentiles  # noqa: E402

OPTIONS = ["Coordination", "Mutualisation", "Intégration", "Aucune"]


class Phone(Client):
    """A phone that notes when the `state` event naming the marker arrives."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.waiting: tuple[str, asyncio.Future] | None = None

    async def _handle(self, data: str):
        if self.waiting and '"type":"state"' in data and self.waiting[0] in data:
            marker, future = self.waiting
            self.waiting = None
            if not future.done():
                future.set_result(time.monotonic())
        return await super()._handle(data)


async def vote_loop(phones, current, rate: float, stop: asyncio.Event, counts: dict):
    """Each phone changes its vote on the poll being shown about `rate` times a second."""
    async def one(phone):
        while not stop.is_set():
            await asyncio.sleep(random.expovariate(rate))
            if current["key"] and phone.online:
                try:
                    ack = await phone.call("poll:vote", {"poll": current["key"],
                                                         "choices": [random.choice(["o1", "o2", "o3"])]})
                    counts["ok" if ack.get("ok") else "refused"] += 1
                except (TimeoutError, Exception):  # noqa: BLE001 — counted, the bench goes on
                    counts["failed"] += 1
    await asyncio.gather(*(one(p) for p in phones))


async def measure(args, port: int, pid: int) -> dict:
    base = f"http://127.0.0.1:{port}/api/v1"
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{base}/tokens", json={"email": run.EMAIL,
                                                      "password": run.PASSWORD}) as response:
            staff = {"Authorization": f"Bearer {(await response.json())['token']}"}
        async with http.post(f"{base}/workshops", headers=staff,
                             json={"format": "logement-d-abord-10-axes", "title": "Banc sondage"}) as r:
            code = (await r.json())["code"]
        async with http.get(f"{base}/workshops/{code}/agenda", headers=staff) as r:
            first = (await r.json())["days"][0]["sequences"][0]["id"]
        async with http.post(f"{base}/workshops/{code}/agenda", headers=staff,
                             json={"action": "goto", "sequence": first}) as r:
            assert r.status == 200, await r.text()
        phones = []
        for i in range(args.phones):
            async with http.post(f"{base}/workshops/{code}/participants", json={
                    "organisation": f"Structure {i % 23}", "organisation_type": "association",
                    "profession": "travail_social"}) as r:
                token = (await r.json())["token"]
            phones.append(Phone(http, f"ws://127.0.0.1:{port}/socket.io/?EIO=4&transport=websocket",
                                {"code": code, "role": "participant", "token": token},
                                on_card=lambda *a: None))
        await asyncio.gather(*(p.open() for p in phones))
        await asyncio.gather(*(p.sync() for p in phones))

        current, counts, stop = {"key": None}, {"ok": 0, "refused": 0, "failed": 0}, asyncio.Event()
        voting = asyncio.create_task(vote_loop(phones, current, args.voting, stop, counts)) \
            if args.voting > 0 else None
        runs, load = [], []
        cpu_before, started = cpu_seconds(pid), time.monotonic()
        for n in range(args.polls):
            marker = f"#P{n}#"
            loop = asyncio.get_running_loop()
            futures = []
            for phone in phones:
                future = loop.create_future()
                phone.waiting = (marker, future)
                futures.append(future)
            await asyncio.sleep(0.5 + random.random())  # not in step with the votes
            sent = time.monotonic()
            async with http.post(f"{base}/workshops/{code}/activities", headers=staff, json={
                    "activity": "poll", "question": f"Où en est notre territoire ? {marker}",
                    "kind": "single", "options": OPTIONS[:3], "start": True,
                    "results": args.results}) as r:
                made = await r.json()
                answered = time.monotonic()
                assert r.status == 201, made
            arrived = await asyncio.wait_for(asyncio.gather(*futures), timeout=30)
            current["key"] = made["poll"]["key"]
            ms = sorted(round((t - sent) * 1000, 1) for t in arrived)
            shown = time.monotonic()  # for comparison: the facilitator's shortest action
            async with http.post(f"{base}/workshops/{code}/agenda", headers=staff,
                                 json={"action": "show"}) as r:
                assert r.status == 200, await r.text()
            runs.append({"create_ms": round((answered - sent) * 1000, 1), "first_phone_ms": ms[0],
                         "median_phone_ms": ms[len(ms) // 2], "last_phone_ms": ms[-1],
                         "show_ms": round((time.monotonic() - shown) * 1000, 1)})
            load.append(os.getloadavg()[0])
        server_cpu = (cpu_seconds(pid) - cpu_before) / (time.monotonic() - started)
        stop.set()
        if voting:
            await voting
        await asyncio.gather(*(p.close() for p in phones))
    last = [r["last_phone_ms"] for r in runs]
    return {"phones": args.phones, "polls": args.polls, "voting_per_phone_per_s": args.voting,
            "votes": counts, "runs": runs, "last_phone_ms": percentiles([ms / 1000 for ms in last]),
            "create_ms": percentiles([r["create_ms"] / 1000 for r in runs]),
            "show_ms": percentiles([r["show_ms"] / 1000 for r in runs]),
            "within_1s": sum(1 for ms in last if ms <= 1000), "loadavg_1min": max(load),
            "server_cpu_share": round(server_cpu, 2)}


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--phones", type=int, default=60)
    p.add_argument("--polls", type=int, default=10)
    p.add_argument("--mode", default="gevent", choices=("gevent", "threading"))
    p.add_argument("--voting", type=float, default=0.0, help="votes per phone per second")
    p.add_argument("--results", default="hidden", choices=("hidden", "live"),
                   help="hidden (the console's default: two events per vote) or live")
    p.add_argument("--postgres", action="store_true")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        server_args = types.SimpleNamespace(postgres=args.postgres, workers=1, redis=None)
        servers, cleanup = run.ensemble_servers(args.mode, Path(tmp), server_args)
        try:
            result = asyncio.run(measure(args, servers[0].port, servers[0].pid))
        finally:
            for server in servers:
                server.stop()
            cleanup()
    result.update(mode=args.mode, results=args.results, database="postgresql" if args.postgres else "sqlite",
                  date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), cpus=os.cpu_count())
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['date']}, {args.mode}, {result['database']}, {args.phones} phones, "
          f"voting {args.voting}/s/phone, load ≤ {result['loadavg_1min']:.1f} on {result['cpus']} cores, "
          f"server {result['server_cpu_share']:.0%} of a core")
    for i, r in enumerate(result["runs"]):
        print(f"  poll {i}: created in {r['create_ms']} ms; phones {r['first_phone_ms']} / "
              f"{r['median_phone_ms']} / {r['last_phone_ms']} ms (first / median / last)")
    print(f"  last phone: {result['last_phone_ms']}; within 1 s: {result['within_1s']}/{args.polls}")


if __name__ == "__main__":
    main()
