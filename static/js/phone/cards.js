/* Cards on the phone (a lever, a « Oui, mais… », a question board's answer): the form that
 * writes one or changes one's own, and each card kept by key and patched in place: +1
 * (queued when offline), reply, edit and delete own cards. */
import { h } from "../core/dom.js";
import { plural, t } from "../core/strings.js";
import { textField } from "./parts.js";

const TEXT_MAX = 500;

/* Cards the phone has queued and the server has not stored yet, shown as « waiting ». */
export function pendingCards(app, match) {
  return app.outbox.pending("card:post", app.board.cards.values()).filter(match)
    .map((card) => ({ ...card, supports: 0, mine: true }));
}

/* Does the person support `card`, counting a +1 still waiting to be sent? */
function supported(app, card) {
  return app.outbox.waiting(`support:${card.id}`)?.data.on ?? app.board.supports.has(card.id);
}

/* The card's +1s, with the person's own still waiting to be sent (undone if refused). */
function supportCount(app, card) {
  const stored = app.board.supports.has(card.id);
  return card.supports + (supported(app, card) === stored ? 0 : stored ? -1 : 1);
}

/* The form that writes a card (through the outbox) or changes one's own (« Enregistrer »).
 * The new card's text is kept as a draft (drafts.js) until sent, and comes back with the
 * reason under the box when the server refuses it.
 * options: id, box (its draft), label, editing (what it says then), queued (what it says offline),
 * post(text) → the new card's data, the cards' labels; for the
 * board also heading, kinds, answering() → the lever answered, onDone() once posted or dropped. */
export function cardComposer(app, options) {
  const answering = options.answering || (() => null);
  const blocked = () => app.room.state.locked && !composer.editing;
  const field = textField({ id: options.id, label: options.label, max: TEXT_MAX, disabled: blocked });
  field.set(app.drafts.text(options.box) ?? "");
  field.area.addEventListener("input", () => {
    if (!composer.editing) app.drafts.keep(options.box, field.area.value);
  });
  const context = h("div", { class: "compose-context", hidden: () => !composer.editing && !answering() },
    h("p", { text: () => (composer.editing ? options.editing : answering() && t("answering")) }),
    h("blockquote", { hidden: () => !answering(), text: () => answering()?.text }),
    h("button", { type: "button", class: "small", text: t("cancel"), onclick: () => composer.stop() }));
  const send = h("button", { type: "submit", class: "primary wide", disabled: blocked,
                             text: () => (composer.editing ? t("save") : t("send")) });
  const form = h("form", { id: options.formId, class: options.className, novalidate: true },
    options.heading, context, options.kinds, field.nodes, h("div", { class: "compose-actions" }, send));
  const composer = {
    form, field, editing: null,
    /* What the cards' buttons do (cardElement's `actions`). */
    actions: {
      label: options.supportLabel, mineLabel: options.mineLabel, reply: options.reply,
      edit: (card) => { composer.editing = card.id; field.set(card.text); options.onDone?.(); done(); },
      remove: (card, article) => remove(card, article, options.confirmDelete),
    },
    stop() {
      if (composer.editing) field.set(app.drafts.text(options.box) ?? "");
      composer.editing = null;
      options.onDone?.();
      done();
    },
    /* One's own card deleted meanwhile (here or on another phone): nothing to edit. A new
     * card refused by the server: its text back in the box, the reason under it. */
    update() {
      const refused = !composer.editing && app.drafts.refusal(options.box);
      if (refused) {
        field.set(app.drafts.text(options.box) ?? "");
        field.fail(refused);
      }
      if (!composer.editing || app.board.cards.has(composer.editing)) return;
      composer.editing = null;
      field.set(app.drafts.text(options.box) ?? "");
    },
  };

  function done() {
    app.refresh();
    field.area.focus();
  }

  /* Once deleted, the focus goes to the next card's +1 (else the one before, else the
   * text box), and the live region says it is gone. */
  function remove(card, article, question) {
    if (!window.confirm(question)) return;
    const item = article.parentElement;
    const near = item.nextElementSibling || item.previousElementSibling;
    app.live.emit("card:delete", { id: card.id }).then((ack) => {
      if (!ack.ok) { app.announce(ack.error.message); return; }
      app.board.remove(card.id);
      app.board.acknowledge({ data: { id: card.id } });
      const next = near?.isConnected ? near.querySelector(".support:not([hidden])") : null;
      (next || field.area).focus();
      app.announce(t("deleted"));
    }, () => app.announce(t("offline_now")));
  }

  /* Save the text of one's own card; a refusal is said under the text box. */
  function edit(id, text) {
    app.live.emit("card:edit", { id, text }).then((ack) => {
      if (!ack.ok) { field.fail(ack.error.message); return; }
      composer.editing = null;
      field.set("");
      app.board.put(ack.card);
      app.board.acknowledge({ data: ack.card });
    }, () => field.fail(t("offline_now")));
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = field.area.value.trim();
    if (!text) field.fail(t("empty_text"));
    else if (composer.editing) edit(composer.editing, text);
    else {
      const card = options.post(text);
      field.set("");
      app.drafts.drop(options.box);
      options.onDone?.();
      app.send("card:post", card, { queued: options.queued });
    }
  });
  return composer;
}

/* actions: {label: "+1" | "Je soutiens", mineLabel, reply?(card), edit(card), remove(card)};
 * the article shows node.card, set again by cardItems' update. */
function cardElement(app, card, actions) {
  const shown = () => node.card;
  const open = () => !shown().pending && !app.room.state.locked;
  const button = (className, text, onclick, hidden) => h("button", {
    type: "button", class: `small ${className}`, text, hidden, onclick: () => onclick(shown(), node) });
  const support = h("button", { type: "button", class: "small support", hidden: () => shown().pending,
                                "aria-pressed": () => String(supported(app, shown())), onclick: toggleSupport },
    h("span", { class: "support-label", text: actions.label }),
    h("span", { class: "support-count", text: () => ` · ${supportCount(app, shown())}` }),
    h("span", { class: "visually-hidden support-unit",
                text: () => ` ${plural(t, "supports_unit", supportCount(app, shown()))}` }));
  const node = h("article", { class: () => ["card", shown().kind, shown().mine && "mine", shown().pending && "pending"]
    .filter(Boolean).join(" ") },
    h("p", { class: "card-meta", text: actions.mineLabel, hidden: () => !shown().mine }),
    h("p", { class: "text", text: () => shown().text }),
    h("div", { class: "card-actions" },
      h("span", { class: "badge", text: t("pending"), hidden: () => !shown().pending }),
      support,
      // only a lever can be answered (by a « Oui, mais… » of its axis: services/board/cards.py)
      actions.reply ? button("reply", t("reply"), actions.reply, () => !open() || shown().kind !== "lever") : null,
      button("edit", t("edit"), actions.edit, () => !shown().mine || !open()),
      button("danger delete", t("delete"), actions.remove, () => !shown().mine || !open())));
  node.card = card;

  function toggleSupport() {
    const { id } = shown();
    app.send("card:support", { id, on: !supported(app, shown()) }, { slot: `support:${id}` });
  }
  return node;
}

/* create(card) and update(item, card) for a keyed list of cards, one <li> each. */
export function cardItems(app, actions) {
  return [(card) => h("li", {}, cardElement(app, card, actions)),
    (item, card) => { item.firstElementChild.card = card; }];
}
