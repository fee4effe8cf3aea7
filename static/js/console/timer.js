/* The console's timer, in the « now » strip: how long is left, start (with the sequence's
 * planned minutes unless the facilitator typed others), pause, resume, add time, stop, and
 * the timer in full screen on the projection. The buttons are made once and shown or hidden. */
import { h } from "../core/dom.js";
import { t } from "../core/strings.js";
import { Timer } from "../core/timer.js";
import { button, press, timerBox, timerLabels } from "../staff/ui.js";

export function timerControls(app) {
  let typed = null; // the minutes the facilitator typed, kept until the timer starts
  let sequence;
  const state = () => app.room.state;
  const small = (text, event, data = {}, props = {}) =>
    button(text, () => app.act(event, data), { class: "small", ...props });
  const box = timerBox("console-timer");
  const timer = new Timer(box, { showIdle: true, labels: timerLabels(),
    onChange: () => show(), onEnd: () => app.announce(t("timer_ended")) });
  const minutes = h("input", { id: "timer-minutes", type: "number", min: "1", max: "600", step: "1",
    inputmode: "numeric", oninput: () => { typed = minutes.value; } });
  const start = button(t("timer_start"), () => {
    const value = Number(minutes.value);
    app.act("timer:start", { minutes: value > 0 ? value : undefined }).then((ack) => { if (ack.ok) typed = null; });
  }, { class: "primary small" });
  const pause = small(t("timer_pause"), "timer:pause");
  const resume = small(t("timer_resume"), "timer:resume");
  const running = [small(t("timer_add", { n: 1 }), "timer:add", { minutes: 1 }),
    small(t("timer_add", { n: 5 }), "timer:add", { minutes: 5 }),
    small(t("timer_stop"), "timer:stop", {}, { class: "small danger" })];
  const full = button(t("timer_fullscreen"),
    () => app.act("state:set", { view: state().view === "timer" ? "sequence" : "timer" }), { class: "small" });

  function show() {
    const status = timer.status();
    pause.hidden = status !== "running";
    resume.hidden = status !== "paused";
    running.forEach((b) => { b.hidden = status === "idle"; });
    press(full, app.room.hasSnapshot && state().view === "timer");
  }

  app.room.subscribe((change) => {
    if (change.snapshot || change.type === "timer") timer.set(app.room.timer);
    if (change.type === "state" && state().sequence !== sequence) typed = null; // a new sequence: its planned minutes
    sequence = state().sequence;
    if (typed === null && document.activeElement !== minutes) minutes.value = String(state().minutes || 10);
    show();
  });
  return h("fieldset", { class: "agenda-timer" }, h("legend", { text: t("timer") }), box,
    h("label", { for: "timer-minutes", class: "timer-minutes-label", text: t("timer_minutes") }), minutes,
    h("div", { class: "agenda-buttons" }, start, pause, resume, ...running, full));
}
