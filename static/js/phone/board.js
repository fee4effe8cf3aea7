/* The « Levier / Oui, mais… » board on the phone: the current axis, the form to write a
 * card (kept while the room posts and the facilitator changes axis) and the axis's cards. */
import { h, keyed, presentIf, setText, show } from "../core/dom.js";
import { contentLang, plural, t } from "../core/strings.js";
import { cardElement, cardItems, deleteCard, editCard, pendingCards, updateCard } from "./cards.js";
import { countedList, textField } from "./parts.js";

const TEXT_MAX = 500;

export function boardView(app) {
  let mode = "lever";
  let replyTo = null;   // lever id the person answers
  let editing = null;   // own card id being edited

  const number = h("p", { class: "axis-number" });
  const title = h("h1", { id: "axis-title", tabindex: "-1", lang: contentLang() });
  const description = h("p", { class: "axis-description", lang: contentLang() });
  const banner = h("p", { class: "locked-banner", role: "note", text: t("locked") });
  const field = textField({ id: "compose-text", label: t("text_label"), max: TEXT_MAX });
  const kinds = ["lever", "limit"].map((kind) => h("button", {
    type: "button", class: `kind ${kind}`, onclick: () => { mode = kind; update(); },
  }, h("span", { class: "kind-name", text: t(kind) }), h("span", { class: "kind-help", text: t(`${kind}_help`) })));
  const contextText = h("p", {});
  const quote = h("blockquote", {});
  const stopButton = h("button", { type: "button", class: "small", text: t("cancel"), onclick: () => stop() });
  const context = h("div", { class: "compose-context", hidden: true }, contextText, quote, stopButton);
  const send = h("button", { type: "submit", class: "primary wide" });
  const form = h("form", { id: "compose", class: "compose", novalidate: true },
    h("h2", { class: "visually-hidden", text: t("your_card") }), context,
    h("div", { class: "kinds", role: "group", "aria-label": t("your_card") }, kinds),
    field.nodes, h("div", { class: "compose-actions" }, send));
  form.addEventListener("submit", submit);
  const levers = column("levers", t("levers"), true);
  const limits = column("limits", t("limits"), false);
  const cards = h("div", { id: "cards" }, levers.node, limits.node);
  const head = h("header", { class: "axis-head" }, number, title, description);
  const node = h("div", { class: "board-phone" }, head, form, cards);

  const actions = {
    label: t("support"), mineLabel: t("mine"),
    reply: (card) => { replyTo = card.id; editing = null; update(); field.area.focus(); },
    edit: (card) => { editing = card.id; replyTo = null; field.set(card.text); update(); field.area.focus(); },
    remove: (card) => deleteCard(app, card, t("confirm_delete")),
  };

  function stop() {
    if (editing) field.set("");
    editing = null;
    replyTo = null;
    update();
    field.area.focus();
  }

  function submit(event) {
    event.preventDefault();
    const text = field.area.value.trim();
    if (!text) return field.fail(t("empty_text"));
    if (text.length > TEXT_MAX) return field.fail(t("too_long", { max: TEXT_MAX }));
    if (editing) return editCard(app, editing, text, field, () => { editing = null; });
    app.outbox.add("card:post", { axis: app.room.state.axis, kind: replyTo ? "limit" : mode, text, parent: replyTo });
    if (!app.live.connected()) app.announce(t("queued"));
    field.set("");
    replyTo = null;
    update();
    return undefined;
  }

  /* A column of cards; the levers' has, under each lever, the « Oui, mais… » answering it. */
  function column(kind, label, replies) {
    const cardItem = (card) => h("li", {}, cardElement(app, card, actions), replies ? h("ul", { class: "replies", hidden: true }) : null);
    const col = countedList({ class: `column ${kind}`, "aria-labelledby": `title-${kind}` },
      { id: `title-${kind}`, class: `column-title ${kind}` }, label, t("no_cards"), cardItem, (item, card) => {
        updateCard(app, item.firstElementChild, card);
        if (!replies) return;
        const answers = col.replies.filter((answer) => answer.parent === card.id);
        const list = item.querySelector(".replies");
        show(list, answers.length > 0);
        list.setAttribute("aria-label", plural(t, "replies_n", answers.length));
        keyed(list, answers, (answer) => answer.id, ...cardItems(app, actions));
      });
    return col;
  }

  function update() {
    const axis = app.room.axis();
    if (!axis) return;  // screen.js shows the waiting view instead
    const locked = app.room.state.locked;
    presentIf(banner, locked, () => head.after(banner));
    const axes = app.room.workshop.axes;
    setText(number, t("axis_of", { n: axes.indexOf(axis) + 1, total: axes.length }));
    setText(title, axis.title);
    setText(description, axis.description || "");
    show(description, Boolean(axis.description));

    if (editing && !app.board.cards.has(editing)) { editing = null; field.set(""); }
    const reply = replyTo ? app.board.cards.get(replyTo) : null;
    if (replyTo && (!reply || reply.axis !== axis.id)) replyTo = null;
    const kind = editing ? app.board.cards.get(editing).kind : replyTo ? "limit" : mode;
    form.className = `compose ${kind}`;
    kinds.forEach((button, i) => {
      button.setAttribute("aria-pressed", String(kind === ["lever", "limit"][i]));
      button.disabled = Boolean(editing || replyTo);
    });
    show(context, Boolean(editing || replyTo));
    setText(contextText, editing ? t("editing") : replyTo ? t("answering") : "");
    show(quote, Boolean(replyTo));
    setText(quote, replyTo ? app.board.cards.get(replyTo).text : "");
    field.area.disabled = locked && !editing;
    send.disabled = locked && !editing;
    setText(send, editing ? t("save") : t("send"));

    const onAxis = (card) => card.axis === axis.id;
    const all = [...pendingCards(app, onAxis), ...app.board.list((card) => onAxis(card) && !card.hidden)];
    const leverList = all.filter((card) => card.kind === "lever");
    const leverIds = new Set(leverList.map((card) => card.id));
    const answers = all.filter((card) => card.kind === "limit");
    levers.replies = answers.filter((card) => leverIds.has(card.parent));
    levers.fill(leverList);
    limits.fill(answers.filter((card) => !leverIds.has(card.parent)));
  }

  /* The axis changed: a reply to a lever of the previous axis makes no sense any more. */
  function onChange(change) {
    if (change.type === "state" && change.previous && change.previous.axis !== change.data.axis) replyTo = null;
    update();
  }

  update();
  return { node, heading: title, update: onChange };
}
