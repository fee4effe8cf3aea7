/* What the projection shows (its views, its pages, the order of its cards) and the axis on
 * screen. The buttons are made once and patched, so the focus stays on the one just used
 * however many cards arrive. */
import { h, keyed, setText } from "../core/dom.js";
import { plural, t } from "../core/strings.js";
import { button, press } from "../staff/ui.js";

const VIEWS = ["join", "board", "blank", "sequence", "timer", "groups", "wall"];
const SORTS = ["time", "support"];

export function controls(app) {
  const state = () => app.room.state;
  const set = (change, said) => app.act("state:set", change, said);
  /* change(): what the button asks for when pressed */
  const small = (text, change, props) => button(text, () => set(change()), { class: "small", ...props });
  const views = VIEWS.map((view) => small(t(`view_${view}`), () => ({ view })));
  const sorts = SORTS.map((sort) => small(t(`sort_${sort}`), () => ({ sort })));
  const hold = small(t("page_hold"), () => ({ page: state().pages_held ? "auto" : "hold" }));
  const axes = document.getElementById("axis-list");
  document.getElementById("view-buttons").append(...views);
  document.getElementById("page-buttons").append(
    small(t("page_previous"), () => ({ page: "previous" }), { "aria-label": t("page_previous_name") }),
    small(t("page_next"), () => ({ page: "next" }), { "aria-label": t("page_next_name") }), hold);
  document.getElementById("sort-buttons").append(...sorts);

  const axisItem = (axis) => h("li", {}, h("button", { type: "button", class: "axis-button",
    onclick: () => set({ axis: axis.id }, t("now_axis", { title: axis.title })) },
  h("span", { class: "axis-n" }), h("span", { class: "axis-t" }), h("span", { class: "axis-c" })));

  function update() {
    if (!app.room.hasSnapshot) return;
    const s = state();
    views.forEach((b, i) => press(b, s.view === VIEWS[i]));
    sorts.forEach((b, i) => press(b, s.sort === SORTS[i]));
    press(hold, s.pages_held);
    const list = app.room.workshop.axes;
    keyed(axes, list, (axis) => axis.id, axisItem, (item, axis) => {
      const button = item.firstElementChild;
      const [n, title, count] = button.children;
      setText(n, String(list.indexOf(axis) + 1));
      setText(title, axis.title);
      setText(count, plural(t, "cards_n", app.board.list((card) => card.axis === axis.id).length));
      press(button, s.axis === axis.id);
      // an axis-board sequence covers some axes only (state.axes, from the agenda)
      button.disabled = Boolean(s.axes) && !s.axes.includes(axis.id);
    });
  }
  app.room.subscribe(update);
  app.board.subscribe(update);
}
