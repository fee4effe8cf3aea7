/* The phone: the join form, then the room's current activity, live. The page's one entry.
 *
 * Four stores (room, board, activities, groups) take the room's snapshot and events; the
 * screen, the agenda bar and the live region follow them. Every action goes through the
 * outbox (core/outbox.js), so nothing is lost when the network drops. */
import { announce } from "../core/announce.js";
import { show } from "../core/dom.js";
import { GONE, Live } from "../core/live.js";
import { Outbox } from "../core/outbox.js";
import { forget, load, save } from "../core/storage.js";
import { t, translator } from "../core/strings.js";
import { ActivitiesStore } from "../store/activities.js";
import { BoardStore } from "../store/board.js";
import { GroupsStore } from "../store/groups.js";
import { RoomStore } from "../store/room.js";
import { agendaBar } from "./agenda.js";
import { activitiesChange, boardChange, groupsChange, roomChange } from "./announcements.js";
import { joinForm } from "./join.js";
import { phoneScreen } from "./screen.js";
import { statusText } from "./status.js";

const root = document.getElementById("app");
const code = root.dataset.code;
const KEY = `ensemble:${code}`;
const statusNode = document.getElementById("status");

const app = {
  code,
  me: null,
  room: new RoomStore(),
  board: new BoardStore(),
  activities: new ActivitiesStore(),
  groups: new GroupsStore({ viewer: "participant" }),
  live: null,
  outbox: null,
  announce,
  refresh: () => { render({}); },
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

function showStatus() {
  statusNode.textContent = statusText(app);
  statusNode.className = `status ${app.live ? app.live.state : "connecting"}`;
}

app.room.subscribe((change) => {
  if (change.type === "state") askCards(change.previous, change.data);
  render(change);
  roomChange(app, change);
});
app.board.subscribe((change) => { render(change); boardChange(app, change); });
app.activities.subscribe((change) => {
  if (change.fetchTexts) fetchTexts(change.fetchTexts);
  if (change.snapshot) app.activities.missingTexts().forEach(fetchTexts);
  render(change);
  activitiesChange(app, change);
});
app.groups.subscribe((change) => {
  if (change.regroup) askMyGroup();
  render(change);
  groupsChange(app, change, translator("groups"));
});

/* The snapshot holds the board shown then: where the room moves, ask for that board's cards. */
function askCards(previous, state) {
  const wanted = [["axis", state.axis], ["sequence", state.activity === "question_board" ? state.sequence : null]];
  for (const [key, value] of wanted) {
    if (value == null || value === previous?.[key]) continue;
    app.live.emit("board:cards", { [key]: value }).then((ack) => {
      if (ack.ok) app.board.take(ack.cards);
    }, () => { /* offline: the next snapshot holds them */ });
  }
}

/* Texts never travel in room events: ask for them once revealed. */
function fetchTexts(sequence) {
  app.live.emit("writing:texts", { sequence }).then((ack) => {
    if (ack.ok) app.activities.setTexts(sequence, ack.texts);
  }, () => { /* the next sync asks again */ });
}

/* My group changed: ask for it (its members, its drafts). */
function askMyGroup() {
  app.live.emit("group:mine", {}).then((ack) => {
    if (!ack.ok) return;
    const before = app.groups.myGroup?.id;
    app.groups.loadMine(ack);
    app.groups.acknowledge({ data: {} });
    if (app.groups.myGroup && app.groups.myGroup.id !== before) {
      app.announce(translator("groups")("now_in", { name: app.groups.myGroup.name }));
    }
  }, () => { /* offline: the next sync brings it */ });
}

/* What each acknowledged action changes on this phone. */
const SENT = {
  "card:post": (ack) => { app.board.put(ack.card); app.announce(t("sent")); },
  "card:support": (ack, item) => { app.board.setSupport(item.data.id, item.data.on); app.board.put(ack.card); },
  "poll:vote": (ack) => { app.activities.setVote(ack.poll, ack.choices); app.announce(t("act_voted")); },
  "writing:save": (ack, item) => { app.activities.setWriting(item.data.sequence, ack.writing); app.announce(t("act_saved")); },
  "recommendation:add": (ack) => { app.groups.keep(ack.recommendation); },
  "recommendation:vote": (ack) => { app.groups.setMyVotes(ack.my_votes); app.groups.keep(ack.recommendation); },
};

const showJoin = joinForm(code, (me) => { save(KEY, me); start(); });

function page(name) {
  for (const id of ["join", "board", "ended"]) show(document.getElementById(id), id === name);
}

/* The workshop is gone, or this phone's participation is: say so plainly. */
function ended(reason) {
  page("ended");
  document.getElementById("ended-title").textContent = t(`ended_${reason}_title`);
  document.getElementById("ended-text").textContent = t(`ended_${reason}`);
  document.getElementById("rejoin").hidden = reason !== "participation";
  statusNode.textContent = "";
  statusNode.className = "status";
  document.getElementById("ended-title").focus();
}

document.getElementById("rejoin").addEventListener("click", () => { page("join"); showJoin(); });

/* The room was deleted, or this participation expired or was purged (said by the server
 * on connecting, on a sync or in answer to an action): the phone stops trying. */
function gone(reason) {
  if (!app.live) return;
  app.live.socket.disconnect();
  app.live = null;
  if (reason === "unknown_workshop") { ended("workshop"); return; }
  forget(KEY);
  ended("participation");
}

function start() {
  const me = load(KEY, null);
  if (!me) { page("join"); showJoin(); return; }
  page("board");
  app.me = me;
  app.groups.me = me.id;
  app.live = new Live({ code, role: "participant", token: me.token }, {
    stores: [app.room, app.board, app.activities, app.groups],
    onStatus: showStatus,
    onReady: () => app.outbox.flush(),
    onAuthError: gone,
  });
  app.outbox = new Outbox(`${KEY}:outbox:${me.id}`, app.live, {
    onSent: (item, ack) => { SENT[item.event]?.(ack, item); app.refresh(); },
    onRejected: (item, error) => {
      if (GONE.has(error.code)) { gone(error.code); return; }
      app.announce(t("rejected", { message: error.message }));
      app.refresh();
    },
    onChange: () => app.refresh(),
  });
  app.live.start();
}

start();
