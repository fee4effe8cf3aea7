/* What the projection's views share: a view is {node, update(change), fit?()}, its node a
 * section #view-<name> (the template's, or one made here before the footer); headings of
 * activities and card lists are drawn one way for all. */
import { h, keyed } from "../core/dom.js";
import { contentLang, plural, t } from "../core/strings.js";

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
    card.supports ? h("p", { class: "supports", "aria-label": plural(t, "supports", card.supports), text: `+${card.supports}` }) : null);
}

/* Cards in `list` by key, in the order given; one that arrives live flashes once. `below`
 * gives the cards shown under a card (a lever's « Oui, mais… »): each its own item, so a
 * long thread can go on over the next page instead of being cut. */
export function fillCards(list, cards, change, placeholder, below = () => []) {
  const fresh = change.type === "card";
  const items = cards.flatMap((card) => [{ card, reply: false }, ...below(card).map((reply) => ({ card: reply, reply: true }))]);
  keyed(list, items, (item) => item.card.id, ({ reply }) => {
    const item = h("li", { class: `item${reply ? " reply-item" : ""}${fresh ? " fresh" : ""}` });
    item.addEventListener("animationend", () => item.classList.remove("fresh"), { once: true });
    return item;
  }, (item, { card, reply }) => {
    item.classList.toggle("reply-item", reply);
    item.replaceChildren(cardNode(card, reply));
  });
  if (!cards.length) list.replaceChildren(h("li", { class: "placeholder", text: placeholder }));
}

/* The smallest text read from 10 m (docs/projection.md): 1/33.75 of the screen's height,
 * never under 24 px — 32 px at 1920×1080, 24 px at 1280×720. */
export function readable() {
  return Math.max(24, window.innerHeight / 33.75);
}

/* The type of a projected list: from width/max px down to the readable size. */
export function textRange(max) {
  const min = readable();
  return { max: Math.max(min, window.innerWidth / max), min };
}
