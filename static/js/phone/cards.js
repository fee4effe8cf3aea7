/* One card on the phone (a lever, a « Oui, mais… », a question board's answer), kept by
 * key and patched in place: +1 (queued when offline), reply, edit and delete own cards. */
import { h, setText, show } from "../core/dom.js";
import { plural, t } from "../core/strings.js";

/* Cards the phone has queued and the server has not stored yet, shown as « waiting ». */
export function pendingCards(app, match) {
  const stored = new Set();
  for (const card of app.board.cards.values()) if (card.mine) stored.add(card.client_id);
  return app.outbox.items()
    .filter((item) => item.event === "card:post" && match(item.data) && !stored.has(item.client_id))
    .map((item) => ({ ...item.data, id: `p-${item.client_id}`, pending: true, supports: 0, mine: true }));
}

/* Does the person support `card`, counting a +1 still waiting to be sent? */
export function supported(app, card) {
  const waiting = app.outbox.waiting(`support:${card.id}`);
  return waiting ? waiting.data.on : app.board.supports.has(card.id);
}

export function toggleSupport(app, card) {
  app.outbox.add("card:support", { id: card.id, on: !supported(app, card) }, `support:${card.id}`);
  app.refresh();
}

export function deleteCard(app, card, question) {
  if (!window.confirm(question)) return;
  app.live.emit("card:delete", { id: card.id }).then((ack) => {
    if (!ack.ok) { app.announce(ack.error.message); return; }
    app.board.remove(card.id);
    app.board.acknowledge({ data: { id: card.id } });
  }, () => app.announce(t("offline_now")));
}

/* Save the text of one's own card; done() once stored, the field shows a refusal. */
export function editCard(app, id, text, field, done) {
  app.live.emit("card:edit", { id, text }).then((ack) => {
    if (!ack.ok) { field.fail(ack.error.message); return; }
    done();
    field.set("");
    app.board.put(ack.card);
    app.board.acknowledge({ data: ack.card });
  }, () => field.fail(t("offline_now")));
}

/* actions: {label: "+1" | "Je soutiens", reply?(card), edit?(card), remove?(card)} */
export function cardElement(app, card, actions) {
  const support = h("button", { type: "button", class: "small support", onclick: () => toggleSupport(app, node.card) },
    h("span", { class: "support-label", text: actions.label }),
    h("span", { class: "support-count" }),
    h("span", { class: "visually-hidden support-unit" }));
  const buttons = [support];
  const mineOnly = [];
  if (actions.reply) buttons.push(h("button", { type: "button", class: "small reply", onclick: () => actions.reply(node.card), text: t("reply") }));
  if (actions.edit) {
    mineOnly.push(h("button", { type: "button", class: "small edit", onclick: () => actions.edit(node.card), text: t("edit") }));
    mineOnly.push(h("button", { type: "button", class: "small danger delete", onclick: () => actions.remove(node.card), text: t("delete") }));
  }
  const node = h("article", { class: `card ${card.kind}` },
    h("p", { class: "card-meta", text: actions.mineLabel, hidden: true }),
    h("p", { class: "text" }),
    h("div", { class: "card-actions" }, h("span", { class: "badge", text: t("pending"), hidden: true }), buttons, mineOnly));
  node.card = card;
  return node;
}

/* create(card) and update(item, card) for a keyed list of cards, one <li> each. */
export function cardItems(app, actions) {
  return [(card) => h("li", {}, cardElement(app, card, actions)), (item, card) => updateCard(app, item.firstElementChild, card)];
}

export function updateCard(app, node, card) {
  node.card = card;
  const mine = Boolean(card.mine);
  const locked = app.room.state.locked;
  node.className = `card ${card.kind}${mine ? " mine" : ""}${card.pending ? " pending" : ""}`;
  show(node.querySelector(".card-meta"), mine);
  setText(node.querySelector(".text"), card.text);
  show(node.querySelector(".badge"), Boolean(card.pending));
  const support = node.querySelector(".support");
  show(support, !card.pending);
  support.setAttribute("aria-pressed", String(supported(app, card)));
  setText(support.querySelector(".support-count"), ` · ${card.supports}`);
  setText(support.querySelector(".support-unit"), ` ${plural(t, "supports_unit", card.supports)}`);
  const reply = node.querySelector(".reply");
  if (reply) show(reply, !card.pending && !locked);
  for (const button of node.querySelectorAll(".edit, .delete")) show(button, mine && !card.pending && !locked);
}
