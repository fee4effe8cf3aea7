/* The console's timer, in the « now » strip (its markup: templates/facilitator/console.html):
 * how long is left, start (with the sequence's planned minutes unless the facilitator typed
 * others), pause, resume, add time, stop, and the timer in full screen on the projection.
 * Which buttons show is live. */
import { refresh, wire } from "../core/dom.js";
import { t } from "../core/strings.js";
import { Timer } from "../core/timer.js";
import { timerLabels } from "../staff/ui.js";

export function timerControls(app) {
  let typed = null; // the minutes the facilitator typed, kept until the timer starts
  let sequence;
  const state = () => app.room.state;
  const node = document.getElementById("timer-controls");
  const timer = new Timer(node.querySelector(".console-timer"), { showIdle: true, labels: timerLabels(),
    onChange: () => refresh(node), onEnd: () => app.announce(t("timer_ended")) });
  const unless = (status) => () => timer.status() !== status;
  const idle = () => timer.status() === "idle";
  const send = (event, data = {}) => () => app.act(event, data);
  const start = () => {
    const value = Number(refs.minutes.value);
    app.act("timer:start", { minutes: value > 0 ? value : undefined }).then((ack) => { if (ack.ok) typed = null; });
  };
  const full = () => app.act("state:set", { view: state().view === "timer" ? "sequence" : "timer" });
  const refs = wire(node, {
    minutes: { oninput: () => { typed = refs.minutes.value; } },
    start: { onclick: start },
    pause: { onclick: send("timer:pause"), hidden: unless("running") },
    resume: { onclick: send("timer:resume"), hidden: unless("paused") },
    add1: { onclick: send("timer:add", { minutes: 1 }), hidden: idle },
    add5: { onclick: send("timer:add", { minutes: 5 }), hidden: idle },
    stop: { onclick: send("timer:stop"), hidden: idle },
    full: { onclick: full, "aria-pressed": () => String(app.room.hasSnapshot && state().view === "timer") },
  });

  app.room.subscribe((change) => {
    if (change.snapshot || change.type === "timer") timer.set(app.room.timer);
    if (change.type === "state" && state().sequence !== sequence) typed = null; // a new sequence: its planned minutes
    sequence = state().sequence;
    const planned = String(state().minutes || 10);
    if (typed === null && document.activeElement !== refs.minutes) refs.minutes.value = planned;
    refresh(node);
  });
}
