/* The phone: the join form, then the room's current activity, live. The page's one entry.
 *
 * Four stores (room, board, activities, groups) take the room's snapshot and events; the
 * screen, the agenda bar and the live region follow them. Every action goes through the
 * outbox (core/outbox.js), so nothing is lost when the network drops. */
import { announce } from "../core/announce.js";
import { show, stamp } from "../core/dom.js";
import { GONE, Live } from "../core/live.js";
import { Outbox } from "../core/outbox.js";
import { forget, load, save } from "../core/storage.js";
import { excerpt, plural, t, translator } from "../core/strings.js";
import { ActivitiesStore } from "../store/activities.js";
import { BoardStore } from "../store/board.js";
import { GroupsStore } from "../store/groups.js";
import { RoomStore } from "../store/room.js";
import { agendaBar } from "./agenda.js";
import { boxOf, Drafts } from "./drafts.js";
import { joinForm } from "./join.js";
import { phoneScreen } from "./screen.js";

const code = document.getElementById("app").dataset.code;
const KEY = `ensemble:${code}`;
const statusNode = document.getElementById("status");
const tg = translator("groups");

const app = {
  code,
  room: new RoomStore(),
  board: new BoardStore(),
  activities: new ActivitiesStore(),
  groups: new GroupsStore({ viewer: "participant" }),
  live: null,
  outbox: null,
  drafts: null,
  announce,
  refresh: () => render({}),
  /* An action through the outbox (which redraws the page); false when it waits for the
   * network (`queued` says so). */
  send(event, data, { slot = null, queued = null } = {}) {
    app.outbox.add(event, data, slot);
    if (app.live.connected()) return true;
    if (queued) announce(queued);
    return false;
  },
};

const bar = agendaBar(app);
const activity = document.getElementById("activity");
activity.before(bar.node);
const updateScreen = phoneScreen(app, activity);

function render(change) {
  if (app.room.hasSnapshot) {
    bar.update(change);
    updateScreen(change);
  }
  showStatus();
}

/* The status line: connected or not, and what is waiting to be sent, by kind. */
const WAITING = { "card:post": "waiting_cards", "card:support": "waiting_supports", "poll:vote": "waiting_votes",
                  "writing:save": "waiting_texts", "recommendation:add": "waiting_recommendations",
                  "recommendation:vote": "waiting_dots" };

function showStatus() {
  const state = app.live ? app.live.state : "connecting";
  const parts = Object.entries(WAITING).map(([event, key]) => [app.outbox?.count(event) || 0, key])
    .filter(([n]) => n > 0).map(([n, key]) => plural(t, key, n));
  const waiting = t("pending_n", { items: parts.join(", ") });
  const locked = app.room.hasSnapshot && app.room.state.locked && state === "online";
  statusNode.textContent = !parts.length ? t(state) : locked ? `${waiting} · ${t("waiting_locked")}` : `${t(state)} · ${waiting}`;
  statusNode.className = `status ${state}`;
}

/* What the phone says in its polite live region when the room changes: a new activity (and
 * the focus then goes to its heading, see screen.js), a new axis, posting closed or
 * reopened, a poll opened or closed, the wall opened, writings revealed; one's own card
 * hidden by the facilitator is also shown until read, not just gone. */
function ownCardHidden(card) {
  const said = t("own_hidden", { text: excerpt(card.text, 60) });
  const [notice] = stamp("tpl-own-hidden", { text: { text: said },
                                            close: { onclick: () => notice.remove() } });
  document.getElementById("board").prepend(notice);
  announce(said);
}

function roomChanged({ previous, data }) {
  if (previous.sequence !== data.sequence || previous.activity !== data.activity) {
    if (data.sequence) announce(t("new_activity", { title: data.sequence_title || "" }));
    else if (data.day && data.day !== previous.day) announce(t("new_day", { title: data.day_title || "" }));
  } else if (previous.axis !== data.axis && app.room.axis()) {
    announce(t("new_axis", { title: app.room.axis().title }));
  }
  if (Boolean(previous.locked) !== Boolean(data.locked)) announce(t(data.locked ? "now_locked" : "now_open"));
}

app.room.subscribe((change) => {
  if (change.type === "state") askCards(change.previous, change.data);
  render(change);
  if (change.type === "state") roomChanged(change);
});
app.board.subscribe((change) => {
  render(change);
  if (change.type === "card" && change.data.hidden && app.board.mine.has(change.data.id)) ownCardHidden(change.data);
});
app.activities.subscribe((change) => {
  if (change.fetchTexts) fetchTexts(change.fetchTexts);
  if (change.snapshot) app.activities.missingTexts().forEach(fetchTexts);
  render(change);
  const poll = change.type === "poll" && change.data;
  if (poll && change.previous && change.previous.open !== poll.open) {
    announce(t(poll.open ? "poll_opened" : "poll_closed", { question: poll.question }));
  } else if (change.type === "writing_reveal" && change.data.revealed) {
    announce(t("act_revealed"));
  }
});
app.groups.subscribe((change) => {
  if (change.regroup) askMyGroup();
  render(change);
  if (change.type === "wall" && change.opened) announce(tg("wall_opened"));
});

/* Ask the server for what room events do not carry; offline, the next sync brings it. */
function ask(event, data, then) {
  app.live.emit(event, data).then((ack) => { if (ack.ok) then(ack); }, () => {});
}

/* The snapshot holds the board shown then: where the room moves, ask for that board's cards. */
function askCards(previous, state) {
  const wanted = [["axis", state.axis], ["sequence", state.activity === "question_board" ? state.sequence : null]];
  for (const [key, value] of wanted) {
    if (value == null || value === previous?.[key]) continue;
    ask("board:cards", { [key]: value }, (ack) => app.board.take(ack.cards));
  }
}

/* Texts never travel in room events: ask for them once revealed. */
function fetchTexts(sequence) {
  ask("writing:texts", { sequence }, (ack) => app.activities.setTexts(sequence, ack.texts));
}

/* My group changed: ask for it (its members, its drafts). */
function askMyGroup() {
  ask("group:mine", {}, (ack) => {
    const before = app.groups.myGroup?.id;
    app.groups.loadMine(ack);
    app.groups.acknowledge({ data: {} });
    const now = app.groups.myGroup;
    if (now && now.id !== before) announce(tg("now_in", { name: now.name }));
  });
}

/* What each acknowledged action changes on this phone. */
const SENT = {
  "card:post": (ack) => { app.board.put(ack.card); announce(t("sent")); },
  "card:support": (ack, item) => { app.board.setSupport(item.data.id, item.data.on); app.board.put(ack.card); },
  "poll:vote": (ack) => { app.activities.setVote(ack.poll, ack.choices); announce(t("act_voted")); },
  "writing:save": (ack, item) => {
    app.activities.setWriting(item.data.sequence, ack.writing);
    announce(t("act_saved"));
  },
  "recommendation:add": (ack) => { app.groups.keep(ack.recommendation); },
  "recommendation:vote": (ack) => { app.groups.setMyVotes(ack.my_votes); app.groups.keep(ack.recommendation); },
};

const showJoin = joinForm(code, (me) => { save(KEY, me); start(); });

function page(name) {
  for (const id of ["join", "board", "ended"]) show(document.getElementById(id), id === name);
}

/* The room was deleted, or this participation expired or was purged (said by the server
 * on connecting, on a sync or in answer to an action): the phone stops trying and says so. */
function gone(code) {
  if (!app.live) return;
  app.live.socket.disconnect();
  app.live = null;
  const reason = code === "unknown_workshop" ? "workshop" : "participation";
  if (reason === "participation") forget(KEY);
  page("ended");
  const title = document.getElementById("ended-title");
  title.textContent = t(`ended_${reason}_title`);
  document.getElementById("ended-text").textContent = t(`ended_${reason}`);
  document.getElementById("rejoin").hidden = reason !== "participation";
  statusNode.textContent = "";
  statusNode.className = "status";
  title.focus();
}

document.getElementById("rejoin").addEventListener("click", () => { page("join"); showJoin(); });

function start() {
  const me = load(KEY, null);
  if (!me) { page("join"); showJoin(); return; }
  page("board");
  app.live = new Live({ code, role: "participant", token: me.token }, {
    stores: [app.room, app.board, app.activities, app.groups],
    onStatus: showStatus,
    onReady: () => app.outbox.flush(),
    onAuthError: gone,
  });
  app.drafts = new Drafts(`${KEY}:draft:${me.id}`);
  app.outbox = new Outbox(`${KEY}:outbox:${me.id}`, app.live, {
    onSent: (item, ack) => { SENT[item.event]?.(ack, item); app.refresh(); },
    onRejected: (item, error) => {
      if (GONE.has(error.code)) { gone(error.code); return; }
      const box = boxOf(item.event, item.data);
      if (box) app.drafts.refuse(box, item.data.text, error.message);
      announce(t("rejected", { message: error.message }));
      app.refresh();
    },
    onChange: app.refresh,
  });
  app.live.start();
}

start();
