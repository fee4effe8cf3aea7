/* What the projection shows (its views) and the axis on screen.
 * The buttons are made once and patched, so the focus stays on the one just used however
 * many cards arrive. */
import { h, keyed, setText } from "../core/dom.js";
import { plural, t } from "../core/strings.js";

const VIEWS = ["join", "board", "blank", "sequence", "timer", "groups", "wall"];

export function controls(app) {
  const views = document.getElementById("view-buttons");
  const axes = document.getElementById("axis-list");
  const small = (text, onclick, props = {}) => h("button", { type: "button", class: "small", text, onclick, ...props });
  const turn = (page) => () => app.act("state:set", { page });
  const hold = small(t("page_hold"), () => app.act("state:set", { page: state().pages_held ? "auto" : "hold" }));
  document.getElementById("page-buttons").append(
    small(t("page_previous"), turn("previous"), { "aria-label": t("page_previous_name") }),
    small(t("page_next"), turn("next"), { "aria-label": t("page_next_name") }), hold);
  const sorts = ["time", "support"].map((sort) => small(t(`sort_${sort}`), () => app.act("state:set", { sort })));
  document.getElementById("sort-buttons").append(...sorts);
  const state = () => app.room.state;

  function viewButton(name) {
    return h("button", { type: "button", class: "small", text: t(`view_${name}`), onclick: () => app.act("state:set", { view: name }) });
  }

  function axisButton(axis) {
    const count = h("span", { class: "axis-c" });
    const button = h("button", { type: "button", class: "axis-button", onclick: () => {
      app.act("state:set", { axis: axis.id }).then((ack) => { if (ack.ok) app.announce(t("now_axis", { title: axis.title })); });
    } }, h("span", { class: "axis-n" }), h("span", { class: "axis-t" }), count);
    return h("li", {}, button);
  }

  function update() {
    if (!app.room.hasSnapshot) return;
    const s = state();
    keyed(views, VIEWS, (name) => name, viewButton, (button, name) => button.setAttribute("aria-pressed", String(s.view === name)));
    hold.setAttribute("aria-pressed", String(Boolean(s.pages_held)));
    sorts.forEach((button, i) => button.setAttribute("aria-pressed", String(s.sort === ["time", "support"][i])));
    const list = app.room.workshop.axes;
    keyed(axes, list, (axis) => axis.id, axisButton, (item, axis) => {
      const button = item.firstElementChild;
      const [n, title, count] = button.children;
      setText(n, String(list.indexOf(axis) + 1));
      setText(title, axis.title);
      setText(count, plural(t, "cards_n", app.board.list((card) => card.axis === axis.id).length));
      button.setAttribute("aria-pressed", String(s.axis === axis.id));
      // an axis-board sequence covers some axes only (state.axes, from the agenda)
      button.disabled = Boolean(s.axes) && !s.axes.includes(axis.id);
    });
  }
  app.room.subscribe(update);
  app.board.subscribe(update);
}
