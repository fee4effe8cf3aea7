/* What the projection shows (its views, its pages, the order of its cards) and the axis on
 * screen. The buttons are patched, never replaced, so the focus stays on the one just used
 * however many cards arrive. */
import { bind, h, keyed, refresh, wire } from "../core/dom.js";
import { plural, t } from "../core/strings.js";

export function controls(app) {
  const state = () => app.room.state;
  const set = (change, said) => app.act("state:set", change, said);
  const pressed = (on) => () => String(Boolean(on()));
  const panel = document.getElementById("controls");
  /* The buttons are the page's (templates/facilitator/console.html); a view or an order is
   * pressed while the projection shows it. */
  for (const node of panel.querySelectorAll("[data-view], [data-sort]")) {
    const key = "view" in node.dataset ? "view" : "sort";
    const value = node.dataset[key];
    bind(node, { onclick: () => set({ [key]: value }),
      "aria-pressed": pressed(() => state()[key] === value) });
  }
  wire(document.getElementById("page-buttons"), {
    previous: { onclick: () => set({ page: "previous" }) },
    next: { onclick: () => set({ page: "next" }) },
    hold: { onclick: () => set({ page: state().pages_held ? "auto" : "hold" }),
      "aria-pressed": pressed(() => state().pages_held) },
  });

  /* An axis-board sequence covers some axes only (state.axes, from the agenda). */
  const axes = document.getElementById("axis-list");
  const axisItem = ({ id }) => {
    const axis = () => app.room.workshop.axes.find((a) => a.id === id);
    const cards = () => app.board.list((card) => card.axis === id).length;
    return h("li", {}, h("button", { type: "button", class: "axis-button",
      onclick: () => set({ axis: id }, t("now_axis", { title: axis().title })),
      "aria-pressed": pressed(() => state().axis === id),
      disabled: () => Boolean(state().axes) && !state().axes.includes(id) },
    h("span", { class: "axis-n", text: () => String(app.room.workshop.axes.indexOf(axis()) + 1) }),
    h("span", { class: "axis-t", text: () => axis().title }),
    h("span", { class: "axis-c", text: () => plural(t, "cards_n", cards()) })));
  };

  function update() {
    if (!app.room.hasSnapshot) return;
    keyed(axes, app.room.workshop.axes, (axis) => axis.id, axisItem);
    refresh(panel);
    refresh(axes);
  }
  app.room.subscribe(update);
  app.board.subscribe(update);
}
