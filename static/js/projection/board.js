/* The projection's card boards: the axis board (« Le levier » with the « Oui, mais… » that
 * answer each lever under it, the other « Oui, mais… » beside) and a question board's
 * answers, filling live and fitted to the screen (fit.js). */
import { h, setText } from "../core/dom.js";
import { t } from "../core/strings.js";
import { fitBoard, fitLater } from "./fit.js";
import { cardNode, fillCards, head, section, textRange } from "./view.js";

const byId = (a, b) => a.id - b.id;

export function boardView(app) {
  const node = section("board");
  const [levers, limits] = node.querySelectorAll(".board-column");
  const fit = fitLater(() => fitBoard(node, [...node.querySelectorAll(".col-cards")],
    [...node.querySelectorAll(".col-body")], { ...textRange(40, 80), maxColumns: 3 }));

  function update(change) {
    const axes = app.room.workshop.axes;
    const axis = app.room.axis();
    setText(node.querySelector(".board-axis-number"), axis ? t("axis_of", { n: axes.indexOf(axis) + 1, total: axes.length }) : "");
    setText(node.querySelector(".board-axis-title"), axis ? axis.title : t("no_axis"));
    const cards = axis ? app.board.list((card) => card.axis === axis.id && !card.hidden).sort(byId) : [];
    const leverCards = cards.filter((card) => card.kind === "lever");
    const leverIds = new Set(leverCards.map((card) => card.id));
    const limitCards = cards.filter((card) => card.kind === "limit");
    column(levers, leverCards, leverCards.length, change, (lever) => {
      const answers = limitCards.filter((card) => card.parent === lever.id);
      return answers.length ? h("ul", { class: "replies" }, answers.map((a) => h("li", {}, cardNode(a, true)))) : null;
    });
    column(limits, limitCards.filter((card) => !leverIds.has(card.parent)), limitCards.length, change);
    fit();
  }

  function column(node, cards, count, change, below) {
    setText(node.querySelector(".col-count"), `(${count})`);
    fillCards(node.querySelector(".col-cards"), cards, change, t("waiting_cards"), below);
  }

  return { node, update, fit };
}

export function questionView(app) {
  const node = section("question_board", { class: "view activity-view" });
  const list = h("ul", { class: "act-cards" });
  const body = h("div", { class: "act-body" }, list);
  const fit = fitLater(() => fitBoard(node, [list], [body], { ...textRange(36, 80), maxColumns: 4 }));
  let shown = null;

  function update(change) {
    const sequence = app.activities.sequence(app.room.state.sequence);
    if (sequence !== shown) {
      shown = sequence;
      list.replaceChildren();
      node.replaceChildren(...(sequence ? [head(sequence.title, sequence.question || sequence.title), body] : []));
    }
    if (!sequence) return;
    const cards = app.board.list((card) => card.sequence === sequence.id && card.kind === "answer" && !card.hidden);
    fillCards(list, cards.sort(byId), change, t("pa_waiting_answers"));
    fit();
  }

  return { node, update, fit };
}
