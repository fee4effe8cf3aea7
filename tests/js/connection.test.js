// The room connection (core/live.js) catches up once connected: a `sync` the server
// refuses is asked again, and a `resync` hint takes a whole snapshot.
import { test } from "node:test";
import assert from "node:assert/strict";

class FakeSocket {
  constructor() {
    Object.assign(this, { handlers: {}, asked: [], connected: true, active: true, id: "s1" });
  }
  on(name, fn) { this.handlers[name] = fn; }
  fire(name, ...args) { this.handlers[name](...args); }
  timeout() {
    return { emit: (name, data, answer) => this.asked.push({ name, data, answer }) };
  }
  /* Answer the oldest unanswered `sync` (its promise settles on the next tick). */
  async answer(ack) {
    const call = this.asked.find((c) => c.name === "sync" && !c.done);
    assert.ok(call, "no sync was asked");
    call.done = true;
    call.answer(null, ack);
    await sleep(0);
  }
  syncs() { return this.asked.filter((c) => c.name === "sync"); }
}

let socket;
globalThis.window = {};
globalThis.document = { addEventListener() {}, visibilityState: "visible" };
globalThis.io = () => (socket = new FakeSocket());
const { Live } = await import("../../static/js/core/live.js");
const { BoardStore } = await import("../../static/js/store/board.js");

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const card = (id, seq) => ({ id, seq, axis: 1, kind: "lever", text: `carte ${id}`, supports: 0, hidden: false });
const snapshot = (cards, seq) => ({ ok: true, seq, now: Date.now(), snapshot: { cards, my_supports: [] } });

function connected(role = "projection") {
  const board = new BoardStore();
  const states = [];
  const live = new Live({ code: "ABC123", role }, { stores: [board], onStatus: (s) => states.push(s) });
  live.start();
  socket.fire("connect");
  return { live, board, states };
}

test("a sync the server refuses (database down a moment) is asked again after retry_after", async () => {
  const { live, board, states } = connected();
  await socket.answer({ ok: false, error: { code: "database_unavailable", retry_after: 0.02 } });
  assert.equal(states.at(-1), "offline");
  assert.equal(live.connected(), false);
  await sleep(60);
  assert.equal(socket.syncs().length, 2, "the refused sync was not asked again");
  await socket.answer(snapshot([card(1, 3)], 3));
  assert.equal(live.connected(), true);
  assert.equal(states.at(-1), "online");
  socket.fire("event", { seq: 4, type: "card", data: card(2, 4) });
  assert.deepEqual([...board.cards.keys()], [1, 2]);
});

test("a refused sync is not asked again once a resync hint has asked its own", async () => {
  const { live } = connected();
  await socket.answer({ ok: false, error: { code: "internal_error", retry_after: 0.02 } });
  live.resync();
  await sleep(60);
  assert.equal(socket.syncs().length, 2);
  assert.equal(socket.syncs()[1].data.since, 0);
});

test("a resync hint takes a snapshot even when a later event already came", async () => {
  const { board } = connected();
  await socket.answer(snapshot([card(1, 3)], 3));
  socket.fire("event", { seq: 5, type: "card", data: card(2, 5) }); // seq 4 was lost
  socket.fire("resync");
  await sleep(5);
  const asked = socket.syncs().at(-1);
  assert.equal(asked.data.since, 0, "a resync must ask for a snapshot, not replay from 5");
  await socket.answer(snapshot([card(1, 3), card(3, 4), card(2, 5)], 5));
  assert.deepEqual([...board.cards.keys()].sort(), [1, 2, 3]);
});

test("events that arrive while a sync is asked are applied after its answer", async () => {
  const { board } = connected();
  socket.fire("event", { seq: 4, type: "card", data: card(2, 4) });
  assert.equal(board.hasSnapshot, false);
  await socket.answer(snapshot([card(1, 3)], 3));
  assert.deepEqual([...board.cards.keys()], [1, 2]);
});
