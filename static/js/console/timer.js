/* The console's timer, in the « now » strip: how long is left, start (with the sequence's
 * planned minutes unless the facilitator typed others), pause, resume, add time, stop, and
 * the timer in full screen on the projection. Made once; which buttons show is live. */
import { h, refresh } from "../core/dom.js";
import { t } from "../core/strings.js";
import { Timer } from "../core/timer.js";
import { button, timerBox, timerLabels } from "../staff/ui.js";

export function timerControls(app) {
  let typed = null; // the minutes the facilitator typed, kept until the timer starts
  let sequence;
  const state = () => app.room.state;
  const box = timerBox("console-timer");
  const timer = new Timer(box, { showIdle: true, labels: timerLabels(),
    onChange: () => refresh(node), onEnd: () => app.announce(t("timer_ended")) });
  const unless = (status) => () => timer.status() !== status;
  const idle = () => timer.status() === "idle";
  const small = (text, event, data, hidden, props) =>
    button(text, () => app.act(event, data), { class: "small", hidden, ...props });
  const minutes = h("input", { id: "timer-minutes", type: "number", min: "1", max: "600", step: "1",
    inputmode: "numeric", oninput: () => { typed = minutes.value; } });
  const start = () => {
    const value = Number(minutes.value);
    app.act("timer:start", { minutes: value > 0 ? value : undefined }).then((ack) => { if (ack.ok) typed = null; });
  };
  const full = () => app.act("state:set", { view: state().view === "timer" ? "sequence" : "timer" });
  const node = h("fieldset", { class: "agenda-timer" }, h("legend", { text: t("timer") }), box,
    h("label", { for: "timer-minutes", class: "timer-minutes-label", text: t("timer_minutes") }), minutes,
    h("div", { class: "agenda-buttons" }, button(t("timer_start"), start, { class: "primary small" }),
      small(t("timer_pause"), "timer:pause", {}, unless("running")),
      small(t("timer_resume"), "timer:resume", {}, unless("paused")),
      small(t("timer_add", { n: 1 }), "timer:add", { minutes: 1 }, idle),
      small(t("timer_add", { n: 5 }), "timer:add", { minutes: 5 }, idle),
      small(t("timer_stop"), "timer:stop", {}, idle, { class: "small danger" }),
      button(t("timer_fullscreen"), full, { class: "small",
        "aria-pressed": () => String(app.room.hasSnapshot && state().view === "timer") })));

  app.room.subscribe((change) => {
    if (change.snapshot || change.type === "timer") timer.set(app.room.timer);
    if (change.type === "state" && state().sequence !== sequence) typed = null; // a new sequence: its planned minutes
    sequence = state().sequence;
    if (typed === null && document.activeElement !== minutes) minutes.value = String(state().minutes || 10);
    refresh(node);
  });
  return node;
}
