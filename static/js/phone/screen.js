/* Which view the phone shows, and keeping it: a view is built when the room moves to
 * another activity (or, for the per-sequence activities, another sequence) and then only
 * patched, so nothing the person is typing or pointing at is replaced. When the activity
 * changes, the new view's heading receives the focus. */
import { h, setText, show } from "../core/dom.js";
import { t } from "../core/strings.js";
import { feedbackView, pollView, writingView } from "./activities.js";
import { boardView } from "./board.js";
import { claimsThePhone, groupsView } from "./groups.js";
import { questionView } from "./question.js";

const VIEWS = {
  axis_board: boardView,
  question_board: questionView,
  individual_writing: writingView,
  poll: pollView,
  feedback_form: feedbackView,
  welcome: welcomeView,
  restitution: restitutionView,
  group_drafting: groupsView,
};
const PER_SEQUENCE = new Set(["question_board", "individual_writing", "poll"]);

/* A day's welcome, before its first sequence. */
function welcomeView(app) {
  const heading = h("h1", { tabindex: "-1" });
  const node = h("div", { class: "welcome", "data-activity": "welcome" }, heading, h("p", { class: "waiting", text: t("welcome_wait") }));
  const update = () => setText(heading, app.room.state.day_title || "");
  update();
  return { node, heading, update };
}

/* The room watches the projection; the phone follows the screen's title. */
function restitutionView(app) {
  const heading = h("h1", { tabindex: "-1" });
  const where = h("p", { class: "hint" });
  const now = h("span", {});
  const current = h("p", { class: "restitution-now" }, h("span", { class: "visually-hidden", text: `${t("on_screen")} ` }), now);
  const node = h("div", { class: "restitution-phone", "data-activity": "restitution" }, heading, where, current);
  function update() {
    const screen = app.room.restitution;
    setText(heading, screen ? t("restitution_of", { title: screen.day_title }) : app.room.state.sequence_title || "");
    show(where, Boolean(screen));
    show(current, Boolean(screen));
    if (!screen) return;
    setText(where, t("screen_of", { n: screen.index + 1, total: screen.count }));
    setText(now, screen.screen.title);
  }
  update();
  return { node, heading, update };
}

function waitingView() {
  const heading = h("p", { class: "waiting", tabindex: "-1", text: t("wait") });
  return { node: heading, heading, update() {} };
}

function wanted(app) {
  const kind = claimsThePhone(app) ? "group_drafting" : app.room.state.activity || "axis_board";
  if (!VIEWS[kind] || (kind === "axis_board" && !app.room.axis())) return ["waiting", "waiting"];
  if (!PER_SEQUENCE.has(kind)) return [kind, kind];
  const sequence = app.activities.sequence(app.room.state.sequence);
  if (!sequence || (kind === "poll" && !app.activities.poll(sequence.poll))) return ["waiting", "waiting"];
  return [kind, `${kind}:${sequence.id}`];
}

export function phoneScreen(app, container) {
  let key = null;
  let view = null;
  return function update(change = {}) {
    if (!app.room.hasSnapshot) return;
    const [kind, next] = wanted(app);
    if (next === key) { view.update(change); return; }
    const first = key === null;
    key = next;
    view = kind === "waiting" ? waitingView() : VIEWS[kind](app);
    container.replaceChildren(view.node);
    if (!first) view.heading.focus();
  };
}
