/* Which view the phone shows, and keeping it: a view is built when the room moves to
 * another activity (or, for the per-sequence activities, another sequence) and then only
 * patched (its update(change), then its live props), so nothing the person is typing or
 * pointing at is replaced. When the activity changes, the new view's heading gets the focus. */
import { refresh, stamp } from "../core/dom.js";
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
  waiting: waitingView,
};
const PER_SEQUENCE = new Set(["question_board", "individual_writing", "poll"]);

/* A day's welcome, before its first sequence (its markup: agenda/_phone.html). */
function welcomeView(app) {
  const [node, refs] = stamp("tpl-welcome", { heading: { text: () => app.room.state.day_title } });
  return { node, heading: refs.heading };
}

/* The room watches the projection; the phone follows the screen's title. */
function restitutionView(app) {
  const screen = () => app.room.restitution;
  const title = () => (screen() ? t("restitution_of", { title: screen().day_title })
    : app.room.state.sequence_title);
  const [node, refs] = stamp("tpl-restitution", {
    heading: { text: title },
    number: { hidden: () => !screen(),
              text: () => screen() && t("screen_of", { n: screen().index + 1, total: screen().count }) },
    now: { hidden: () => !screen() },
    title: { text: () => screen()?.screen.title },
  });
  return { node, heading: refs.heading };
}

function waitingView() {
  const [node] = stamp("tpl-waiting");
  return { node, heading: node };
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
    const [kind, next] = wanted(app);
    if (next !== key) {
      const first = key === null;
      key = next;
      view = VIEWS[kind](app);
      container.replaceChildren(view.node);
      if (!first) view.heading.focus();
    }
    view.update?.(change);
    refresh(view.node);
  };
}
