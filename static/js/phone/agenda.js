/* Above the activity: the current sequence's title and instructions, and the room's timer.
 * The instructions are open the first time this phone shows a sequence and folded after
 * that (remembered per sequence), so the text box stays in view on a small phone. */
import { h, setText, show } from "../core/dom.js";
import { contentLang, t } from "../core/strings.js";
import { load, save } from "../core/storage.js";
import { chime, formatSeconds, Timer, unlockSound } from "../core/timer.js";

const SOUND_KEY = "ensemble:timer-sound";
const SEEN_KEY = "ensemble:instructions-seen";

export function agendaBar(app) {
  const kicker = h("p", { class: "seq-kicker" });
  const title = h("p", { class: "seq-title", lang: contentLang() });
  const instructions = h("p", { class: "seq-instructions", lang: contentLang() });
  const details = h("details", { class: "seq-details" }, h("summary", { text: t("instructions") }), instructions);
  const timerNode = h("div", { class: "timer phone-timer", role: "timer", "aria-label": t("timer_left"), hidden: true },
    h("span", { class: "timer-value" }), h("span", { class: "timer-label" }));
  const sound = h("button", { type: "button", class: "small sound-toggle", text: t("sound"), hidden: true, onclick: toggleSound });
  const node = h("section", { id: "agenda-bar", class: "agenda-bar", hidden: true, "aria-label": t("agenda_current") },
    kicker, title, details, h("div", { class: "timer-row" }, timerNode, sound));
  const timer = new Timer(timerNode, {
    labels: { ended: t("timer_ended"), paused: t("timer_paused") },
    onChange: (status) => { show(sound, status !== "idle"); showBar(); },
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
    sound.setAttribute("aria-pressed", String(on));
  }
  sound.setAttribute("aria-pressed", String(load(SOUND_KEY, false)));

  function showBar() {
    if (!app.room.hasSnapshot) return;
    show(node, Boolean(app.room.state.sequence) || timer.status() !== "idle");
  }

  function update(change = {}) {
    const state = app.room.state;
    if (change.snapshot || change.type === "timer") {
      const was = timer.status();
      timer.set(app.room.timer);
      if (change.type === "timer" && app.room.timer?.status === "running" && was !== "running") {
        app.announce(t("timer_started", { time: formatSeconds(timer.remaining()) }));
      }
    }
    const hasSequence = Boolean(state.sequence);
    show(kicker, hasSequence);
    // not twice: an activity made from the console is titled by its question, shown below
    show(title, hasSequence && state.sequence_title !== (state.question || app.activities.poll(state.poll)?.question));
    show(details, hasSequence && Boolean(state.instructions));
    setText(kicker, state.day_title || "");
    setText(title, state.sequence_title || "");
    setText(instructions, state.instructions || "");
    if (hasSequence && state.sequence !== shownSequence) {
      shownSequence = state.sequence;
      const seen = load(SEEN_KEY, []);
      details.open = !seen.includes(state.sequence);
      if (!seen.includes(state.sequence)) save(SEEN_KEY, [...seen, state.sequence].slice(-200));
    }
    showBar();
  }

  return { node, update };
}
