/* The facilitator's console: what the projection shows, posting, the axis and its cards,
 * the programme and timer, the current activity, groups and wall, who is in. The page's one
 * entry; `window.Ensemble.console` is there for tests and curious eyes only.
 *
 * Four stores take the room's snapshot and events (staff/room.js); each panel follows the
 * stores it shows and patches itself, so a card arriving never takes the focus from a button. */
import { announce } from "../core/announce.js";
import { readJSON } from "../core/dom.js";
import { t } from "../core/strings.js";
import { staffRoom } from "../staff/room.js";
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

const code = document.getElementById("console").dataset.code;
const statusNode = document.getElementById("status");
const app = staffRoom({ code, role: "staff" }, {
  onPresence: (presence) => { showPresence(presence); app.peopleJoined(presence.count); },
  onStatus: (state) => {
    statusNode.textContent = t(state);
    statusNode.className = `status ${state}`;
  },
});
Object.assign(app, { code, labels: readJSON("labels"), announce });
const refusal = document.getElementById("console-error");
const showRefusal = (message) => { refusal.textContent = message; refusal.hidden = !message; };
/* Send one of the facilitator's actions; a refusal is said and shown, not thrown: by `refused`
 * next to the field acted on, else under the « now » strip until the next success. Once done,
 * `said` is said: a text, or made from the answer (returning nothing says nothing). */
app.act = (event, data = {}, said = null, refused = showRefusal) => app.live.emit(event, data).then((ack) => {
  showRefusal("");
  if (!ack.ok) {
    refused(ack.error.message);
    announce(t("error", { message: ack.error.message }));
  } else if (said) announce(typeof said === "function" ? said(ack) : said);
  return ack;
}, () => { refused(t("offline")); announce(t("offline")); return { ok: false }; });

const now = nowStrip(app);
const launch = launchForm(app);
agendaPanels(app, now.setAgenda);
activityPanel(app);
controls(app);
axisCards(app);
document.getElementById("agenda").before(groupsPanel(app), wallPanel(app));
const showPresence = people(app);
tabs(app);
/* E: the card whose row has the focus in the spotlight, else the spotlight ends. */
const spotlightKey = (event) => {
  const row = event.target.closest?.("[data-card]");
  if (row) spotlight(app, Number(row.dataset.card));
  else if (app.room.state.view === "spotlight") spotlight(app, app.room.state.spotlight);
};
shortcuts({ ...now.buttons, spotlight: spotlightKey, create: () => launch.open(true),
  reveal: () => document.getElementById("poll-reveal") });
app.live.start();

window.Ensemble = { console: app };
