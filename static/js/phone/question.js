/* A question board on the phone: the question, one text box, the room's answers (+1 them,
 * edit or delete one's own). */
import { h, setText, show } from "../core/dom.js";
import { t } from "../core/strings.js";
import { cardItems, deleteCard, editCard, pendingCards } from "./cards.js";
import { activityHeading, countedList, textField } from "./parts.js";

const ANSWER_MAX = 500;

export function questionView(app) {
  const sequence = app.activities.sequence(app.room.state.sequence);
  let editing = null;
  const heading = activityHeading(app, sequence, "question_board");
  const banner = h("p", { class: "locked-banner", role: "note", text: t("act_locked") });
  const field = textField({ id: "answer-text", label: t("act_your_answer"), max: ANSWER_MAX });
  const editNote = h("p", { class: "compose-context", text: t("act_editing"), hidden: true });
  const send = h("button", { type: "submit", class: "primary wide" });
  const cancel = h("button", { type: "button", text: t("act_cancel"), hidden: true,
                               onclick: () => { editing = null; field.set(""); update(); field.area.focus(); } });
  const form = h("form", { class: "compose answer-compose", novalidate: true },
    editNote, field.nodes, h("div", { class: "compose-actions" }, send, cancel));
  form.addEventListener("submit", submit);
  const actions = {
    label: "+1", mineLabel: t("act_mine"),
    edit: (card) => { editing = card.id; field.set(card.text); update(); field.area.focus(); },
    remove: (card) => deleteCard(app, card, t("act_confirm_delete")),
  };
  const answers = countedList({ tag: "div", id: "answers" }, { class: "column-title answers" }, t("act_answers"),
    t("act_no_answers"), ...cardItems(app, actions));
  const node = h("div", {}, heading, banner, form, answers.node);

  function submit(event) {
    event.preventDefault();
    const text = field.area.value.trim();
    if (!text) return field.fail(t("act_empty"));
    if (editing) return editCard(app, editing, text, field, () => { editing = null; });
    app.outbox.add("card:post", { sequence: sequence.id, kind: "answer", text });
    if (!app.live.connected()) app.announce(t("act_queued"));
    field.set("");
    update();
    return undefined;
  }

  function update() {
    const locked = app.room.state.locked;
    if (editing && !app.board.cards.has(editing)) { editing = null; field.set(""); }
    show(banner, locked);
    show(editNote, Boolean(editing));
    show(cancel, Boolean(editing));
    field.area.disabled = locked && !editing;
    send.disabled = locked && !editing;
    setText(send, editing ? t("act_save") : t("act_send"));
    const ofSequence = (card) => card.sequence === sequence.id && card.kind === "answer";
    answers.fill([...pendingCards(app, ofSequence), ...app.board.list((card) => ofSequence(card) && !card.hidden)]);
  }

  update();
  return { node, heading, update };
}
