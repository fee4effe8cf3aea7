/* A poll on the phone: the options, one answer (several for a « multiple » poll, 1–5 for
 * a scale, up to three words for a word cloud) sent through the outbox, changeable while
 * the poll is open; « Résultats bientôt affichés » while the results are hidden. */
import { h, setText, show } from "../core/dom.js";
import { contentLang, plural, t } from "../core/strings.js";
import { activityHeading } from "./parts.js";

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
