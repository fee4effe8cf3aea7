/* The facilitator's console: what the projection shows, posting, the axis and its cards,
 * the programme and timer, the current activity, groups and wall, who is in. The page's one
 * entry; `window.Ensemble.console` is there for tests and curious eyes only.
 *
 * Four stores take the room's snapshot and events; each panel follows the stores it shows
 * and patches itself, so a card arriving never takes the focus from a button. */
import { announce } from "../core/announce.js";
import { readJSON } from "../core/dom.js";
import { Live } from "../core/live.js";
import { t } from "../core/strings.js";
import { ActivitiesStore } from "../store/activities.js";
import { BoardStore } from "../store/board.js";
import { GroupsStore } from "../store/groups.js";
import { RoomStore } from "../store/room.js";
import { activityPanel } from "./activities.js";
import { agendaPanels } from "./agenda.js";
import { controls } from "./controls.js";
import { groupsPanel, wallPanel } from "./groups.js";
import { launchForm } from "./launch.js";
import { axisCards, spotlight } from "./moderation.js";
import { nowStrip } from "./now.js";
import { people } from "./people.js";
import { shortcuts } from "./shortcuts.js";
import { tabs } from "./tabs.js";

const root = document.getElementById("console");
const app = {
  code: root.dataset.code,
  labels: readJSON("labels"),
  room: new RoomStore(),
  board: new BoardStore({ showHidden: true }),
  activities: new ActivitiesStore(),
  groups: new GroupsStore({ viewer: "staff" }),
  announce,
  /* Send one of the facilitator's actions; a refusal is said, not thrown. */
  act(event, data = {}) {
    return app.live.emit(event, data).then((ack) => {
      if (!ack.ok) announce(t("error", { message: ack.error.message }));
      return ack;
    }, () => { announce(t("offline")); return { ok: false }; });
  },
  /* Texts never travel in room events: ask for them once revealed. */
  fetchTexts(sequence) {
    app.live.emit("writing:texts", { sequence }).then((ack) => {
      if (ack.ok) app.activities.setTexts(sequence, ack.texts);
    }, () => { /* the next snapshot asks again */ });
  },
};

app.activities.subscribe((change) => {
  if (change.fetchTexts) app.fetchTexts(change.fetchTexts);
  if (change.snapshot) app.activities.missingTexts().forEach(app.fetchTexts);
});

const grid = document.getElementById("console-panels");
const now = nowStrip(app);
const launch = launchForm(app);
document.getElementById("now-actions").append(launch.toggle);
document.getElementById("now").after(launch.form);
const agenda = agendaPanels(app, now.setAgenda);
document.getElementById("controls").after(agenda.restitution, activityPanel(app));
controls(app);
axisCards(app);
const [groups, wall] = [groupsPanel(app), wallPanel(app)];
groups.dataset.tab = "groups";
wall.dataset.tab = "groups";
grid.append(groups, wall, agenda.programme);
const showPresence = people(app);
tabs(app);
const click = (button) => () => { if (!button.disabled) button.click(); };
/* E: the card whose row has the focus in the spotlight, else the spotlight ends. */
const spotlightKey = (event) => {
  const row = event.target.closest?.("[data-card]");
  if (row) spotlight(app, Number(row.dataset.card));
  else if (app.room.state.view === "spotlight") spotlight(app, app.room.state.spotlight);
};
shortcuts({ next: click(now.buttons.next), previous: click(now.buttons.previous),
  show: click(now.buttons.show), lock: click(now.buttons.lock), spotlight: spotlightKey,
  create: () => launch.open(true), reveal: () => document.getElementById("poll-reveal")?.click() });

const statusNode = document.getElementById("status");
app.live = new Live({ code: app.code, role: "staff" }, {
  stores: [app.room, app.board, app.activities, app.groups],
  onPresence: (presence) => { showPresence(presence); app.peopleJoined(presence.count); },
  onStatus: (state) => {
    statusNode.textContent = t(state);
    statusNode.className = `status ${state}`;
  },
});
app.live.start();

window.Ensemble = { console: app };
