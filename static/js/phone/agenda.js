/* Above the activity: the current sequence's title and instructions, and the room's timer.
 * The instructions are open the first time this phone shows a sequence and folded after
 * that (remembered per sequence), so the text box stays in view on a small phone. */
import { refresh, stamp } from "../core/dom.js";
import { t } from "../core/strings.js";
import { load, save } from "../core/storage.js";
import { chime, formatSeconds, Timer, unlockSound } from "../core/timer.js";

const SOUND_KEY = "ensemble:timer-sound";
const SEEN_KEY = "ensemble:instructions-seen";

export function agendaBar(app) {
  const state = () => app.room.state;
  const current = () => state().sequence;
  // not twice: an activity made from the console is titled by its question, shown below
  const question = () => state().question || app.activities.poll(state().poll)?.question;
  const repeated = () => state().sequence_title === question();
  const [node, refs] = stamp("tpl-agenda-bar", {
    bar: { hidden: () => !current() && timer.status() === "idle" },
    kicker: { hidden: () => !current(), text: () => state().day_title },
    title: { hidden: () => !current() || repeated(), text: () => state().sequence_title },
    details: { hidden: () => !current() || !state().instructions },
    instructions: { text: () => state().instructions },
    sound: { onclick: toggleSound, hidden: () => timer.status() === "idle",
             "aria-pressed": () => String(load(SOUND_KEY, false)) },
  });
  const timer = new Timer(refs.timer, {
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
      refs.details.open = !seen.includes(sequence);
      if (!seen.includes(sequence)) save(SEEN_KEY, [...seen, sequence].slice(-200));
    }
    refresh(node);
  }

  return { node, update };
}
