/* The projected screen: the join screen, then whatever view the facilitator chooses
 * (`state.view`), live. The page's one entry; `window.Ensemble.projection` is there for
 * tests and curious eyes only.
 *
 * Four stores take the room's snapshot and events (staff/room.js); the shown view is
 * patched after each change, the others wait until they are shown. */
import { t } from "../core/strings.js";
import { staffRoom } from "../staff/room.js";
import { feedbackView, pollView, writingView } from "./activities.js";
import { restitutionView, sequenceView, timerView } from "./agenda.js";
import { boardView, questionView, spotlightView } from "./board.js";
import { groupsView, wallView } from "./groups.js";
import { section } from "./view.js";

const root = document.getElementById("screen");
const statusNode = document.getElementById("screen-status");
const showCount = (count) => root.querySelectorAll(".people-count")
  .forEach((node) => { node.textContent = String(count); });
const app = staffRoom({ code: root.dataset.code, role: "projection", key: root.dataset.key }, {
  onPresence: (presence) => showCount(presence.count),
  onStatus: (state) => { statusNode.textContent = state === "online" ? "" : t(state); },
  onAuthError: (code) => {
    if (code !== "unknown_workshop") { statusNode.textContent = t("bad_key"); return; }
    // The workshop was deleted: say so in large type, and stop trying.
    app.live.socket.disconnect();
    app.ended = true;
    statusNode.textContent = "";
    render({});
  },
});
const still = (name) => ({ node: section(name), update() {} });
const views = {
  join: still("join"), blank: still("blank"), ended: still("ended"), board: boardView(app), question_board: questionView(app),
  individual_writing: writingView(app), poll: pollView(app), feedback_form: feedbackView(app),
  sequence: sequenceView(app), timer: timerView(app), restitution: restitutionView(app),
  groups: groupsView(app), wall: wallView(app), spotlight: spotlightView(app),
};
const current = () => (app.ended ? "ended" : app.room.hasSnapshot ? app.room.state.view : "join");

function render(change) {
  if (!app.room.hasSnapshot && !app.ended) return;
  const name = current();
  for (const [other, view] of Object.entries(views)) view.node.hidden = other !== name;
  views[name]?.update(change.snapshot || change.type === "state" ? { snapshot: true } : change);
}

for (const store of [app.room, app.board, app.activities, app.groups]) store.subscribe(render);
app.room.subscribe((change) => { if (change.snapshot) showCount(app.room.presence?.count ?? 0); });
app.live.start();

// The shown view is fitted again when its box changes: the window, or the join bar growing
// (a long address wraps when the timer takes the bar's end).
let resizing = null;
const resized = new ResizeObserver(() => {
  clearTimeout(resizing);
  resizing = setTimeout(() => views[current()]?.fit?.(), 150);
});
Object.values(views).forEach((view) => resized.observe(view.node));

window.Ensemble = { projection: app };
