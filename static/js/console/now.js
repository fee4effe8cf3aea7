/* The « now » strip at the top of the console, always in view: what the projection shows,
 * what runs and what comes next in the programme, previous / next, the current activity
 * back on the projection, posting open or closed, and the timer. The page's markup, patched,
 * so the button just pressed keeps the focus. */
import { setText, wire } from "../core/dom.js";
import { t } from "../core/strings.js";
import { press } from "../staff/ui.js";
import { timerControls } from "./timer.js";

/* The programme as one walk, like the server's (services/agenda/agenda.py: steps): each
 * day's welcome, then its sequences. */
function walk(agenda) {
  return agenda.days.flatMap((day) => [{ day, sequence: null }, ...day.sequences.map((sequence) => ({ day, sequence }))]);
}

export function nowStrip(app) {
  let agenda = null;
  const state = () => app.room.state;
  /* Where the console saw the room: a second press before the room moved is the same step. */
  const step = (event) => () => app.act(event, app.room.hasSnapshot
    ? { from: { day: state().day, sequence: state().sequence } } : {});
  const [screen, current, next] = ["now-screen", "now-current", "now-next"]
    .map((id) => document.getElementById(id));
  const buttons = wire(document.getElementById("now-actions"), {
    previous: { onclick: step("agenda:previous") },
    next: { onclick: step("agenda:next") },
    show: { onclick: () => app.act("agenda:show", {}, t("shown_now")) },
    lock: { onclick: () => app.act("state:set", { locked: !state().locked },
      (ack) => t(ack.state.locked ? "locked_now" : "unlocked_now")) },
  });
  const { lock } = buttons;
  timerControls(app);

  function screenLabel(s) {
    const view = t(`view_${s.view}`);
    const axis = app.room.axis();
    return s.view === "board" && axis ? t("screen_axis", { view, axis: axis.title }) : view;
  }

  function currentLabel(s) {
    if (s.sequence) return `${s.sequence_title} · ${t(`act_${s.activity}`)}`;
    return s.day ? t("day_open", { title: s.day_title }) : t("not_started");
  }

  function nextLabel(s) {
    if (!agenda) return "";
    const steps = walk(agenda);
    const here = steps.findIndex((step) => (s.sequence ? step.sequence?.id === s.sequence
      : !step.sequence && step.day.id === s.day));
    const coming = steps[here + 1];
    if (!coming) return t("agenda_end_short");
    return coming.sequence ? coming.sequence.title : t("day_open", { title: coming.day.title });
  }

  function update() {
    if (!app.room.hasSnapshot) return;
    const s = state();
    setText(screen, screenLabel(s));
    setText(current, currentLabel(s));
    setText(next, nextLabel(s));
    setText(lock, s.locked ? t("unlock") : t("lock"));
    press(lock, s.locked);
    lock.className = s.locked ? "danger" : "";
  }

  app.room.subscribe(update);
  app.board.subscribe(() => { if (app.room.hasSnapshot && state().view === "board") update(); });
  return { setAgenda(found) { agenda = found; update(); }, buttons };
}
