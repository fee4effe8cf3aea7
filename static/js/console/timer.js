/* The console's timer, in the « now » strip: how long is left, start (with the sequence's
 * planned minutes unless the facilitator typed others), pause, resume, add time, stop, and
 * the timer in full screen on the projection. The buttons are made once and shown or hidden. */
import { h } from "../core/dom.js";
import { t } from "../core/strings.js";
import { Timer } from "../core/timer.js";

export function timerControls(app) {
  let typed = null; // the minutes the facilitator typed, kept until the timer starts
  let sequence;
  const state = () => app.room.state;
  const button = (text, onclick, props = {}) => h("button", { type: "button", text, onclick, ...props });
  const act = (event, data) => app.act(event, data);

  const timerNode = h("div", { class: "timer console-timer", role: "timer", "aria-label": t("timer_left") },
    h("span", { class: "timer-value" }), h("span", { class: "timer-label" }));
  const timer = new Timer(timerNode, { showIdle: true, labels: { ended: t("timer_ended"), paused: t("timer_paused") },
    onChange: () => show(), onEnd: () => app.announce(t("timer_ended")) });
  const minutes = h("input", { id: "timer-minutes", type: "number", min: "1", max: "600", step: "1", inputmode: "numeric",
    oninput: () => { typed = minutes.value; } });
  const start = button(t("timer_start"), () => {
    const value = Number(minutes.value);
    act("timer:start", { minutes: value > 0 ? value : undefined }).then((ack) => { if (ack.ok) typed = null; });
  }, { class: "primary small" });
  const pause = button(t("timer_pause"), () => act("timer:pause", {}), { class: "small" });
  const resume = button(t("timer_resume"), () => act("timer:resume", {}), { class: "small" });
  const running = [button(t("timer_add", { n: 1 }), () => act("timer:add", { minutes: 1 }), { class: "small" }),
    button(t("timer_add", { n: 5 }), () => act("timer:add", { minutes: 5 }), { class: "small" }),
    button(t("timer_stop"), () => act("timer:stop", {}), { class: "small danger" })];
  const full = button(t("timer_fullscreen"), () => act("state:set", { view: state().view === "timer" ? "sequence" : "timer" }), { class: "small" });
  const node = h("fieldset", { class: "agenda-timer" }, h("legend", { text: t("timer") }), timerNode,
    h("label", { for: "timer-minutes", class: "timer-minutes-label", text: t("timer_minutes") }), minutes,
    h("div", { class: "agenda-buttons" }, start, pause, resume, ...running, full));

  function show() {
    const status = timer.status();
    pause.hidden = status !== "running";
    resume.hidden = status !== "paused";
    running.forEach((b) => { b.hidden = status === "idle"; });
    full.setAttribute("aria-pressed", String(app.room.hasSnapshot && state().view === "timer"));
  }

  app.room.subscribe((change) => {
    if (change.snapshot || change.type === "timer") timer.set(app.room.timer);
    if (change.type === "state" && state().sequence !== sequence) typed = null; // a new sequence: its planned minutes
    sequence = state().sequence;
    if (typed === null && document.activeElement !== minutes) minutes.value = String(state().minutes || 10);
    show();
  });
  return node;
}
