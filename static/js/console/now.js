/* The « now » strip at the top of the console, always in view: what the projection shows,
 * what runs and what comes next in the programme, previous / next, the current activity
 * back on the projection, posting open or closed, and the timer. Made once and patched, so
 * the button just pressed keeps the focus. */
import { h, setText } from "../core/dom.js";
import { t } from "../core/strings.js";
import { timerControls } from "./timer.js";

/* The programme as one walk, like the server's (services/agenda/agenda.py: steps): each
 * day's welcome, then its sequences. */
function walk(agenda) {
  return agenda.days.flatMap((day) => [{ day, sequence: null }, ...day.sequences.map((sequence) => ({ day, sequence }))]);
}

export function nowStrip(app) {
  let agenda = null;
  const state = () => app.room.state;
  const screen = document.getElementById("now-screen");
  const current = document.getElementById("now-current");
  const next = document.getElementById("now-next");
  const lock = document.getElementById("lock-button");
  const button = (text, onclick, props = {}) => h("button", { type: "button", text, onclick, ...props });

  const previousButton = button(`◀ ${t("previous")}`, () => app.act("agenda:previous", {}), { id: "agenda-previous", "aria-keyshortcuts": "P PageUp" });
  const nextButton = button(`${t("next")} ▶`, () => app.act("agenda:next", {}), { id: "agenda-next", class: "primary", "aria-keyshortcuts": "S PageDown" });
  const showButton = button(t("show_current"), () => app.act("agenda:show", {}).then((ack) => {
    if (ack.ok) app.announce(t("shown_now"));
  }), { id: "show-current", "aria-keyshortcuts": "A" });
  lock.before(previousButton, nextButton, showButton);
  lock.addEventListener("click", () => {
    app.act("state:set", { locked: !state().locked }).then((ack) => {
      if (ack.ok) app.announce(ack.state.locked ? t("locked_now") : t("unlocked_now"));
    });
  });
  document.getElementById("now").append(timerControls(app));

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
    const here = steps.findIndex((step) => (s.sequence ? step.sequence?.id === s.sequence : !step.sequence && step.day.id === s.day));
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
    lock.setAttribute("aria-pressed", String(Boolean(s.locked)));
    lock.className = s.locked ? "danger" : "";
  }

  app.room.subscribe(update);
  app.board.subscribe(() => { if (app.room.hasSnapshot && state().view === "board") update(); });
  return {
    setAgenda(found) { agenda = found; update(); },
    buttons: { previous: previousButton, next: nextButton, show: showButton, lock },
  };
}
