/* Which view the phone shows, and keeping it: a view is built when the room moves to
 * another activity (or, for the per-sequence activities, another sequence) and then only
 * patched, so nothing the person is typing or pointing at is replaced. When the activity
 * changes, the new view's heading receives the focus. */
import { h } from "../core/dom.js";
import { t } from "../core/strings.js";
import { boardView } from "./board.js";
import { claimsThePhone, groupsView } from "./groups.js";
import { feedbackView, restitutionView, welcomeView } from "./pages.js";
import { pollView } from "./poll.js";
import { questionView } from "./question.js";
import { writingView } from "./writing.js";

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
