"""`python app.py` as people run it: the default server holds many phones cheaply."""
import asyncio
import os

import aiohttp

from bench.eio import Client
from bench.run import (EMAIL, PASSWORD, PYTHON, Server, free_port, prepare_instance,
                       run_in_thread)

PHONES = 40


def _threads(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("Threads:"))


async def _threads_with_phones(port: int, pid: int) -> tuple[list[bool], int]:
    """Connect PHONES phones, count the server's threads while they are in."""
    base = f"http://127.0.0.1:{port}/api/v1"
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{base}/tokens", json={"email": EMAIL,
                                                     "password": PASSWORD}) as response:
            staff = {"Authorization": f"Bearer {(await response.json())['token']}"}
        async with http.post(f"{base}/workshops", headers=staff,
                             json={"format": "logement-d-abord-10-axes"}) as response:
            code = (await response.json())["code"]
        phones = []
        for i in range(PHONES):
            async with http.post(f"{base}/workshops/{code}/participants", json={
                    "organisation": f"Foyer {i}", "organisation_type": "association",
                    "profession": "travail_social"}) as response:
                token = (await response.json())["token"]
            phone = Client(http, f"ws://127.0.0.1:{port}/socket.io/?EIO=4&transport=websocket",
                           {"code": code, "role": "participant", "token": token},
                           lambda *args: None)
            await phone.open()
            await phone.sync()
            phones.append(phone)
        await asyncio.sleep(0.5)
        online, threads = [phone.online for phone in phones], _threads(pid)
        for phone in phones:
            await phone.close()
    return online, threads


def test_default_server_does_not_spend_a_thread_per_phone(tmp_path):
    env = dict(os.environ, ENSEMBLE_INSTANCE=str(tmp_path / "instance"), SECRET_KEY="t",
               PUBLIC_URL="http://127.0.0.1")
    for name in ("ASYNC_MODE", "DATABASE_URL", "MESSAGE_QUEUE_URL"):
        env.pop(name, None)
    prepare_instance(env)
    server = Server([PYTHON, "app.py", "--host", "127.0.0.1"], free_port(), env,
                    tmp_path / "server.log").start()
    try:
        before = _threads(server.pid)
        online, threads = run_in_thread(_threads_with_phones(server.port, server.pid))
        assert online == [True] * PHONES
        assert threads - before < 5  # ASYNC_MODE=threading: about 4 threads per phone
    finally:
        server.stop()
