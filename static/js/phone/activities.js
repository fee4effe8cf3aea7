/* The activities on the phone (private writing, polls, the feedback form's link), each a
 * view built once and then patched:
 * - writing: a private text, kept on the phone while typed, saved through the outbox (so
 *   offline it waits and goes once back), and once the facilitator reveals them, the
 *   room's texts without names;
 * - a poll: the options, one answer (several for a « multiple » poll, 1–5 for a scale, up
 *   to three words for a word cloud) sent through the outbox, changeable while the poll is
 *   open; « Résultats bientôt affichés » while the results are hidden. */
import { h, presentIf, setText } from "../core/dom.js";
import { contentLang, pageLocale, plural, t } from "../core/strings.js";
import { activityHeading, countedList, lockedBanner, textField } from "./parts.js";

const WRITING_MAX = 2000;

export function writingView(app) {
  const sequence = app.activities.sequence(app.room.state.sequence);
  const slot = `writing:${sequence.id}`;
  const state = () => app.activities.writingOf(sequence.id);
  const own = () => app.activities.myWriting(sequence.id);
  const locked = () => app.room.state.locked;
  const heading = activityHeading(app, sequence, "individual_writing");
  const field = textField({ id: "writing-text", label: t("act_your_text"), max: WRITING_MAX, rows: 7,
                            describedBy: "writing-private", disabled: locked });
  field.set(app.drafts.text(slot) ?? app.outbox.waiting(slot)?.data.text ?? own()?.text ?? "");
  field.area.addEventListener("input", () => { app.drafts.keep(slot, field.area.value); setText(saved, ""); });
  const saved = h("p", { class: "saved", role: "status" });
  const form = h("form", { class: "compose writing-compose", novalidate: true, hidden: () => state().revealed },
    field.nodes[0], h("p", { id: "writing-private", class: "private-note", text: t("act_private") }),
    field.nodes.slice(1), saved,
    h("button", { type: "submit", class: "primary wide", disabled: locked,
                  text: () => (own() ? t("act_save") : t("act_keep")) }));
  form.addEventListener("submit", submit);
  /* Once revealed, the texts replace the form (present only then: their headings say
   * « Votre texte » too). */
  const texts = countedList({ class: "room-texts", "aria-labelledby": "room-texts-title" }, { id: "room-texts-title" },
    t("act_room_texts"), t("act_no_texts"),
    () => h("li", {}, h("article", { class: "card writing" }, h("p", { class: "text" }))),
    (item, w) => setText(item.querySelector(".text"), w.text));
  const revealed = h("div", {},
    h("p", { class: "writing-status", role: "note", text: t("act_revealed") }),
    h("section", { class: "my-writing", "aria-labelledby": "my-writing-title", hidden: () => !own() },
      h("h2", { id: "my-writing-title", text: t("act_your_text") }),
      h("p", { class: "text", text: () => own()?.text })),
    texts.node);
  const node = h("div", {}, heading, lockedBanner(() => !state().revealed && locked()), form,
    h("p", { class: "hint writing-count", hidden: () => state().revealed,
             text: () => plural(t, "act_writers_n", state().count) }));

  function submit(event) {
    event.preventDefault();
    field.clear();
    const text = field.area.value.trim();
    if (!text && !own()) return field.fail(t("act_empty"));
    app.drafts.drop(slot);
    if (!app.send("writing:save", { sequence: sequence.id, text }, { slot })) setText(saved, t("act_writing_queued"));
    return undefined;
  }

  function update(change) {
    const pending = app.outbox.waiting(slot);
    if (change.type === "ack" && change.data?.sequence === sequence.id) setText(saved, t("act_saved"));
    else if (!pending && own() && !saved.textContent) setText(saved, t("act_saved"));
    presentIf(revealed, state().revealed, () => heading.after(revealed));
    texts.fill(state().texts || []);
  }

  return { node, heading, update };
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
  const heading = activityHeading(app, sequence, "poll", first.question);
  const type = first.kind === "multiple" ? "checkbox" : "radio";
  const inputs = words
    ? [1, 2, 3].map((n) => h("input", { type: "text", id: `choice-${n}`, maxlength: 30, autocomplete: "off",
                                        disabled: closed }))
    : first.options.map((option, i) => h("input", { type, name: "poll-choice", id: `choice-${i}`, value: option.key,
                                                     disabled: closed }));
  const choice = (option, i) => h("li", {}, h("label", { class: "choice", for: `choice-${i}` }, inputs[i],
    h("span", { lang: first.kind === "scale" ? null : contentLang() },
      first.kind === "scale" ? scaleLabel(option.key) : option.label,
      option.description ? h("span", { class: "choice-help", text: option.description }) : null)));
  const error = h("p", { id: "poll-error", class: "form-error", role: "alert", hidden: true });
  const form = h("form", { class: "poll-form", novalidate: true },
    h("fieldset", { "aria-describedby": "poll-error" },
      h("legend", { class: "visually-hidden", text: first.question }),
      first.kind === "multiple" || words
        ? h("p", { class: "hint", text: t(words ? "act_words" : "act_several") }) : null,
      words
        ? h("div", { class: "words" },
          inputs.map((input, i) => [h("label", { for: input.id, text: t("act_word_n", { n: i + 1 }) }), input]))
        : h("ul", { class: `choices${first.kind === "scale" ? " scale" : ""}` }, first.options.map(choice))),
    error,
    h("button", { type: "submit", class: "primary wide", hidden: closed,
                  text: () => (chosen() ? t("act_change_vote") : t("act_vote")) }));
  const labels = () => (words ? chosen() : poll().options.filter((option) => chosen().includes(option.key))
    .map((option) => (poll().kind === "scale" ? option.key : option.label)));
  const node = h("div", {}, heading,
    lockedBanner(closed, () => (chosen() ? t("act_poll_closed") : t("act_poll_not_open"))),
    form,
    h("p", { class: "my-vote", role: "status", hidden: () => !chosen(), text: () => chosen()
      && t(app.outbox.waiting(slot) ? "act_your_vote_waiting" : "act_your_vote", { choice: labels().join(", ") }) }),
    h("p", { class: "results-soon", text: t("act_results_soon"), hidden: () => poll().shown }),
    h("p", { class: "hint", text: () => plural(t, "act_votes_n", poll().total) }));

  inputs.forEach((input, i) => {
    if (words) input.value = (chosen() || [])[i] || "";
    else input.checked = (chosen() || []).includes(input.value);
    input.addEventListener("change", () => { error.hidden = true; });
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const choices = words ? inputs.map((input) => input.value.trim()).filter(Boolean)
      : inputs.filter((input) => input.checked).map((input) => input.value);
    if (!choices.length) {
      error.textContent = t(words ? "act_word" : "act_choose");
      error.hidden = false;
      inputs[0].focus();
      return;
    }
    app.send("poll:vote", { poll: first.key, choices }, { slot, queued: t("act_vote_queued") });
  });

  return { node, heading };
}

export function feedbackView(app) {
  const feedback = () => app.activities.feedback;
  const heading = activityHeading(app, null, "feedback_form", app.room.state.sequence_title || t("act_feedback"));
  const node = h("div", {}, heading,
    h("p", { class: "waiting", text: t("act_feedback_none"), hidden: () => feedback().available }),
    h("div", { hidden: () => !feedback().available }, h("p", { text: t("act_feedback_intro") }),
      h("p", {}, h("a", { class: "button primary wide", href: `/f/${encodeURIComponent(app.code)}`,
                          text: t("act_feedback_go") })),
      h("p", { class: "hint", hidden: () => !feedback().expires_at, text: () => feedback().expires_at
        && t("act_feedback_until", { date: new Date(feedback().expires_at).toLocaleDateString(pageLocale()) }) })));
  return { node, heading };
}
