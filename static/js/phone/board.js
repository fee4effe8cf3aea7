/* The « Levier / Oui, mais… » board on the phone: the current axis, the form to write a
 * card (kept while the room posts and the facilitator changes axis) and the axis's cards. */
import { h, keyed, presentIf, stamp, wire } from "../core/dom.js";
import { contentLang, plural, t } from "../core/strings.js";
import { cardComposer, cardItems, pendingCards } from "./cards.js";
import { boxOf } from "./drafts.js";
import { fillList } from "./parts.js";

export function boardView(app) {
  let mode = "lever";
  let replyTo = null;   // lever id the person answers
  const axis = () => app.room.axis();
  const axes = () => app.room.workshop.axes;
  const kind = () => (composer.editing ? app.board.cards.get(composer.editing).kind : replyTo ? "limit" : mode);

  const composer = cardComposer(app, {
    template: "tpl-card-compose", id: "compose-text", box: boxOf("card:post", {}), label: t("text_label"),
    editing: t("editing"), queued: t("queued"),
    supportLabel: t("support"), mineLabel: t("mine"), confirmDelete: t("confirm_delete"),
    post: (text) => ({ axis: app.room.state.axis, kind: replyTo ? "limit" : mode, text, parent: replyTo }),
    answering: () => (replyTo ? app.board.cards.get(replyTo) : null),
    reply: (card) => { replyTo = card.id; composer.editing = null; app.refresh(); composer.field.area.focus(); },
    onDone: () => { replyTo = null; },
  });
  const kindButton = (name) => ({ onclick: () => { mode = name; app.refresh(); },
    "aria-pressed": () => String(kind() === name), disabled: () => Boolean(composer.editing || replyTo) });
  wire(composer.form, { form: { class: () => `compose ${kind()}` },
    lever: kindButton("lever"), limit: kindButton("limit") });
  const [createCard, patchCard] = cardItems(app, composer.actions);
  let replies = [];   // the « Oui, mais… » answering a lever of this axis
  // the view's markup is participant/_board.html's; only what changes is bound here
  const [node, refs] = stamp("tpl-board", {
    number: { text: () => t("axis_of", { n: axes().indexOf(axis()) + 1, total: axes().length }) },
    title: { lang: contentLang(), text: () => axis().title },
    description: { lang: contentLang(), hidden: () => !axis().description, text: () => axis().description },
  });
  refs.locked.remove();
  refs.cards.before(composer.form);

  /* In the levers' column, under each lever, the « Oui, mais… » answering it (`replies`). */
  function createLever(card) {
    const li = createCard(card);
    li.append(h("ul", { class: "replies" }));
    return li;
  }

  function patchLever(li, card) {
    patchCard(li, card);
    const answers = replies.filter((answer) => answer.parent === card.id);
    const list = li.querySelector(".replies");
    list.hidden = answers.length === 0;
    list.setAttribute("aria-label", plural(t, "replies_n", answers.length));
    keyed(list, answers, (answer) => answer.id, createCard, patchCard);
  }

  /* The axis changed: a reply to a lever of the previous axis makes no sense any more. */
  function update(change) {
    if (change.type === "state" && change.previous.axis !== change.data.axis) replyTo = null;
    if (replyTo && app.board.cards.get(replyTo)?.axis !== axis().id) replyTo = null;
    presentIf(refs.locked, app.room.state.locked, () => refs.head.after(refs.locked));
    composer.update();
    const onAxis = (card) => card.axis === axis().id;
    const all = [...pendingCards(app, onAxis), ...app.board.list((card) => onAxis(card) && !card.hidden)];
    const leverIds = new Set(all.filter((card) => card.kind === "lever").map((card) => card.id));
    const answers = all.filter((card) => card.kind === "limit");
    replies = answers.filter((card) => leverIds.has(card.parent));
    fillList(refs.levers, all.filter((card) => card.kind === "lever"), createLever, patchLever);
    fillList(refs.limits, answers.filter((card) => !leverIds.has(card.parent)), createCard, patchCard);
  }

  return { node, heading: refs.title, update };
}
