"""A light Socket.IO v5 / Engine.IO v4 client over a raw websocket (aiohttp), for the benchmark.

Only what the load generator needs, so a thousand of them cost little CPU:
open packet `0{…}`, ping `2` → pong `3`, namespace connect `40{auth}` → `40{sid}` or
`44{error}` (with `since` in auth, as static/js/core/live.js: the server's `synced` answer
ahead of `40{sid}`; a server that sends none is asked `sync`), events `42["name", data]` (and phones' batches `42["events", [envelope, …]]`), emits with an ack id `42<id>["name", data]`
and the server's answers `43<id>[data]`.

Room events are parsed with two regular expressions instead of `json.loads`: a phone
only needs the envelope's `seq`, the card id and the benchmark marker `#B<n>#` that
the generator puts in every card text.
"""
import asyncio
import json
import random
import re
import time

import aiohttp

SEQ = re.compile(r'"seq":\s*(\d+)')
CARD_ID = re.compile(r'"data":\s*\{"id":\s*(\d+)')
MARK = re.compile(r"#B(\d+)#")
RESYNC_SPREAD_S = 2.0  # as static/js/core/live.js


def marker_of(text: str) -> int | None:
    found = MARK.search(text)
    return int(found.group(1)) if found else None


class ConnectRefused(Exception):
    pass


class Disconnected(Exception):
    pass


class Client:
    """One Socket.IO connection; `on_card(client, seq, card_id, marker, live)` gets room cards."""

    def __init__(self, http: aiohttp.ClientSession, url: str, auth: dict, on_card):
        self.http, self.url, self.auth, self.on_card = http, url, auth, on_card
        self.ws = None
        self.acks: dict[int, asyncio.Future] = {}
        self.next_ack = 0
        self.last_seq = 0          # highest seq seen, as static/js/core/live.js keeps it
        self.seen: set[int] = set()
        self.board: dict[int, int] = {}  # marker -> card id shown
        self.duplicates = 0        # a marker shown under two card ids
        self.online = False
        self.reader: asyncio.Task | None = None
        self.closed = asyncio.Event()
        self.syncing = 0           # syncs unanswered: live events wait in `early`
        self.early: list[dict] = []
        self.epoch = 0             # a resync supersedes the answers of earlier syncs
        self.on_resynced = None    # on_resynced(client, hint_received_at) after a `resync`
        self.answered = False      # the last open() came with its `synced` answer

    async def open(self, timeout: float = 30.0, ask: bool = False) -> None:
        """Open the websocket and connect to the default namespace with `auth` and, unless
        `ask`, `since`: `answered` tells whether the server's `synced` came with it."""
        self.closed.clear()
        epoch, answer = self.epoch, None
        auth = self.auth if ask else dict(self.auth, since=self.last_seq)
        async with asyncio.timeout(timeout):
            self.ws = await self.http.ws_connect(
                self.url, autoping=False, autoclose=False, max_msg_size=0, compress=0,
                timeout=aiohttp.ClientWSTimeout(ws_close=2.0))
            opening = await self.ws.receive()
            if opening.type != aiohttp.WSMsgType.TEXT or not opening.data.startswith("0"):
                raise Disconnected(f"no open packet: {opening.data!r}")
            await self.ws.send_str("40" + json.dumps(auth))
            self.syncing += 1  # room events ahead of the answer wait for it
            try:
                while True:  # room events and `synced` come ahead of the connect answer
                    msg = await self.ws.receive()
                    if msg.type != aiohttp.WSMsgType.TEXT:
                        raise Disconnected("closed while connecting")
                    if msg.data.startswith("40"):
                        break
                    if msg.data.startswith("44"):
                        await self.ws.close()
                        raise ConnectRefused(msg.data[2:])
                    if msg.data.startswith('42["synced"'):
                        answer = json.loads(msg.data[2:])[1]
                        continue
                    await self._handle(msg.data)
            finally:
                self.syncing -= 1
        self.online = True
        self.answered = answer is not None
        if answer is not None:
            self._take(answer, epoch)
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        ws = self.ws
        try:
            while True:
                msg = await ws.receive()
                if msg.type != aiohttp.WSMsgType.TEXT:
                    break
                if await self._handle(msg.data) is False:
                    break
        except (aiohttp.ClientError, ConnectionError):
            pass
        finally:
            self._lost()

    async def _handle(self, data: str):
        if data == "2":
            await self.ws.send_str("3")
        elif data.startswith('42["event"'):
            if self.syncing:
                self.early.append(json.loads(data[2:])[1])
            else:
                self._event_text(data, live=True)
        elif data.startswith('42["events"'):  # a batch of the crowd's events (phones)
            batch = json.loads(data[2:])[1]
            if self.syncing:
                self.early.extend(batch)
            else:
                for envelope in batch:
                    self._event(envelope, live=True)
        elif data.startswith('42["resync"'):
            asyncio.create_task(self.resync())
        elif data.startswith("43"):
            i = 2
            while data[i].isdigit():
                i += 1
            future = self.acks.pop(int(data[2:i]), None)
            if future is not None and not future.done():
                future.set_result(json.loads(data[i:])[0])
        elif data.startswith("41") or data == "1":
            return False
        return None

    def _event_text(self, data: str, live: bool) -> None:
        seq = int(SEQ.search(data).group(1))
        if seq in self.seen:
            return
        self.seen.add(seq)
        self.last_seq = max(self.last_seq, seq)
        mark, card = MARK.search(data), CARD_ID.search(data)
        if mark and card:
            self._show(int(mark.group(1)), int(card.group(1)), seq, live)

    def _event(self, envelope: dict, live: bool) -> None:
        """The same as _event_text, for an envelope already parsed."""
        seq = envelope["seq"]
        if seq in self.seen:
            return
        self.seen.add(seq)
        self.last_seq = max(self.last_seq, seq)
        data = envelope.get("data") or {}
        mark = marker_of(data.get("text") or "") if envelope.get("type") == "card" else None
        if mark is not None:
            self._show(mark, data["id"], seq, live)

    def _show(self, marker: int, card_id: int, seq: int, live: bool) -> None:
        shown = self.board.get(marker)
        if shown is not None and shown != card_id:
            self.duplicates += 1
        self.board[marker] = card_id
        self.on_card(self, seq, card_id, marker, live)

    def _lost(self) -> None:
        self.online = False
        for future in self.acks.values():
            if not future.done():
                future.set_exception(Disconnected())
        self.acks.clear()
        self.closed.set()

    async def call(self, name: str, data: dict, timeout: float = 10.0) -> dict:
        """Emit with an acknowledgement; raises Disconnected or TimeoutError."""
        if not self.online:
            raise Disconnected()
        self.next_ack += 1
        ack_id = self.next_ack
        future = asyncio.get_running_loop().create_future()
        self.acks[ack_id] = future
        await self.ws.send_str(f"42{ack_id}" + json.dumps([name, data], separators=(",", ":")))
        try:
            async with asyncio.timeout(timeout):
                return await future
        finally:
            self.acks.pop(ack_id, None)

    async def sync(self, timeout: float = 15.0, full: bool = False) -> dict:
        """Catch up like static/js/core/live.js: replay since last_seq, or take a snapshot
        (`full`, or when the server decides); live events arriving meanwhile wait."""
        epoch = self.epoch
        self.syncing += 1
        try:
            ack = await self.call("sync", {"since": 0 if full else self.last_seq}, timeout)
        finally:
            self.syncing -= 1
        return self._take(ack, epoch)

    def _take(self, ack: dict, epoch: int) -> dict:
        """Apply the answer to a sync asked in `epoch`, then the events held meanwhile."""
        if not ack.get("ok"):
            raise Disconnected(f"sync refused: {ack}")
        if epoch != self.epoch:
            return ack  # a resync came meanwhile: its snapshot will do
        early, self.early = self.early, []
        if "snapshot" in ack:
            self.seen = set()
            self.board = {}
            self.last_seq = ack["seq"]
            for card in ack["snapshot"].get("cards", []):
                mark = marker_of(card.get("text", ""))
                if mark is not None:
                    self._show(mark, card["id"], card.get("seq", 0), False)
        else:
            for envelope in ack["events"]:
                self._event(envelope, live=False)
            self.last_seq = max(self.last_seq, ack["seq"])
        for envelope in early:  # after a snapshot, only what is newer than it
            if "snapshot" not in ack or envelope["seq"] > ack["seq"]:
                self._event(envelope, live=True)
        return ack

    async def resync(self) -> None:
        """The server's `resync` hint (its Redis listener came back): a snapshot, as live.js
        (phones within RESYNC_SPREAD_S, so the projection's comes first)."""
        received = time.monotonic()
        if self.auth.get("role") == "participant":
            await asyncio.sleep(random.uniform(0, RESYNC_SPREAD_S))
        self.epoch += 1
        for _attempt in range(10):  # a sync unanswered is asked again on this connection
            if not self.online:
                return
            try:
                await self.sync(full=True)
                break
            except TimeoutError:
                continue
            except Disconnected:
                return
        if self.on_resynced is not None:
            self.on_resynced(self, received)

    async def close(self) -> None:
        """Drop the connection (a phone leaving the Wi-Fi)."""
        try:
            async with asyncio.timeout(3.0):  # a busy server may never answer the close frame
                if self.ws is not None and not self.ws.closed:
                    await self.ws.close()
        except TimeoutError:
            pass
        if self.reader is not None:
            self.reader.cancel()
            await asyncio.gather(self.reader, return_exceptions=True)
        self._lost()
