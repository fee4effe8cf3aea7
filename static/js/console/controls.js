/* « Pilotage »: what the projection shows, posting open or closed, the axis on screen.
 * The buttons are made once and patched, so the focus stays on the one just used however
 * many cards arrive. */
import { h, keyed, setText } from "../core/dom.js";
import { t } from "../core/strings.js";

const VIEWS = ["join", "board", "blank", "sequence", "timer", "groups", "wall"];

export function controls(app) {
  const views = document.getElementById("view-buttons");
  const lock = document.getElementById("lock-button");
  const axes = document.getElementById("axis-list");
  const state = () => app.room.state;

  lock.addEventListener("click", () => {
    app.act("state:set", { locked: !state().locked }).then((ack) => {
      if (ack.ok) app.announce(ack.state.locked ? t("locked_now") : t("unlocked_now"));
    });
  });

  function viewButton(name) {
    return h("button", { type: "button", text: t(`view_${name}`), onclick: () => app.act("state:set", { view: name }) });
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
    setText(lock, s.locked ? t("unlock") : t("lock"));
    lock.setAttribute("aria-pressed", String(Boolean(s.locked)));
    lock.className = s.locked ? "danger" : "";
    const list = app.room.workshop.axes;
    keyed(axes, list, (axis) => axis.id, axisButton, (item, axis) => {
      const button = item.firstElementChild;
      const [n, title, count] = button.children;
      setText(n, String(list.indexOf(axis) + 1));
      setText(title, axis.title);
      setText(count, t("cards_n", { n: app.board.list((card) => card.axis === axis.id).length }));
      button.setAttribute("aria-pressed", String(s.axis === axis.id));
      // an axis-board sequence covers some axes only (state.axes, from the agenda)
      button.disabled = Boolean(s.axes) && !s.axes.includes(axis.id);
    });
  }
  app.room.subscribe(update);
  app.board.subscribe(update);
}
