/* « Nouvelle activité » (its form: templates/facilitator/console.html): a poll (single or
 * multiple choice, 1–5 scale, word cloud), a question board or a private writing made in
 * seconds during the day (activity:create). « Lancer maintenant » inserts it after the
 * current sequence and shows it at once, « Ajouter au programme » inserts it there for
 * later. A refusal is said next to its field; Escape closes it, each opening starts afresh. */
import { h, show } from "../core/dom.js";
import { t } from "../core/strings.js";

const MAX_OPTIONS = 8;
const FIELD_OF = { question: /^question/, options: /option/ };

export function launchForm(app) {
  const [toggle, form, kind, question, now, later, cancel] = ["launch-toggle", "launch", "launch-kind",
    "launch-question", "launch-now", "launch-later", "launch-cancel"].map((id) => document.getElementById(id));
  const list = form.querySelector(".launch-options");
  const options = form.querySelector(".launch-choices");
  const results = form.querySelector(".launch-results");
  const errors = { question: "launch-question-error", options: "launch-options-error", form: "launch-form-error" };
  for (const name in errors) errors[name] = document.getElementById(errors[name]);
  const poll = () => !kind.value.includes("_");
  const fieldOf = (name) => ({ question, options: list.querySelector("input") })[name];

  function addOption() {
    const n = list.children.length + 1;
    const last = () => input === list.lastElementChild.querySelector("input");
    const input = h("input", { type: "text", id: `launch-option-${n}`, maxlength: 80, autocomplete: "off",
      oninput: () => { if (last() && input.value.trim() && n < MAX_OPTIONS) addOption(); } });
    list.append(h("li", {}, h("label", { for: input.id, class: "visually-hidden", text: t("cl_option_n", { n }) }), input));
  }

  /* Every opening starts fresh: the first kind, no question, two empty answers, results hidden. */
  function reset() {
    form.reset();
    list.replaceChildren();
    addOption();
    addOption();
    refresh();
  }

  function refresh() {
    show(options, kind.value === "single" || kind.value === "multiple");
    show(results, poll());
    Object.keys(errors).forEach((name) => say(name, ""));
  }

  function say(name, text) {
    errors[name].textContent = text;
    show(errors[name], Boolean(text));
    fieldOf(name)?.setAttribute("aria-invalid", String(Boolean(text)));
  }

  function open(opened = form.hidden) {
    if (opened && form.hidden) reset();
    form.hidden = !opened;
    toggle.setAttribute("aria-expanded", String(opened));
    (opened ? question : toggle).focus();
  }

  function send(start) {
    refresh();
    if (!question.value.trim()) { say("question", t("cl_question_required")); question.focus(); return; }
    const data = { activity: poll() ? "poll" : kind.value, question: question.value, start };
    if (poll()) {
      data.kind = kind.value;
      data.results = form.querySelector("input[name=launch-results]:checked").value;
    }
    if (!options.hidden) data.options = [...list.querySelectorAll("input")].map((input) => input.value).filter((v) => v.trim());
    [now, later].forEach((b) => { b.disabled = true; });
    app.live.emit("activity:create", data).then((ack) => {
      if (ack.ok) {
        app.announce(t(start ? "cl_started" : "cl_added", { title: ack.sequence.title }));
        open(false);
        return;
      }
      const name = Object.keys(FIELD_OF).find((key) => FIELD_OF[key].test(ack.error.code)) || "form";
      say(name, ack.error.message);
      (fieldOf(name) || now).focus();
    }, () => say("form", t("offline"))).finally(() => { [now, later].forEach((b) => { b.disabled = false; }); });
  }

  kind.addEventListener("change", refresh);
  form.addEventListener("input", (event) => say(event.target === question ? "question" : "options", ""));
  form.addEventListener("submit", (event) => { event.preventDefault(); send(true); });
  toggle.addEventListener("click", () => open());
  later.addEventListener("click", () => send(false));
  cancel.addEventListener("click", () => open(false));
  form.addEventListener("keydown", (event) => { if (event.key === "Escape") open(false); });
  return { open };
}
