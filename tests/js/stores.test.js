// The client stores take the room's snapshot and events once: replay, duplicates,
// out-of-order events and the 32-event replay overlap change nothing twice.
import { test } from "node:test";
import assert from "node:assert/strict";

import { BoardStore } from "../../static/js/store/board.js";
import { RoomStore } from "../../static/js/store/room.js";
import { ActivitiesStore } from "../../static/js/store/activities.js";
import { GroupsStore } from "../../static/js/store/groups.js";

const card = (id, seq, extra = {}) => ({ id, seq, axis: 1, kind: "lever", text: `carte ${id}`, supports: 0, hidden: false, ...extra });
const event = (seq, type, data) => ({ seq, type, data: { ...data, seq } });
const state = (extra = {}) => ({ axis: 1, locked: false, view: "board", activity: null, ...extra });

function loadedBoard(cards = [], seq = 10) {
  const board = new BoardStore();
  board.load({ cards, my_supports: [] }, seq);
  return board;
}

test("a snapshot replaces what the store had", () => {
  const board = loadedBoard([card(1, 5)]);
  board.load({ cards: [card(2, 12)], my_supports: [2] }, 12);
  assert.deepEqual([...board.cards.keys()], [2]);
  assert.ok(board.supports.has(2));
});

test("events up to the snapshot's seq are already in it", () => {
  const board = loadedBoard([card(1, 5)], 10);
  assert.equal(board.apply(event(9, "card", card(3, 9))), false);
  assert.equal(board.cards.has(3), false);
  assert.equal(board.apply(event(11, "card", card(3, 11))), true);
  assert.equal(board.cards.has(3), true);
});

test("an event received twice is applied once", () => {
  const board = loadedBoard();
  const seen = [];
  board.subscribe((change) => seen.push(change.type));
  board.apply(event(11, "card", card(3, 11)));
  board.apply(event(11, "card", card(3, 11)));
  assert.deepEqual(seen, ["card"]);
});

test("an older event about a card does not undo a newer one", () => {
  const board = loadedBoard();
  board.apply(event(13, "card", card(3, 13, { supports: 2 })));
  assert.equal(board.apply(event(12, "card", card(3, 12, { supports: 1 }))), false);
  assert.equal(board.cards.get(3).supports, 2);
  // …but an older event about another card is news.
  assert.equal(board.apply(event(11, "card", card(4, 11))), true);
});

test("a deletion overtaken by nothing newer removes the card; a late card does not bring it back", () => {
  const board = loadedBoard([card(1, 5)]);
  board.apply(event(12, "card_deleted", { id: 1 }));
  board.apply(event(11, "card", card(1, 11, { text: "modifiée" })));
  assert.equal(board.cards.has(1), false);
});

test("the replay overlap (32 events before the last seen) applies nothing twice", () => {
  const board = loadedBoard([], 0);
  for (let seq = 1; seq <= 40; seq += 1) board.apply(event(seq, "card", card(seq, seq, { supports: seq })));
  const counted = [];
  board.subscribe((change) => counted.push(change.data.seq));
  // After reconnecting: `sync {since: 40}` replays from 8 on, with two new events.
  for (let seq = 8; seq <= 42; seq += 1) board.apply(event(seq, "card", card(seq, seq, { supports: seq })));
  assert.deepEqual(counted, [41, 42]);
  assert.equal(board.cards.size, 42);
});

test("a hidden card leaves a phone's board but stays on the console's", () => {
  const phone = loadedBoard([card(1, 5)]);
  const staff = new BoardStore({ showHidden: true });
  staff.load({ cards: [card(1, 5)] }, 10);
  for (const board of [phone, staff]) board.apply(event(11, "card", card(1, 11, { hidden: true })));
  assert.equal(phone.cards.has(1), false);
  assert.equal(staff.cards.get(1).hidden, true);
});

test("an acknowledgement older than the card's last event is not kept", () => {
  const board = loadedBoard();
  board.apply(event(14, "card", card(3, 14, { supports: 5 })));
  assert.equal(board.put(card(3, 13, { supports: 4 })), false);
  assert.equal(board.cards.get(3).supports, 5);
});

test("the phone's own cards stay « mine » whatever order the event and the answer come in", () => {
  const board = new BoardStore();
  board.load({ cards: [card(1, 5), card(2, 6)], my_cards: [2] }, 10);
  assert.equal(board.cards.get(1).mine, undefined);
  assert.equal(board.cards.get(2).mine, true);
  board.apply(event(11, "card", card(2, 11, { supports: 1 })));  // events never say whose
  assert.equal(board.cards.get(2).mine, true);
  board.apply(event(12, "card", card(3, 12)));                     // posted: event first,
  assert.equal(board.put(card(3, 12, { mine: true })), true);     // then the answer
  board.apply(event(13, "card", card(3, 13, { supports: 2 })));
  assert.equal(board.cards.get(3).mine, true);
});

test("cards asked for another board join the store; one changed since by an event keeps its news", () => {
  const board = loadedBoard([card(1, 5)]);
  board.apply(event(16, "card", card(3, 16, { axis: 2, supports: 2 })));
  const heard = [];
  board.subscribe((change) => heard.push(change.type));
  board.take([card(2, 15, { axis: 2 }), card(3, 15, { axis: 2, supports: 1 })]);
  assert.deepEqual([...board.cards.keys()].sort(), [1, 2, 3]);
  assert.equal(board.cards.get(3).supports, 2);
  assert.deepEqual(heard, ["cards"]);
});

test("the room's state change says what it was before", () => {
  const room = new RoomStore();
  room.load({ workshop: { title: "Atelier", axes: [{ id: 1, title: "Un" }], state: state() } }, 3);
  let change = null;
  room.subscribe((c) => { change = c; });
  room.apply(event(4, "state", state({ locked: true })));
  assert.equal(change.previous.locked, false);
  assert.equal(room.state.locked, true);
  assert.equal(room.axis().title, "Un");
  // A replayed older state does not reopen the room.
  room.apply(event(2, "state", state({ locked: false })));
  assert.equal(room.state.locked, true);
});

test("stores ignore the events of other domains", () => {
  const room = new RoomStore();
  room.load({ workshop: { axes: [], state: state() } }, 1);
  assert.equal(room.apply(event(2, "card", card(1, 2))), false);
  // …so the card's seq is still news for the board.
  const board = loadedBoard([], 1);
  assert.equal(board.apply(event(2, "card", card(1, 2))), true);
});

const poll = (seq, open, total) => ({ key: "q1", question: "?", kind: "single", open, total, options: [], seq });

test("polls: the newest result wins, opening and closing is told with the previous one", () => {
  const acts = new ActivitiesStore();
  acts.load({ activities: { sequences: {}, polls: [poll(1, false, 0)], my_votes: {},
                            writing: { sequences: {}, mine: [] }, feedback: { available: false } } }, 1);
  const changes = [];
  acts.subscribe((c) => changes.push(c));
  acts.apply(event(3, "poll", poll(3, true, 2)));
  acts.apply(event(2, "poll", poll(2, true, 1)));
  assert.equal(acts.poll("q1").total, 2);
  assert.equal(changes.length, 1);
  assert.equal(changes[0].previous.open, false);
});

test("a sequence made from the console joins the store; the staff's counts after the room's hidden ones stay", () => {
  const acts = new ActivitiesStore();
  acts.load({ activities: { sequences: {}, polls: [], my_votes: {} } }, 1);
  acts.apply(event(2, "sequence", { id: 9, activity: "poll", title: "Un mot ?", question: "", instructions: "", poll: "live-1" }));
  assert.equal(acts.sequence(9).poll, "live-1");
  const hidden = { ...poll(3, true, 1), key: "live-1", shown: false, options: [{ key: "o1", label: "A", count: 0, percent: 0 }] };
  const counted = { ...hidden, seq: 4, options: [{ key: "o1", label: "A", count: 1, percent: 100 }] };
  acts.apply(event(4, "poll", counted)); // the staff's event may arrive first: the room's is older
  acts.apply(event(3, "poll", hidden));
  assert.equal(acts.poll("live-1").options[0].count, 1);
});

test("writing: a reveal asks for the texts, the texts stay once given, hiding drops them", () => {
  const acts = new ActivitiesStore();
  acts.load({ activities: { writing: { sequences: {}, mine: [] } } }, 1);
  let change = null;
  acts.subscribe((c) => { change = c; });
  acts.apply(event(2, "writing_count", { sequence: 7, count: 3 }));
  acts.apply(event(3, "writing_reveal", { sequence: 7, count: 3, revealed: true }));
  assert.equal(change.fetchTexts, 7);
  assert.deepEqual(acts.missingTexts(), [7]);
  acts.setTexts(7, [{ id: 1, sequence: 7, text: "Un texte" }]);
  assert.deepEqual(acts.missingTexts(), []);
  acts.apply(event(3, "writing_reveal", { sequence: 7, count: 3, revealed: true }));  // duplicate
  assert.equal(acts.writingOf(7).texts.length, 1);
  acts.apply(event(4, "writing_reveal", { sequence: 7, count: 3, revealed: false }));
  assert.equal(acts.writingOf(7).texts, undefined);
});

const rec = (id, group, seq, extra = {}) => ({ id, group, seq, status: "draft", position: id, text: `reco ${id}`, target: "t", ...extra });

test("groups: a phone sees its group's drafts, then the wall once opened", () => {
  const groups = new GroupsStore({ viewer: "participant" });
  groups.load({ me: { id: 5 }, groups: [{ id: 1, name: "A", place: "", size: 1 }, { id: 2, name: "B", place: "", size: 1 }],
                my_group: { id: 1, name: "A", members: [{ name: "", me: true }] }, recommendations: [rec(1, 1, 2)],
                wall: { open: false, votes_per_participant: 0 } }, 3);
  groups.apply(event(4, "recommendation", rec(2, 2, 4)));
  assert.deepEqual(groups.list(() => true).map((r) => r.id), [1]);
  let change = null;
  groups.subscribe((c) => { change = c; });
  groups.apply(event(5, "wall", { open: true, votes_per_participant: 3, recommendations: [rec(2, 2, 4)] }));
  assert.equal(change.opened, true);
  assert.deepEqual(groups.list(() => true).map((r) => r.id), [1, 2]);
  groups.apply(event(5, "wall", { open: false, votes_per_participant: 3 }));  // duplicate of seq 5
  assert.equal(groups.wall.open, true);
});

test("groups: a phone asks for its group when the groups are re-formed or its own group changes, not otherwise", () => {
  const groups = new GroupsStore({ viewer: "participant" });
  const group = (id, name, size, place = "") => ({ id, name, place, size });
  groups.load({ me: { id: 5 }, groups: [group(1, "A", 2)], my_group: { id: 1, name: "A", members: [] } }, 1);
  let change = null;
  groups.subscribe((c) => { change = c; });
  groups.apply(event(2, "groups", { groups: [group(1, "A", 2), group(2, "B", 0)], formed: false }));
  assert.equal(change.regroup, false);  // another group added
  groups.apply(event(3, "groups", { groups: [group(1, "A", 2), group(2, "B", 0, "Salle 2")], formed: false }));
  assert.equal(change.regroup, false);  // another group's place
  groups.apply(event(4, "groups", { groups: [group(1, "A", 1), group(2, "B", 1)], formed: false }));
  assert.equal(change.regroup, true);  // someone moved out of (or into) mine
  groups.apply(event(5, "groups", { groups: [group(1, "A", 1), group(2, "B", 1)], formed: true }));
  assert.equal(change.regroup, true);  // re-formed: same sizes, maybe other mates
});

test("groups: a phone in no group asks when someone is placed; the staff keep members until groups:list", () => {
  const loose = new GroupsStore({ viewer: "participant" });
  loose.load({ me: { id: 9 }, groups: [{ id: 1, name: "A", place: "", size: 2 }], my_group: null }, 1);
  let change = null;
  loose.subscribe((c) => { change = c; });
  loose.apply(event(2, "groups", { groups: [{ id: 1, name: "A", place: "", size: 3 }], formed: false }));
  assert.equal(change.regroup, true);
  const staff = new GroupsStore({ viewer: "staff" });
  staff.load({ groups: [{ id: 1, name: "A", place: "", members: [5, 6] }], people: [] }, 1);
  staff.apply(event(2, "groups", { groups: [{ id: 1, name: "Les A", place: "", size: 2 }], formed: false }));
  assert.deepEqual(staff.groups, [{ id: 1, name: "Les A", place: "", size: 2, members: [5, 6] }]);
});
