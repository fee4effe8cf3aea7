/* The projection's agenda views: « sequence » (what to do now, in large type), « timer »
 * (full screen), « restitution » (one synthesis screen at a time), and the timer in the join
 * bar under the other views. Their markup is the template's (agenda/_projection.html). */
import { announce } from "../core/announce.js";
import { bind, h, refresh, stamp, wire } from "../core/dom.js";
import { plural, t } from "../core/strings.js";
import { chime, Timer, unlockSound } from "../core/timer.js";
import { timerLabels } from "../staff/ui.js";
import { scaleLabel, section } from "./view.js";

/* What to do now, or before the day's first sequence its welcome: the day's title, that it is
 * about to start, and how to join. */
export function sequenceView(app) {
  const node = section("sequence");
  const state = () => app.room.state;
  const [now] = stamp("tpl-seq-now", {
    day: { text: () => state().day_title },
    title: { text: () => state().sequence_title },
    question: { hidden: () => !state().question, text: () => state().question },
    instructions: { hidden: () => !state().instructions, text: () => state().instructions },
  });
  const [welcome] = stamp("tpl-seq-welcome", {
    title: { text: () => state().day_title || app.room.workshop.title },
  });
  function update() {
    const shown = state().sequence ? now : welcome;
    if (node.firstElementChild !== shown) node.replaceChildren(shown);
    refresh(shown);
  }
  return { node, update };
}

/* The full-screen timer (« Pas de minuteur en cours » when it is idle: CSS), and the corner
 * one (in the join bar, projection/screen.html) under every view but the timer and blank. */
export function timerView(app) {
  const node = section("timer");
  const { room } = app;
  const refs = wire(node, {
    title: { text: () => room.state.sequence_title || room.state.day_title || room.workshop.title },
  });
  const corner = document.getElementById("corner-timer");
  const bigTimer = new Timer(refs.big, { labels: timerLabels() });
  let endedOn = null; // the view on screen when the time ran out
  const place = () => {
    const view = app.room.hasSnapshot ? app.room.state.view : "join";
    const ended = cornerTimer.status() === "running" && cornerTimer.remaining() === 0;
    if (!ended) endedOn = null;
    else if (endedOn === null) endedOn = view;
    // « 0:00 Temps écoulé » stays over the screen it ended on, not over the next ones
    corner.hidden = cornerTimer.status() === "idle" || view === "timer" || view === "blank" || (ended && view !== endedOn);
  };
  const cornerTimer = new Timer(corner, {
    labels: timerLabels(),
    onChange: place,
    // heard only if someone clicked the page once (browsers' autoplay rule)
    onEnd: () => { announce(t("timer_ended")); chime(); },
  });
  document.addEventListener("click", unlockSound);
  app.room.subscribe((change) => {
    if (change.snapshot || change.type === "timer") [bigTimer, cornerTimer].forEach((timer) => timer.set(app.room.timer));
    place();
  });
  return { node, update: () => refresh(node) };
}

export function restitutionView(app) {
  const node = section("restitution");
  function update() {
    const r = app.room.restitution;
    if (!r) {
      node.replaceChildren(h("h1", { class: "seq-big-title", text: app.room.state.sequence_title || t("restitution") }));
      return;
    }
    const { screen } = r;
    node.replaceChildren(h("header", { class: "resti-head" },
      h("p", { class: "resti-kicker", text: `${t("restitution_of", { title: r.day_title })} · ${t("screen_of", { n: r.index + 1, total: r.count })}` }),
      screen.number ? h("p", { class: "resti-number", text: t("axis_of_n", { n: screen.number, total: screen.total }) }) : null,
      h("h1", { class: "resti-title", text: screen.title }),
      screen.subtitle ? h("p", { class: "resti-subtitle", text: screen.subtitle }) : null),
    h("div", { class: `resti-body resti-${screen.kind}` }, (screen.sections || []).map(restitutionSection), bars(screen.bars || [], screen.scale)));
    node.querySelectorAll(".resti-section").forEach(trimSection);
  }
  return { node, update, fit: update };
}

/* The items of a section that do not fit it whole (a full room's long cards) are counted in
 * « … et N autres » with those the server left out, never cut through a line. */
function trimSection(section) {
  const [list, more] = [section.querySelector(".resti-items"), section.querySelector(".resti-more")];
  let left = Number(list?.dataset.more);
  while (list?.children.length > 1
    && list.lastElementChild.getBoundingClientRect().bottom > list.getBoundingClientRect().bottom + 1) {
    list.lastElementChild.remove();
    bind(more, { hidden: false, text: plural(t, "and_more", ++left) });
  }
}

function restitutionSection(part) {
  const title = part.title || { lever: t("lever_title"), limit: t("limit_title") }[part.kind] || "";
  return h("section", { class: `resti-section ${part.kind || ""}` },
    title ? h("h2", { text: title }) : null,
    part.items?.length ? h("ol", { class: "resti-items", dataset: { more: part.more || 0 } }, part.items.map((item) => h("li", { class: item.verbatim ? "verbatim" : null },
      h("span", { class: "resti-text", text: item.text }),
      item.count ? h("span", { class: "resti-count", text: t("supports_n", { n: item.count }) }) : null)))
      : h("p", { class: "resti-empty", text: t("nothing_yet") }),
    h("p", { class: "resti-more", hidden: !part.more, text: plural(t, "and_more", part.more || 0) }));
}

function bars(list, scale = false) {
  if (!list.length) return null;
  const max = Math.max(1, ...list.map((bar) => bar.count));
  return h("ul", { class: "resti-bars" }, list.map((bar) => {
    const fill = h("span", { class: "bar-fill" });
    fill.style.width = `${Math.round((100 * bar.count) / max)}%`; // CSSOM: allowed by the CSP
    return h("li", {}, h("span", { class: "bar-label", text: scale ? scaleLabel(bar.label) : bar.label }),
      h("span", { class: "bar-track" }, fill), h("span", { class: "bar-count", text: String(bar.count) }));
  }));
}
