/* Cards on the phone (a lever, a « Oui, mais… », a question board's answer): the form that
 * writes one or changes one's own, and each card kept by key and patched in place: +1
 * (queued when offline), reply, edit and delete own cards. */
import { stamp } from "../core/dom.js";
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
 * reason under the box when the server refuses it. Its markup is the template `template`
 * (participant/_board.html).
 * options: template, id, box (its draft), label, editing (what it says then), queued (what it
 * says offline), post(text) → the new card's data, the cards' labels; for the board also
 * answering() → the lever answered, onDone() once posted or dropped. */
export function cardComposer(app, options) {
  const answering = options.answering || (() => null);
  const blocked = () => app.room.state.locked && !composer.editing;
  const field = textField({ id: options.id, label: options.label, max: TEXT_MAX, disabled: blocked });
  field.set(app.drafts.text(options.box) ?? "");
  field.area.addEventListener("input", () => {
    if (!composer.editing) app.drafts.keep(options.box, field.area.value);
  });
  const [form, refs] = stamp(options.template, {
    context: { hidden: () => !composer.editing && !answering() },
    doing: { text: () => (composer.editing ? options.editing : answering() && t("answering")) },
    answering: { hidden: () => !answering(), text: () => answering()?.text },
    stop: { onclick: () => composer.stop() },
    send: { disabled: blocked, text: () => (composer.editing ? t("save") : t("send")) },
  });
  refs.actions.before(...field.nodes);
  const composer = {
    form, field, editing: null,
    /* What the cards' buttons do (cardItem's `actions`). */
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

/* One card, tpl-card's <li> (participant/_board.html); actions: {label: "+1" | "Je soutiens",
 * mineLabel, reply?(card), edit(card), remove(card)}. It shows li.card, set again by
 * cardItems' update. */
function cardItem(app, card, actions) {
  const shown = () => li.card;
  const open = () => !shown().pending && !app.room.state.locked;
  const act = (onclick, hidden) => ({ hidden, onclick: () => onclick(shown(), refs.card) });
  const [li, refs] = stamp("tpl-card", {
    card: { class: () => ["card", shown().kind, shown().mine && "mine", shown().pending && "pending"]
      .filter(Boolean).join(" ") },
    meta: { text: actions.mineLabel, hidden: () => !shown().mine },
    text: { text: () => shown().text },
    pending: { hidden: () => !shown().pending },
    support: { hidden: () => shown().pending, "aria-pressed": () => String(supported(app, shown())),
               onclick: toggleSupport },
    label: { text: actions.label },
    count: { text: () => ` · ${supportCount(app, shown())}` },
    unit: { text: () => ` ${plural(t, "supports_unit", supportCount(app, shown()))}` },
    // only a lever can be answered (by a « Oui, mais… » of its axis: services/board/cards.py)
    reply: act(actions.reply, () => !actions.reply || !open() || shown().kind !== "lever"),
    edit: act(actions.edit, () => !shown().mine || !open()),
    delete: act(actions.remove, () => !shown().mine || !open()),
  });
  li.card = card;

  function toggleSupport() {
    const { id } = shown();
    app.send("card:support", { id, on: !supported(app, shown()) }, { slot: `support:${id}` });
  }
  return li;
}

/* create(card) and update(item, card) for a keyed list of cards, one <li> each. */
export function cardItems(app, actions) {
  return [(card) => cardItem(app, card, actions), (item, card) => { item.card = card; }];
}
