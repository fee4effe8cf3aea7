/* The activities on the phone (private writing, polls, the feedback form's link), each a
 * view built once and then patched:
 * - writing: a private text, kept on the phone while typed, saved through the outbox (so
 *   offline it waits and goes once back), and once the facilitator reveals them, the
 *   room's texts without names;
 * - a poll: the options, one answer (several for a « multiple » poll, 1–5 for a scale, up
 *   to three words for a word cloud) sent through the outbox, changeable while the poll is
 *   open; « Résultats bientôt affichés » while the results are hidden. */
import { h, presentIf, setText, show } from "../core/dom.js";
import { contentLang, pageLocale, plural, t } from "../core/strings.js";
import { forget, load, save } from "../core/storage.js";
import { activityHeading, countedList, textField } from "./parts.js";

const WRITING_MAX = 2000;

export function writingView(app) {
  const sequence = app.activities.sequence(app.room.state.sequence);
  const draftKey = `ensemble:${app.code}:writing:${sequence.id}`;
  const slot = `writing:${sequence.id}`;
  const heading = activityHeading(app, sequence, "individual_writing");
  const banner = h("p", { class: "locked-banner", role: "note", text: t("act_locked") });
  const field = textField({ id: "writing-text", label: t("act_your_text"), max: WRITING_MAX, rows: 7,
                            describedBy: "writing-private" });
  const mine = app.activities.myWriting(sequence.id);
  const waiting = app.outbox.waiting(slot);
  field.set(load(draftKey, null) ?? waiting?.data.text ?? mine?.text ?? "");
  field.area.addEventListener("input", () => { save(draftKey, field.area.value); setText(saved, ""); });
  const saved = h("p", { class: "saved", role: "status" });
  const keep = h("button", { type: "submit", class: "primary wide" });
  const form = h("form", { class: "compose writing-compose", novalidate: true },
    field.nodes[0], h("p", { id: "writing-private", class: "private-note", text: t("act_private") }),
    field.nodes.slice(1), saved, keep);
  form.addEventListener("submit", submit);
  const writers = h("p", { class: "hint writing-count" });
  const revealedNote = h("p", { class: "writing-status", role: "note", text: t("act_revealed") });
  const myText = h("p", { class: "text" });
  const myBox = h("section", { class: "my-writing", "aria-labelledby": "my-writing-title" },
    h("h2", { id: "my-writing-title", text: t("act_your_text") }), myText);
  const roomTexts = countedList({ class: "room-texts", "aria-labelledby": "room-texts-title" }, { id: "room-texts-title" },
    t("act_room_texts"), t("act_no_texts"), () => h("li", {}, h("article", { class: "card writing" }, h("p", { class: "text" }))),
    (item, w) => setText(item.querySelector(".text"), w.text));
  const node = h("div", {}, heading, banner, form, writers);

  function submit(event) {
    event.preventDefault();
    field.clear();
    const text = field.area.value.trim();
    if (!text && !app.activities.myWriting(sequence.id)) return field.fail(t("act_empty"));
    app.outbox.add("writing:save", { sequence: sequence.id, text }, slot);
    forget(draftKey);
    if (!app.live.connected()) setText(saved, t("act_writing_queued"));
    return undefined;
  }

  function update(change = {}) {
    const state = app.activities.writingOf(sequence.id);
    const own = app.activities.myWriting(sequence.id);
    const pending = app.outbox.waiting(slot);
    if (change.type === "ack" && change.data?.sequence === sequence.id) setText(saved, t("act_saved"));
    else if (!pending && own && !saved.textContent) setText(saved, t("act_saved"));
    const locked = app.room.state.locked;
    for (const part of [form, writers]) show(part, !state.revealed);
    show(banner, !state.revealed && locked);
    field.area.disabled = locked;
    keep.disabled = locked;
    setText(keep, own ? t("act_save") : t("act_keep"));
    setText(writers, plural(t, "act_writers_n", state.count));
    /* Once revealed, the texts replace the form (present only then: their headings say
     * « Votre texte » too). */
    presentIf(roomTexts.node, state.revealed, () => heading.after(roomTexts.node));
    presentIf(myBox, state.revealed && Boolean(own), () => heading.after(myBox));
    presentIf(revealedNote, state.revealed, () => heading.after(revealedNote));
    setText(myText, own ? own.text : "");
    roomTexts.fill(state.texts || []);
  }

  update();
  return { node, heading, update };
}

function scaleLabel(key) {
  return key === "1" ? t("act_scale_1") : key === "5" ? t("act_scale_5") : key;
}

export function pollView(app) {
  const sequence = app.activities.sequence(app.room.state.sequence);
  const poll = app.activities.poll(sequence.poll);
  const slot = `poll:${poll.key}`;
  const heading = activityHeading(app, sequence, "poll", poll.question);
  const banner = h("p", { class: "locked-banner", role: "note" });
  const type = poll.kind === "multiple" ? "checkbox" : "radio";
  const words = poll.kind === "words";
  const inputs = words ? [1, 2, 3].map((n) => h("input", { type: "text", id: `choice-${n}`, maxlength: 30, autocomplete: "off" }))
    : poll.options.map((option, i) => h("input", { type, name: "poll-choice", id: `choice-${i}`, value: option.key }));
  const error = h("p", { id: "poll-error", class: "form-error", role: "alert", hidden: true });
  const submit = h("button", { type: "submit", class: "primary wide" });
  const fieldset = h("fieldset", { "aria-describedby": "poll-error" },
    h("legend", { class: "visually-hidden", text: poll.question }),
    poll.kind === "multiple" || words ? h("p", { class: "hint", text: t(words ? "act_words" : "act_several") }) : null,
    words ? h("div", { class: "words" }, inputs.map((input, i) => [h("label", { for: input.id, text: t("act_word_n", { n: i + 1 }) }), input])) : h("ul", { class: `choices${poll.kind === "scale" ? " scale" : ""}` }, poll.options.map((option, i) =>
      h("li", {}, h("label", { class: "choice", for: `choice-${i}` }, inputs[i],
        h("span", { lang: poll.kind === "scale" ? null : contentLang() }, poll.kind === "scale" ? scaleLabel(option.key) : option.label,
          option.description ? h("span", { class: "choice-help", text: option.description }) : null))))));
  const form = h("form", { class: "poll-form", novalidate: true }, fieldset, error, submit);
  const myVote = h("p", { class: "my-vote", role: "status" });
  const total = h("p", { class: "hint" });
  const soon = h("p", { class: "results-soon", text: t("act_results_soon") });
  const node = h("div", {}, heading, banner, form, myVote, soon, total);

  function chosen() {
    const waiting = app.outbox.waiting(slot);
    return waiting ? waiting.data.choices : app.activities.myVotes[poll.key] || null;
  }
  inputs.forEach((input, i) => { if (words) input.value = (chosen() || [])[i] || ""; else input.checked = (chosen() || []).includes(input.value); });
  for (const input of inputs) input.addEventListener("change", () => { error.hidden = true; });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const choices = words ? inputs.map((input) => input.value.trim()).filter(Boolean) : inputs.filter((input) => input.checked).map((input) => input.value);
    if (!choices.length) { error.textContent = t(words ? "act_word" : "act_choose"); error.hidden = false; inputs[0].focus(); return; }
    app.outbox.add("poll:vote", { poll: poll.key, choices }, slot);
    if (!app.live.connected()) app.announce(t("act_vote_queued"));
    update();
  });

  function update() {
    const current = app.activities.poll(poll.key) || poll;
    const mine = chosen();
    const waiting = Boolean(app.outbox.waiting(slot));
    show(banner, !current.open);
    setText(banner, mine ? t("act_poll_closed") : t("act_poll_not_open"));
    for (const input of inputs) input.disabled = !current.open;
    show(submit, current.open);
    setText(submit, mine ? t("act_change_vote") : t("act_vote"));
    const labels = words ? mine || [] : current.options.filter((option) => (mine || []).includes(option.key))
      .map((option) => (current.kind === "scale" ? option.key : option.label));
    show(soon, !current.shown);
    show(myVote, Boolean(mine));
    setText(myVote, mine ? t(waiting ? "act_your_vote_waiting" : "act_your_vote", { choice: labels.join(", ") }) : "");
    setText(total, plural(t, "act_votes_n", current.total));
  }

  update();
  return { node, heading, update };
}

export function feedbackView(app) {
  const heading = activityHeading(app, null, "feedback_form", app.room.state.sequence_title || t("act_feedback"));
  const none = h("p", { class: "waiting", text: t("act_feedback_none") });
  const until = h("p", { class: "hint" });
  const offer = h("div", {}, h("p", { text: t("act_feedback_intro") }),
    h("p", {}, h("a", { class: "button primary wide", href: `/f/${encodeURIComponent(app.code)}`, text: t("act_feedback_go") })), until);
  const node = h("div", {}, heading, none, offer);
  function update() {
    const feedback = app.activities.feedback;
    show(none, !feedback.available);
    show(offer, Boolean(feedback.available));
    show(until, Boolean(feedback.expires_at));
    if (feedback.expires_at) {
      setText(until, t("act_feedback_until", { date: new Date(feedback.expires_at).toLocaleDateString(pageLocale()) }));
    }
  }
  update();
  return { node, heading, update };
}
