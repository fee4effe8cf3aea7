/* What the projection shows (its views, its pages, the order of its cards) and the axis on
 * screen. The buttons are made once and patched, so the focus stays on the one just used
 * however many cards arrive. */
import { h, keyed, refresh } from "../core/dom.js";
import { plural, t } from "../core/strings.js";
import { button } from "../staff/ui.js";

const VIEWS = ["join", "board", "blank", "sequence", "timer", "groups", "wall"];
const SORTS = ["time", "support"];

export function controls(app) {
  const state = () => app.room.state;
  const set = (change, said) => app.act("state:set", change, said);
  const pressed = (on) => () => String(Boolean(on()));
  /* change(): what the button asks for when pressed */
  const small = (text, change, props) => button(text, () => set(change()), { class: "small", ...props });
  const panel = document.getElementById("controls");
  document.getElementById("view-buttons").append(...VIEWS.map((view) => small(t(`view_${view}`),
    () => ({ view }), { "aria-pressed": pressed(() => state().view === view) })));
  document.getElementById("page-buttons").append(
    small(t("page_previous"), () => ({ page: "previous" }), { "aria-label": t("page_previous_name") }),
    small(t("page_next"), () => ({ page: "next" }), { "aria-label": t("page_next_name") }),
    small(t("page_hold"), () => ({ page: state().pages_held ? "auto" : "hold" }),
      { "aria-pressed": pressed(() => state().pages_held) }));
  document.getElementById("sort-buttons").append(...SORTS.map((sort) => small(t(`sort_${sort}`),
    () => ({ sort }), { "aria-pressed": pressed(() => state().sort === sort) })));

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
