/* A question board on the phone: the question, one text box, the room's answers (+1 them,
 * edit or delete one's own). */
import { h } from "../core/dom.js";
import { t } from "../core/strings.js";
import { cardComposer, cardItems, pendingCards } from "./cards.js";
import { boxOf } from "./drafts.js";
import { activityHeading, countedList, lockedBanner } from "./parts.js";

export function questionView(app) {
  const sequence = app.activities.sequence(app.room.state.sequence);
  const heading = activityHeading(app, sequence, "question_board");
  const composer = cardComposer(app, {
    id: "answer-text", box: boxOf("card:post", { sequence: sequence.id }), className: "compose answer-compose",
    label: t("act_your_answer"),
    editing: t("act_editing"), queued: t("act_queued"),
    supportLabel: "+1", mineLabel: t("act_mine"), confirmDelete: t("act_confirm_delete"),
    post: (text) => ({ sequence: sequence.id, kind: "answer", text }),
  });
  const answers = countedList({ tag: "div", id: "answers" }, { class: "column-title answers" }, t("act_answers"),
    t("act_no_answers"), ...cardItems(app, composer.actions));
  const node = h("div", {}, heading, lockedBanner(() => app.room.state.locked), composer.form, answers.node);

  function update() {
    composer.update();
    const ofSequence = (card) => card.sequence === sequence.id && card.kind === "answer";
    answers.fill([...pendingCards(app, ofSequence), ...app.board.list((card) => ofSequence(card) && !card.hidden)]);
  }

  return { node, heading, update };
}
