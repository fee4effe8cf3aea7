/* The shared core for the scripts not yet on modules (the projection, the console, the
 * organiser's booklet page): window.Ensemble as they know it, served from the modules.
 * A module runs before the page's `defer` scripts, in document order. To be removed once
 * those screens import the modules themselves (issue 10, steps 2 and 3). */
import { h, readJSON } from "./core/dom.js";
import { Live, serverNow } from "./core/live.js";
import { t } from "./core/strings.js";
import { chime, Timer, unlockSound } from "./core/timer.js";
import { Store } from "./store/store.js";

/* Events about one of many things name it by this field (see store/store.js). */
const THINGS = { card: "id", card_deleted: "card:id", recommendation: "id", poll: "key",
                 writing_count: "sequence", writing_reveal: "sequence" };

/* Every event, each once, to the screen's own onSnapshot/onEvent handlers. */
class Feed extends Store {
  static events = new Proxy(THINGS, { get: (things, type) => things[type] ?? null });

  constructor(handlers) {
    super();
    this.handlers = handlers;
  }

  reset(snapshot) { this.snapshot = snapshot; }

  loaded() { this.handlers.onSnapshot(this.snapshot); }

  handle(type, data, envelope) { this.handlers.onEvent(envelope); }
}

class LegacyLive extends Live {
  constructor(auth, handlers) {
    super(auth, { ...handlers, stores: [new Feed(handlers)] });
  }
}

class LegacyTimer extends Timer {
  constructor(node, options = {}) {
    super(node, { ...options, labels: { ended: t("timer_ended"), paused: t("timer_paused") } });
  }
}

window.Ensemble = Object.assign(window.Ensemble || {}, {
  h, t, readJSON, Live: LegacyLive, Timer: LegacyTimer, chime, unlockSound, serverNow,
});
