"""Scale-out: two `python app.py` processes on one PostgreSQL database and the Redis queue.

A projection connected to one process must show a card posted through the other,
and both processes must hand out one sequence of event numbers for the room.
Needs this machine's PostgreSQL and Redis: skipped when they are unreachable,
unless ENSEMBLE_REQUIRE_SERVICES is set (CI), where it fails instead.
"""
import asyncio
import os
import uuid

import aiohttp
import pytest

from bench.eio import Client
from bench.run import (EMAIL, PASSWORD, PYTHON, Server, free_port, prepare_instance,
                       run_in_thread)

pytestmark = pytest.mark.services

POSTGRES = os.environ.get("ENSEMBLE_TEST_POSTGRES", "postgresql://127.0.0.1:5432/test")
REDIS = os.environ.get("ENSEMBLE_TEST_REDIS", "redis://127.0.0.1:6379/0")


def _services_or_skip():
    try:
        import psycopg
        import redis

        psycopg.connect(POSTGRES, connect_timeout=3).close()
        redis.Redis.from_url(REDIS, socket_connect_timeout=3).ping()
    except Exception as error:  # noqa: BLE001  (any failure means: not reachable)
        reason = f"PostgreSQL ({POSTGRES}) or Redis ({REDIS}) unreachable: {error}"
        if os.environ.get("ENSEMBLE_REQUIRE_SERVICES"):
            pytest.fail(reason + " (ENSEMBLE_REQUIRE_SERVICES is set)")
        pytest.skip(reason + "; set ENSEMBLE_REQUIRE_SERVICES=1 to make this a failure")


@pytest.fixture
def database():
    """A fresh PostgreSQL database for this run, dropped afterwards."""
    _services_or_skip()
    import psycopg

    name = f"ensemble_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    yield f"{base}/{name}"
    with psycopg.connect(POSTGRES, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _workers(database: str, redis_url: str, tmp_path):
    """Two `python app.py` processes on this database and Redis, stopped afterwards."""
    env = dict(os.environ, DATABASE_URL=database, MESSAGE_QUEUE_URL=redis_url,
               ENSEMBLE_INSTANCE=str(tmp_path / "instance"), SECRET_KEY="scaleout",
               PUBLIC_URL="http://127.0.0.1")
    env.pop("ASYNC_MODE", None)
    prepare_instance(env)
    servers = []
    try:
        for i in range(2):
            servers.append(Server([PYTHON, "app.py", "--host", "127.0.0.1"], free_port(), env,
                                  tmp_path / f"worker{i}.log").start())
        yield servers
    finally:
        for server in servers:
            server.stop()


@pytest.fixture
def two_workers(database, tmp_path):
    yield from _workers(database, REDIS, tmp_path)


@pytest.fixture
def private_redis(tmp_path):
    """A Redis of this test's own, which it may kill (the machine's Redis is shared)."""
    _services_or_skip()
    redis = Server(["redis-server", "--save", "", "--appendonly", "no", "--daemonize", "no"],
                   free_port(), dict(os.environ), tmp_path / "redis.log").start()
    yield redis
    redis.stop()


@pytest.fixture
def two_workers_private_redis(database, private_redis, tmp_path):
    for servers in _workers(database, f"redis://127.0.0.1:{private_redis.port}/0", tmp_path):
        yield servers, private_redis


async def _room(http, api: str) -> tuple[dict, str, str, int]:
    """Staff headers, room code, projection key and first axis of a new workshop."""
    async with http.post(f"{api}/tokens", json={"email": EMAIL,
                                                 "password": PASSWORD}) as response:
        staff = {"Authorization": f"Bearer {(await response.json())['token']}"}
    async with http.post(f"{api}/workshops", headers=staff,
                         json={"format": "logement-d-abord-10-axes"}) as response:
        links = await response.json()
    code, key = links["code"], links["projection_url"].split("key=")[1]
    async with http.get(f"{api}/workshops/{code}", headers=staff) as response:
        axis = (await response.json())["axes"][0]["id"]
    return staff, code, key, axis


async def _join(http, api: str, code: str) -> str:
    """A participant's token (joining through the worker behind `api`)."""
    async with http.post(f"{api}/workshops/{code}/participants", json={
            "organisation": "Foyer A", "organisation_type": "association",
            "profession": "travail_social"}) as response:
        return (await response.json())["token"]


def _ws(port: int) -> str:
    return f"ws://127.0.0.1:{port}/socket.io/?EIO=4&transport=websocket"


async def _redis_restart_scenario(port_a: int, port_b: int, redis: Server) -> dict:
    """Projection on B, phone on A; Redis killed, cards posted, Redis started again."""
    api_a = f"http://127.0.0.1:{port_a}/api/v1"
    async with aiohttp.ClientSession() as http:
        _staff, code, key, axis = await _room(http, api_a)
        token = await _join(http, api_a, code)
        projection = Client(http, _ws(port_b), {"code": code, "role": "projection", "key": key},
                            lambda *args: None)
        phone = Client(http, _ws(port_a), {"code": code, "role": "participant", "token": token},
                       lambda *args: None)
        await projection.open()
        await projection.sync()
        await phone.open()
        await phone.sync()

        async def post(n):
            return await phone.call("card:post", {
                "client_id": uuid.uuid4().hex, "axis": axis, "kind": "lever",
                "text": f"Carte #B{n}#"})

        async def shown(markers, seconds):
            for _ in range(int(seconds * 10)):
                if markers <= set(projection.board):
                    return True
                await asyncio.sleep(0.1)
            return False

        acks = {0: await post(0)}
        before = await shown({0}, 5)
        await asyncio.to_thread(redis.kill9)
        for n in (1, 2, 3):
            acks[n] = await post(n)
        await asyncio.sleep(1.0)  # the workers notice and start retrying
        await asyncio.to_thread(redis.start)
        during = {n for n, ack in acks.items() if ack.get("ok")}
        caught_up = await shown(during, 5)
        acks[4] = await post(4)  # live again after the restart
        live_after = await shown({4}, 5)
        result = {"before": before, "acked": sorted(n for n, a in acks.items() if a.get("ok")),
                  "caught_up": caught_up, "live_after": live_after,
                  "projection_online": projection.online, "board": sorted(projection.board)}
        await projection.close()
        await phone.close()
    return result


async def _scenario(port_a: int, port_b: int) -> dict:
    api_a = f"http://127.0.0.1:{port_a}/api/v1"
    api_b = f"http://127.0.0.1:{port_b}/api/v1"
    received = []
    async with aiohttp.ClientSession() as http:
        staff, code, key, axis = await _room(http, api_a)
        token = await _join(http, api_b, code)
        projection = Client(http, _ws(port_a), {"code": code, "role": "projection", "key": key},
                            lambda c, seq, card_id, marker, live: received.append((seq, marker)))
        phone = Client(http, _ws(port_b), {"code": code, "role": "participant", "token": token},
                       lambda *args: None)
        await projection.open()
        await projection.sync()
        await phone.open()
        await phone.sync()
        acks = []
        for n in (1, 2):
            acks.append(await phone.call("card:post", {
                "client_id": uuid.uuid4().hex, "axis": axis, "kind": "lever",
                "text": f"Posté sur l'autre processus #B{n}#"}))
        for _ in range(50):  # up to 5 s for the Redis hop
            if len(received) == 2:
                break
            await asyncio.sleep(0.1)
        async with http.get(f"{api_a}/workshops/{code}/cards", headers=staff) as response:
            stored = await response.json()
        await projection.close()
        await phone.close()
    return {"acks": acks, "received": received, "stored": stored}


def test_projection_on_one_worker_shows_cards_posted_through_the_other(two_workers):
    port_a, port_b = (server.port for server in two_workers)
    result = run_in_thread(_scenario(port_a, port_b))
    assert [ack["ok"] for ack in result["acks"]] == [True, True]
    assert [marker for _seq, marker in result["received"]] == [1, 2]
    seqs = [seq for seq, _marker in result["received"]]
    assert seqs[1] == seqs[0] + 1  # one sequence per room across both processes
    assert sorted(c["text"] for c in result["stored"]) == [
        "Posté sur l'autre processus #B1#", "Posté sur l'autre processus #B2#"]


def test_projection_catches_up_after_the_redis_queue_restarts(two_workers_private_redis):
    """Cards posted while Redis is down reach the other worker's projection once it is back,
    without the projection reconnecting (the worker tells its screens to resync)."""
    (worker_a, worker_b), redis = two_workers_private_redis
    result = run_in_thread(_redis_restart_scenario(worker_a.port, worker_b.port, redis))
    assert result["before"]
    assert result["acked"] == [0, 1, 2, 3, 4]  # acknowledgements do not need Redis
    assert result["projection_online"]  # the same connection all along
    assert result["caught_up"], result["board"]
    assert result["live_after"], result["board"]
    assert result["board"] == [0, 1, 2, 3, 4]
