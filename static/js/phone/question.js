/* A question board on the phone: the question, one text box, the room's answers (+1 them,
 * edit or delete one's own); its markup is activities/_phone.html's and _board.html's. */
import { stamp } from "../core/dom.js";
import { t } from "../core/strings.js";
import { cardComposer, cardItems, pendingCards } from "./cards.js";
import { boxOf } from "./drafts.js";
import { fillList, headingProps } from "./parts.js";

export function questionView(app) {
  const sequence = app.activities.sequence(app.room.state.sequence);
  const composer = cardComposer(app, {
    template: "tpl-answer-compose", id: "answer-text", box: boxOf("card:post", { sequence: sequence.id }),
    label: t("act_your_answer"),
    editing: t("act_editing"), queued: t("act_queued"),
    supportLabel: "+1", mineLabel: t("act_mine"), confirmDelete: t("act_confirm_delete"),
    post: (text) => ({ sequence: sequence.id, kind: "answer", text }),
  });
  const [createCard, patchCard] = cardItems(app, composer.actions);
  const [node, refs] = stamp("tpl-question", { heading: headingProps(app, sequence),
                                               locked: { hidden: () => !app.room.state.locked } });
  refs.answers.before(composer.form);

  function update() {
    composer.update();
    const ofSequence = (card) => card.sequence === sequence.id && card.kind === "answer";
    const stored = app.board.list((card) => ofSequence(card) && !card.hidden);
    fillList(refs.answers, [...pendingCards(app, ofSequence), ...stored], createCard, patchCard);
  }

  return { node, heading: refs.heading, update };
}
