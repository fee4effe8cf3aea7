/* The « Levier / Oui, mais… » board on the phone: the current axis, the form to write a
 * card (kept while the room posts and the facilitator changes axis) and the axis's cards. */
import { h, keyed, presentIf } from "../core/dom.js";
import { contentLang, plural, t } from "../core/strings.js";
import { cardComposer, cardItems, pendingCards } from "./cards.js";
import { boxOf } from "./drafts.js";
import { countedList } from "./parts.js";

export function boardView(app) {
  let mode = "lever";
  let replyTo = null;   // lever id the person answers
  const axis = () => app.room.axis();
  const axes = () => app.room.workshop.axes;
  const kind = () => (composer.editing ? app.board.cards.get(composer.editing).kind : replyTo ? "limit" : mode);

  const title = h("h1", { id: "axis-title", tabindex: "-1", lang: contentLang(), text: () => axis().title });
  const kinds = ["lever", "limit"].map((name) => h("button", {
    type: "button", class: `kind ${name}`, onclick: () => { mode = name; app.refresh(); },
    "aria-pressed": () => String(kind() === name), disabled: () => Boolean(composer.editing || replyTo),
  }, h("span", { class: "kind-name", text: t(name) }), h("span", { class: "kind-help", text: t(`${name}_help`) })));
  const composer = cardComposer(app, {
    id: "compose-text", box: boxOf("card:post", {}), formId: "compose", className: () => `compose ${kind()}`,
    label: t("text_label"),
    editing: t("editing"), queued: t("queued"),
    heading: h("h2", { class: "visually-hidden", text: t("your_card") }),
    kinds: h("div", { class: "kinds", role: "group", "aria-label": t("your_card") }, kinds),
    supportLabel: t("support"), mineLabel: t("mine"), confirmDelete: t("confirm_delete"),
    post: (text) => ({ axis: app.room.state.axis, kind: replyTo ? "limit" : mode, text, parent: replyTo }),
    answering: () => (replyTo ? app.board.cards.get(replyTo) : null),
    reply: (card) => { replyTo = card.id; composer.editing = null; app.refresh(); composer.field.area.focus(); },
    onDone: () => { replyTo = null; },
  });
  const [createCard, patchCard] = cardItems(app, composer.actions);
  const levers = column("levers", t("levers"), true);
  const limits = column("limits", t("limits"), false);
  const head = h("header", { class: "axis-head" },
    h("p", { class: "axis-number", text: () => t("axis_of", { n: axes().indexOf(axis()) + 1, total: axes().length }) }),
    title,
    h("p", { class: "axis-description", lang: contentLang(), hidden: () => !axis().description,
             text: () => axis().description }));
  const banner = h("p", { class: "locked-banner", role: "note", text: t("locked") });
  const node = h("div", { class: "board-phone" }, head, composer.form,
    h("div", { id: "cards" }, levers.node, limits.node));

  /* A column of cards; the levers' has, under each lever, the « Oui, mais… » answering it. */
  function column(name, label, replies) {
    const item = (card) => {
      const li = createCard(card);
      if (replies) li.append(h("ul", { class: "replies" }));
      return li;
    };
    const col = countedList({ class: `column ${name}`, "aria-labelledby": `title-${name}` },
      { id: `title-${name}`, class: `column-title ${name}` }, label, t("no_cards"), item, (li, card) => {
        patchCard(li, card);
        if (!replies) return;
        const answers = col.replies.filter((answer) => answer.parent === card.id);
        const list = li.querySelector(".replies");
        list.hidden = answers.length === 0;
        list.setAttribute("aria-label", plural(t, "replies_n", answers.length));
        keyed(list, answers, (answer) => answer.id, createCard, patchCard);
      });
    return col;
  }

  /* The axis changed: a reply to a lever of the previous axis makes no sense any more. */
  function update(change) {
    if (change.type === "state" && change.previous.axis !== change.data.axis) replyTo = null;
    if (replyTo && app.board.cards.get(replyTo)?.axis !== axis().id) replyTo = null;
    presentIf(banner, app.room.state.locked, () => head.after(banner));
    composer.update();
    const onAxis = (card) => card.axis === axis().id;
    const all = [...pendingCards(app, onAxis), ...app.board.list((card) => onAxis(card) && !card.hidden)];
    const leverIds = new Set(all.filter((card) => card.kind === "lever").map((card) => card.id));
    const answers = all.filter((card) => card.kind === "limit");
    levers.replies = answers.filter((card) => leverIds.has(card.parent));
    levers.fill(all.filter((card) => card.kind === "lever"));
    limits.fill(answers.filter((card) => !leverIds.has(card.parent)));
  }

  return { node, heading: title, update };
}
