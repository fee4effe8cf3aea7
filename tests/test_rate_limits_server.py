"""`python app.py` as a venue runs it: a whole room behind one address (the venue's NAT,
here 127.0.0.1) joins and posts without a single refusal, while a script guessing
passwords from that kind of address is refused after the limit."""
import asyncio
import os
import urllib.error
import urllib.request
import uuid

import aiohttp

from bench.eio import Client
from bench.run import (EMAIL, PASSWORD, PYTHON, Server, free_port, prepare_instance,
                       run_in_thread)

PHONES, JOIN_SECONDS = 120, 10


async def _room(port: int) -> tuple[list[int], list[dict]]:
    base = f"http://127.0.0.1:{port}"
    # no pool limit: each phone's websocket holds a connection (aiohttp's default is 100)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
        async with http.post(f"{base}/api/v1/tokens",
                             json={"email": EMAIL, "password": PASSWORD}) as response:
            staff = {"Authorization": f"Bearer {(await response.json())['token']}"}
        async with http.post(f"{base}/api/v1/workshops", headers=staff,
                             json={"format": "logement-d-abord-10-axes"}) as response:
            code = (await response.json())["code"]
        async with http.get(f"{base}/api/v1/workshops/{code}", headers=staff) as response:
            axis = (await response.json())["axes"][0]["id"]

        async def phone(i: int):
            await asyncio.sleep(i * (JOIN_SECONDS - 2) / PHONES)  # all in within 8 s
            async with http.get(f"{base}/j/{code}") as page:
                statuses = [page.status]
            async with http.post(f"{base}/api/v1/workshops/{code}/participants", json={
                    "organisation": f"Foyer {i}", "organisation_type": "association",
                    "profession": "travail_social"}) as response:
                statuses.append(response.status)
                token = (await response.json())["token"]
            client = Client(http, f"ws://127.0.0.1:{port}/socket.io/?EIO=4&transport=websocket",
                            {"code": code, "role": "participant", "token": token},
                            lambda *args: None)
            await client.open(timeout=120)  # a loaded machine: speed is bench/'s business
            await client.sync(timeout=120)
            return statuses, client

        joined = await asyncio.gather(*(phone(i) for i in range(PHONES)))
        acks = await asyncio.gather(*(client.call("card:post", {
            "client_id": str(uuid.uuid4()), "axis": axis, "kind": "lever",
            "text": f"Levier {i}"}, timeout=120) for i, (_s, client) in enumerate(joined)))
        for _statuses, client in joined:
            await client.close()
    return [s for statuses, _c in joined for s in statuses], acks


def _wrong_token(port: int) -> tuple[int, str | None]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/tokens", method="POST",
        data=b'{"email": "banc@example.org", "password": "devine"}',
        headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, None
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Retry-After")


def test_a_room_behind_one_address_is_never_throttled_but_a_guesser_is(tmp_path):
    env = dict(os.environ, ENSEMBLE_INSTANCE=str(tmp_path / "instance"), SECRET_KEY="t",
               PUBLIC_URL="http://127.0.0.1")
    for name in ("ASYNC_MODE", "DATABASE_URL", "MESSAGE_QUEUE_URL"):
        env.pop(name, None)
    prepare_instance(env)
    server = Server([PYTHON, "app.py", "--host", "127.0.0.1"], free_port(), env,
                    tmp_path / "server.log").start(timeout=120)  # a busy machine
    try:
        statuses, acks = run_in_thread(_room(server.port))
        assert statuses == [200, 201] * PHONES
        assert [ack["ok"] for ack in acks] == [True] * PHONES, [
            ack for ack in acks if not ack["ok"]][:3]

        # a brute-force script from the same kind of address (the organiser logged in once)
        answers = [_wrong_token(server.port) for _ in range(15)]
    finally:
        server.stop()
    codes = [status for status, _retry in answers]
    assert codes[:9] == [401] * 9 and codes[-5:] == [429] * 5
    assert all(1 <= int(retry) <= 60 for status, retry in answers if status == 429)
