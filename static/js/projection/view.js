/* What the projection's views share: a view is {node, update(change), fit?()}, its node a
 * section #view-<name> (the template's, or one made here before the footer); headings of
 * activities and card lists are drawn one way for all. */
import { h, keyed } from "../core/dom.js";
import { contentLang, t } from "../core/strings.js";

export function section(name, attributes = {}) {
  const found = document.getElementById(`view-${name}`);
  if (found) return found;
  const node = h("section", { id: `view-${name}`, class: "view", hidden: true, ...attributes });
  const root = document.getElementById("screen");
  root.insertBefore(node, root.querySelector(".screen-footer"));
  return node;
}

export function head(kicker, title) {
  return h("header", { class: "act-head" },
    kicker ? h("p", { class: "act-kicker", text: kicker }) : null,
    h("h1", { class: "act-title", lang: contentLang(), text: title }));
}

export function cardNode(card, reply = false) {
  return h("article", { class: `card ${card.kind}${card.verbatim ? " verbatim" : ""}${reply ? " reply" : ""}` },
    reply ? h("p", { class: "reply-label", text: t("limit") }) : null,
    h("p", { class: "text", text: card.text }),
    card.supports ? h("p", { class: "supports", "aria-label": t("supports", { n: card.supports }), text: `+${card.supports}` }) : null);
}

/* Cards in `list` by key, oldest first; one that arrives live flashes once. */
export function fillCards(list, cards, change, placeholder, below = () => null) {
  const fresh = change.type === "card";
  keyed(list, cards, (card) => card.id, () => {
    const item = h("li", { class: fresh ? "item fresh" : "item" });
    item.addEventListener("animationend", () => item.classList.remove("fresh"), { once: true });
    return item;
  }, (item, card) => item.replaceChildren(...[cardNode(card), below(card)].filter(Boolean)));
  if (!cards.length) list.replaceChildren(h("li", { class: "placeholder", text: placeholder }));
}

/* The width of the projected screen sets the type: from width/max to width/min px. */
export function textRange(max, min) {
  return { max: window.innerWidth / max, min: window.innerWidth / min };
}
