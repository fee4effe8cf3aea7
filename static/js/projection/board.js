/* The projection's card boards: the axis board (« Le levier », each with the « Oui, mais… »
 * that answer it under it, the other « Oui, mais… » beside), a question board's answers,
 * and one card in the spotlight. Boards fill live, fitted to the screen (view.js) and, when
 * a full room does not fit at the readable size, turned page by page; cards by
 * time or by support, as the facilitator chose (`state.sort`). */
import { h, setText, wire } from "../core/dom.js";
import { plural, t } from "../core/strings.js";
import { cardNode, fillCards, fitBoard, fitLater, kickerOf, pagedList, pager, readable, section, textRange } from "./view.js";

const byId = (a, b) => a.id - b.id;
const bySupport = (a, b) => b.supports - a.supports || a.id - b.id;
const order = (app) => (app.room.state.sort === "support" ? bySupport : byId);

export function boardView(app) {
  const node = section("board");
  const [levers, limits] = node.querySelectorAll(".board-column");
  const lists = [...node.querySelectorAll(".col-cards")];
  const pages = pager(node.querySelector(".board-page"));
  const fit = fitLater(() => pages.set(lists, fitBoard(node, lists,
    [...node.querySelectorAll(".col-body")], { ...textRange(40), maxColumns: 3 })));
  let shown = "";

  function update(change) {
    const axes = app.room.workshop.axes;
    const axis = app.room.axis();
    setText(node.querySelector(".board-axis-number"), axis ? t("axis_of", { n: axes.indexOf(axis) + 1, total: axes.length }) : "");
    setText(node.querySelector(".board-axis-title"), axis ? axis.title : t("no_axis"));
    const cards = axis ? app.board.list((card) => card.axis === axis.id && !card.hidden).sort(order(app)) : [];
    const leverCards = cards.filter((card) => card.kind === "lever");
    const leverIds = new Set(leverCards.map((card) => card.id));
    const limitCards = cards.filter((card) => card.kind === "limit");
    column(levers, leverCards, leverCards.length, change, (lever) => limitCards.filter((card) => card.parent === lever.id));
    // a column counts the cards it shows, as on phones: a « Oui, mais… » answering a lever is under it
    const loose = limitCards.filter((card) => !leverIds.has(card.parent));
    column(limits, loose, loose.length, change);
    pages.follow(app.room.state);
    // turning a page or holding it changes no card: no need to lay the board out again
    const laidOut = `${window.innerWidth}×${window.innerHeight}:${cards.map((c) => `${c.id}.${c.text.length}.${c.supports}`)}`;
    if (laidOut !== shown) { shown = laidOut; fit(); }
  }

  function column(node, cards, count, change, below) {
    setText(node.querySelector(".col-count"), `(${count})`);
    fillCards(node.querySelector(".col-cards"), cards, change, t("waiting_cards"), below);
  }

  return { node, update, fit };
}

export function questionView(app) {
  const node = section("question_board");
  const refs = wire(node);
  const { pages, fit } = pagedList(node, refs, { ...textRange(36), maxColumns: 4 });

  function update(change) {
    const sequence = app.activities.sequence(app.room.state.sequence);
    for (const part of [refs.head, refs.body, refs.foot]) part.hidden = !sequence;
    if (!sequence) return;
    const cards = app.board.list((card) => card.sequence === sequence.id && card.kind === "answer" && !card.hidden);
    wire(node, { kicker: { text: kickerOf(sequence, app.room.state) }, title: { text: sequence.question || sequence.title },
      total: { text: plural(t, "pa_total", cards.length) } });
    fillCards(refs.list, cards.sort(order(app)), change, t("pa_waiting_answers"));
    pages.follow(app.room.state);
    fit();
  }

  return { node, update, fit };
}

/* One card filling the screen (the console's « Mettre en avant »): its text as large as
 * fits, what it answers or the « Oui, mais… » answering it, its supports. */
export function spotlightView(app) {
  const node = section("spotlight");
  const refs = wire(node);
  // its smallest part, .6em, stays readable
  const fit = fitLater(() => fitBoard(refs.body, [], [refs.body],
    { min: readable() / 0.6, max: window.innerHeight / 7, maxColumns: 1 }));

  function update() {
    const card = app.board.cards.get(app.room.state.spotlight);
    const shown = Boolean(card && !card.hidden);
    wire(node, { gone: { hidden: shown }, head: { hidden: !shown }, body: { hidden: !shown } });
    if (!shown) return;
    const axis = app.room.workshop.axes.find((a) => a.id === card.axis);
    const sequence = card.sequence ? app.activities.sequence(card.sequence) : null;
    const parent = card.parent ? app.board.cards.get(card.parent) : null;
    const answers = card.kind === "lever" ? app.board.list((c) => c.parent === card.id && !c.hidden).sort(byId) : [];
    wire(node, { kicker: { text: axis ? axis.title : sequence?.title || "" },
      title: { text: t(`spot_${card.kind}`) } });
    const answered = parent && !parent.hidden ? t("spot_answers", { text: parent.text }) : null;
    refs.body.replaceChildren(...[
      answered && h("p", { class: "spot-parent", text: answered }),
      h("article", { class: `card spot-card ${card.kind}` }, h("p", { class: "text", text: card.text }),
        card.supports ? h("p", { class: "supports", text: plural(t, "supports", card.supports) }) : null),
      answers.length ? h("ul", { class: "replies" }, answers.map((a) => h("li", {}, cardNode(a, true))))
        : null,
    ].filter(Boolean));
    fit();
  }

  return { node, update, fit };
}
