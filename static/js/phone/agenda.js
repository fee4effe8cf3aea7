/* Above the activity: the current sequence's title and instructions, and the room's timer.
 * The instructions are open the first time this phone shows a sequence and folded after
 * that (remembered per sequence), so the text box stays in view on a small phone. */
import { h, refresh } from "../core/dom.js";
import { contentLang, t } from "../core/strings.js";
import { load, save } from "../core/storage.js";
import { chime, formatSeconds, Timer, unlockSound } from "../core/timer.js";

const SOUND_KEY = "ensemble:timer-sound";
const SEEN_KEY = "ensemble:instructions-seen";

export function agendaBar(app) {
  const state = () => app.room.state;
  const details = h("details", { class: "seq-details", hidden: () => !state().sequence || !state().instructions },
    h("summary", { text: t("instructions") }),
    h("p", { class: "seq-instructions", lang: contentLang(), text: () => state().instructions }));
  const timerNode = h("div", { class: "timer phone-timer", role: "timer", "aria-label": t("timer_left"), hidden: true },
    h("span", { class: "timer-value" }), h("span", { class: "timer-label" }));
  const sound = h("button", { type: "button", class: "small sound-toggle", text: t("sound"), onclick: toggleSound,
                              hidden: () => timer.status() === "idle",
                              "aria-pressed": () => String(load(SOUND_KEY, false)) });
  const node = h("section", { id: "agenda-bar", class: "agenda-bar", "aria-label": t("agenda_current"),
                              hidden: () => !state().sequence && timer.status() === "idle" },
    h("p", { class: "seq-kicker", hidden: () => !state().sequence, text: () => state().day_title }),
    // not twice: an activity made from the console is titled by its question, shown below
    h("p", { class: "seq-title", lang: contentLang(), text: () => state().sequence_title,
             hidden: () => !state().sequence
               || state().sequence_title === (state().question || app.activities.poll(state().poll)?.question) }),
    details,
    h("div", { class: "timer-row" }, timerNode, sound));
  node.hidden = true;
  const timer = new Timer(timerNode, {
    labels: { ended: t("timer_ended"), paused: t("timer_paused") },
    onChange: () => { if (app.room.hasSnapshot) refresh(node); },
    onEnd: () => {
      app.announce(t("timer_ended"));
      if (load(SOUND_KEY, false)) chime();
    },
  });
  let shownSequence = null;

  function toggleSound() {
    const on = !load(SOUND_KEY, false);
    save(SOUND_KEY, on);
    if (on) unlockSound();
    refresh(node);
  }

  function update(change) {
    if (change.snapshot || change.type === "timer") {
      const was = timer.status();
      timer.set(app.room.timer);
      if (change.type === "timer" && app.room.timer?.status === "running" && was !== "running") {
        app.announce(t("timer_started", { time: formatSeconds(timer.remaining()) }));
      }
    }
    const sequence = state().sequence;
    if (sequence && sequence !== shownSequence) {
      shownSequence = sequence;
      const seen = load(SEEN_KEY, []);
      details.open = !seen.includes(sequence);
      if (!seen.includes(sequence)) save(SEEN_KEY, [...seen, sequence].slice(-200));
    }
    refresh(node);
  }

  return { node, update };
}
