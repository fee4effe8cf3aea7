/* Moderating cards, on the axis board and on a question board: hide or restore, star a
 * verbatim, fix a typo, delete. Each card's row is made once and patched by key, so the
 * button just pressed keeps the focus while the room goes on posting. */
import { h, keyed, setText } from "../core/dom.js";
import { plural, t } from "../core/strings.js";
import { button, press } from "../staff/ui.js";

const small = (text, onclick, props = {}) =>
  button(text, onclick, { ...props, class: `small ${props.class || ""}`.trim() });

export function moderationList(app, confirmText) {
  const list = h("ul", { class: "mod-cards" });
  let editing = null;
  const moderate = (id, change, refused) => app.act("card:moderate", { id, ...change }, null, refused);
  const known = (id) => app.board.cards.get(id);

  function row({ id }) {
    const item = h("li", {}, h("article", {}, h("p", { class: "card-meta" }), h("p", { class: "reply-to" }),
      h("p", { class: "text" }), h("div", { class: "card-actions" },
        small("", () => moderate(id, { hidden: !known(id).hidden })),
        small(`★ ${t("star")}`, () => moderate(id, { verbatim: !known(id).verbatim })),
        small(t("fix"), () => { editing = id; patch(item, known(id)); item.querySelector("textarea").focus(); }),
        small(t("delete"), () => window.confirm(confirmText) && moderate(id, { delete: true }), { class: "danger" }),
        small(t("spotlight"), () => spotlight(app, id), { "aria-keyshortcuts": "E" }))));
    return item;
  }

  /* A refusal (an empty text…) is shown under the text box, what was typed kept. */
  function fixForm(card, item) {
    const error = h("p", { class: "form-error", id: `fix-${card.id}-error`, hidden: true });
    const area = h("textarea", { id: `fix-${card.id}`, maxlength: 500, rows: 3, "aria-describedby": error.id });
    area.value = card.text;
    const done = () => { editing = null; patch(item, known(card.id)); item.querySelectorAll("button")[2].focus(); };
    const refused = (message) => {
      error.textContent = message;
      error.hidden = false;
      area.setAttribute("aria-invalid", "true");
      area.focus();
    };
    return h("form", { class: "fix", onsubmit: (event) => {
      event.preventDefault();
      moderate(card.id, { text: area.value }, refused).then((ack) => { if (ack.ok) done(); });
    } }, h("label", { for: area.id, text: t("edit_label") }), area, error,
    h("button", { type: "submit", class: "small primary", text: t("save") }), small(t("cancel"), done));
  }

  function patch(item, card) {
    const [meta, replyTo, text, actions] = item.firstElementChild.children;
    const badge = (on, kind, label) => (on ? h("span", { class: `badge${kind}`, text: label }) : null);
    item.firstElementChild.className = `card ${card.kind}${card.hidden ? " is-hidden" : ""}`;
    meta.replaceChildren(...[badge(card.kind !== "answer", ` ${card.kind}`, t(card.kind)),
      badge(card.hidden, "", t("hidden")), badge(card.verbatim, " verbatim", `★ ${t("star")}`),
      h("span", { class: "supports", text: plural(t, "supports_n", card.supports) })].filter(Boolean));
    const parent = card.parent ? known(card.parent) : null;
    setText(replyTo, parent ? t("reply_to", { text: parent.text }) : "");
    replyTo.hidden = !parent;
    if (editing === card.id && text.tagName !== "FORM") text.replaceWith(fixForm(card, item));
    else if (editing !== card.id && text.tagName === "FORM") text.replaceWith(h("p", { class: "text" }));
    if (editing !== card.id) setText(item.querySelector(".text"), card.text);
    const [hide, star, , , spot] = actions.children;
    setText(hide, card.hidden ? t("restore") : t("hide"));
    press(star, card.verbatim);
    press(spot, app.room.state.view === "spotlight" && app.room.state.spotlight === card.id);
    spot.disabled = card.hidden;
    item.dataset.card = String(card.id);
  }

  return { node: list, update: (cards) => keyed(list, cards, (card) => card.id, row, patch) };
}

/* One card fills the projection; pressed again (or E on its row), the board comes back. */
export function spotlight(app, id) {
  const s = app.room.state;
  const on = !(s.view === "spotlight" && s.spotlight === id);
  return app.act("state:set", { spotlight: on ? id : 0 }, t(on ? "spotlight_on" : "spotlight_off"));
}

/* The axis on screen: its cards, oldest first. */
export function axisCards(app) {
  const count = document.getElementById("cards-count");
  const empty = h("p", { text: t("no_cards") });
  const cards = moderationList(app, t("confirm_delete"));
  document.getElementById("card-list").replaceChildren(empty, cards.node);
  function update() {
    if (!app.room.hasSnapshot) return;
    const axis = app.room.state.axis;
    const shown = app.board.list((card) => card.axis === axis && card.axis != null).reverse();
    setText(count, `(${shown.length})`);
    empty.hidden = shown.length > 0;
    cards.update(shown);
  }
  app.room.subscribe(update);
  app.board.subscribe(update);
}
