/* The console's tabs. « En cours » shows the panels of what the room is doing now (the
 * axis and its cards during an axis board, the groups during group drafting…); the other
 * tabs hold everything else (the whole programme, every axis, the groups, who is in).
 * A panel says its home tab in `data-tab` ("all": every tab, like what the projection
 * shows); NOW says when it also belongs to « En cours ». */
import { bind } from "../core/dom.js";

const TABS = ["now", "programme", "axes", "groups", "people"];
const board = (s) => s.activity === null || s.activity === "axis_board";
const NOW = {
  axes: board,
  moderation: board,
  people: (s) => s.activity === null || s.activity === "welcome",
  groups: (s) => s.activity === "group_drafting" || s.view === "groups" || s.view === "wall",
  wall: (s) => s.activity === "group_drafting" || s.view === "wall",
};

export function tabs(app) {
  const list = document.getElementById("console-tabs");
  const panels = document.getElementById("console-panels");
  let chosen = "now";

  const buttons = [...list.children]; // the page's, in TABS' order
  buttons.forEach((node, i) => bind(node, { onclick: () => choose(TABS[i]), onkeydown: (event) => {
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: -1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const index = (to + TABS.length) % TABS.length;
    choose(TABS[index]);
    buttons[index].focus();
  } }));

  const choose = (name) => { chosen = name; update(); };

  function update() {
    buttons.forEach((button, i) => {
      button.setAttribute("aria-selected", String(TABS[i] === chosen));
      button.tabIndex = TABS[i] === chosen ? 0 : -1;
    });
    panels.setAttribute("aria-labelledby", `tab-${chosen}`);
    const s = app.room.hasSnapshot ? app.room.state : { activity: null, view: "join" };
    for (const panel of panels.children) {
      const home = panel.dataset.tab || "now";
      const shown = home === "all" || chosen === home || (chosen === "now" && Boolean(NOW[panel.id]?.(s)));
      panel.classList.toggle("off-tab", !shown);
    }
  }

  app.room.subscribe((change) => { if (change.snapshot || change.type === "state") update(); });
  update();
  return { choose };
}
