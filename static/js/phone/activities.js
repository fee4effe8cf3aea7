/* The activities on the phone (private writing, polls, the feedback form's link), each a
 * view stamped once from activities/_phone.html's templates and then patched:
 * - writing: a private text, kept on the phone while typed, saved through the outbox (so
 *   offline it waits and goes once back), and once the facilitator reveals them, the
 *   room's texts without names;
 * - a poll: the options, one answer (several for a « multiple » poll, 1–5 for a scale, up
 *   to three words for a word cloud) sent through the outbox, changeable while the poll is
 *   open; « Résultats bientôt affichés » while the results are hidden. */
import { h, presentIf, setText, stamp } from "../core/dom.js";
import { contentLang, pageLocale, plural, t } from "../core/strings.js";
import { fillList, headingProps, textField } from "./parts.js";

const WRITING_MAX = 2000;

export function writingView(app) {
  const sequence = app.activities.sequence(app.room.state.sequence);
  const slot = `writing:${sequence.id}`;
  const state = () => app.activities.writingOf(sequence.id);
  const own = () => app.activities.myWriting(sequence.id);
  const locked = () => app.room.state.locked;
  const field = textField({ id: "writing-text", label: t("act_your_text"), max: WRITING_MAX, rows: 7,
                            describedBy: "writing-private", disabled: locked });
  field.set(app.drafts.text(slot) ?? app.outbox.waiting(slot)?.data.text ?? own()?.text ?? "");
  field.area.addEventListener("input", () => {
    app.drafts.keep(slot, field.area.value);
    setText(refs.saved, "");
  });
  const [node, refs] = stamp("tpl-writing", {
    heading: headingProps(app, sequence),
    locked: { hidden: () => state().revealed || !locked() },
    form: { hidden: () => state().revealed, onsubmit: submit },
    keep: { disabled: locked, text: () => (own() ? t("act_save") : t("act_keep")) },
    count: { hidden: () => state().revealed, text: () => plural(t, "act_writers_n", state().count) },
  });
  refs.private.before(field.nodes[0]);
  refs.private.after(...field.nodes.slice(1));
  const [revealed, shown] = stamp("tpl-writing-revealed", { mine: { hidden: () => !own() },
                                                            text: { text: () => own()?.text } });

  function submit(event) {
    event.preventDefault();
    field.clear();
    const text = field.area.value.trim();
    if (!text && !own()) return field.fail(t("act_empty"));
    app.drafts.drop(slot);
    const sent = app.send("writing:save", { sequence: sequence.id, text }, { slot });
    if (!sent) setText(refs.saved, t("act_writing_queued"));
    return undefined;
  }

  function update(change) {
    const pending = app.outbox.waiting(slot);
    if (change.type === "ack" && change.data?.sequence === sequence.id) setText(refs.saved, t("act_saved"));
    else if (!pending && own() && !refs.saved.textContent) setText(refs.saved, t("act_saved"));
    presentIf(revealed, state().revealed, () => refs.heading.after(revealed));
    fillList(shown.texts, state().texts || [], () => stamp("tpl-room-text")[0],
      (item, w) => setText(item.querySelector(".text"), w.text));
  }

  return { node, heading: refs.heading, update };
}

function scaleLabel(key) {
  return key === "1" ? t("act_scale_1") : key === "5" ? t("act_scale_5") : key;
}

export function pollView(app) {
  const sequence = app.activities.sequence(app.room.state.sequence);
  const first = app.activities.poll(sequence.poll);
  const slot = `poll:${first.key}`;
  const poll = () => app.activities.poll(first.key) || first;
  const closed = () => !poll().open;
  const chosen = () => app.outbox.waiting(slot)?.data.choices ?? app.activities.myVotes[first.key] ?? null;
  const words = first.kind === "words";
  const type = first.kind === "multiple" ? "checkbox" : "radio";
  const inputs = words
    ? [1, 2, 3].map((n) => h("input", { type: "text", id: `choice-${n}`, maxlength: 30, autocomplete: "off",
                                        disabled: closed }))
    : first.options.map((option, i) => h("input", { type, name: "poll-choice", id: `choice-${i}`,
                                                     value: option.key, disabled: closed }));
  const choice = (option, i) => h("li", {}, h("label", { class: "choice", for: `choice-${i}` }, inputs[i],
    h("span", { lang: first.kind === "scale" ? null : contentLang() },
      first.kind === "scale" ? scaleLabel(option.key) : option.label,
      option.description ? h("span", { class: "choice-help", text: option.description }) : null)));
  const labels = () => (words ? chosen() : poll().options.filter((option) => chosen().includes(option.key))
    .map((option) => (poll().kind === "scale" ? option.key : option.label)));
  const mine = () => chosen() && t(app.outbox.waiting(slot) ? "act_your_vote_waiting" : "act_your_vote",
    { choice: labels().join(", ") });
  const [node, refs] = stamp("tpl-poll", {
    heading: headingProps(app, sequence, first.question),
    closed: { hidden: () => !closed(), text: () => t(chosen() ? "act_poll_closed" : "act_poll_not_open") },
    question: { text: first.question },
    form: { onsubmit: submit },
    vote: { hidden: closed, text: () => (chosen() ? t("act_change_vote") : t("act_vote")) },
    mine: { hidden: () => !chosen(), text: mine },
    soon: { hidden: () => poll().shown },
    total: { text: () => plural(t, "act_votes_n", poll().total) },
  });
  if (!words) refs.words.remove();
  if (first.kind !== "multiple") refs.several.remove();
  refs.choices.append(words
    ? h("div", { class: "words" },
      inputs.map((input, i) => [h("label", { for: input.id, text: t("act_word_n", { n: i + 1 }) }), input]))
    : h("ul", { class: `choices${first.kind === "scale" ? " scale" : ""}` }, first.options.map(choice)));

  inputs.forEach((input, i) => {
    if (words) input.value = (chosen() || [])[i] || "";
    else input.checked = (chosen() || []).includes(input.value);
    input.addEventListener("change", () => { refs.error.hidden = true; });
  });

  function submit(event) {
    event.preventDefault();
    const choices = words ? inputs.map((input) => input.value.trim()).filter(Boolean)
      : inputs.filter((input) => input.checked).map((input) => input.value);
    if (!choices.length) {
      refs.error.textContent = t(words ? "act_word" : "act_choose");
      refs.error.hidden = false;
      inputs[0].focus();
      return;
    }
    app.send("poll:vote", { poll: first.key, choices }, { slot, queued: t("act_vote_queued") });
  }

  return { node, heading: refs.heading };
}

export function feedbackView(app) {
  const feedback = () => app.activities.feedback;
  const until = () => feedback().expires_at
    && t("act_feedback_until", { date: new Date(feedback().expires_at).toLocaleDateString(pageLocale()) });
  const [node, refs] = stamp("tpl-feedback", {
    heading: headingProps(app, null, app.room.state.sequence_title || t("act_feedback")),
    none: { hidden: () => feedback().available },
    available: { hidden: () => !feedback().available },
    until: { hidden: () => !feedback().expires_at, text: until },
  });
  return { node, heading: refs.heading };
}
