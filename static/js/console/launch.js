/* « Nouvelle activité »: a poll (single or multiple choice, 1–5 scale, word cloud), a question
 * board or a private writing made in seconds during the day (activity:create). « Lancer
 * maintenant » inserts it after the current sequence and shows it at once, « Ajouter au
 * programme » inserts it there for later. A refusal is said next to its field. */
import { h, show } from "../core/dom.js";
import { t } from "../core/strings.js";

const KINDS = ["single", "multiple", "scale", "words", "question_board", "individual_writing"];
const MAX_OPTIONS = 8;
const FIELD_OF = { question: /^question/, options: /option/ };

export function launchForm(app) {
  const toggle = h("button", { type: "button", id: "launch-toggle", "aria-expanded": "false", "aria-controls": "launch",
    "aria-keyshortcuts": "N", text: `+ ${t("cl_new")}` });
  const kind = h("select", { id: "launch-kind" }, KINDS.map((k) => h("option", { value: k, text: t(`cl_kind_${k}`) })));
  const question = h("input", { type: "text", id: "launch-question", maxlength: 300, autocomplete: "off", "aria-describedby": "launch-question-error" });
  const errors = { question: h("p", { id: "launch-question-error", class: "form-error", hidden: true }),
    options: h("p", { id: "launch-options-error", class: "form-error", hidden: true }),
    form: h("p", { id: "launch-form-error", class: "form-error", role: "alert", hidden: true }) };
  const list = h("ol", { class: "launch-options" });
  const options = h("fieldset", { class: "launch-choices", "aria-describedby": "launch-options-error" },
    h("legend", { text: t("cl_options") }), list, errors.options);
  const results = h("fieldset", { class: "launch-results" }, h("legend", { text: t("cl_results") }),
    ["hidden", "live"].map((value) => h("label", { class: "inline-check" },
      h("input", { type: "radio", name: "launch-results", value, checked: value === "hidden" }), ` ${t(`cl_results_${value}`)}`)));
  const now = h("button", { type: "submit", class: "primary", id: "launch-now", text: t("cl_start") });
  const later = h("button", { type: "button", id: "launch-later", text: t("cl_later"), onclick: () => send(false) });
  const form = h("form", { class: "panel launch-form", id: "launch", "aria-labelledby": "launch-title", novalidate: true, hidden: true },
    h("h2", { id: "launch-title", text: t("cl_new") }),
    h("div", { class: "launch-row" }, h("div", {}, h("label", { for: "launch-kind", text: t("cl_kind") }), kind),
      h("div", { class: "launch-question" }, h("label", { for: "launch-question", text: t("cl_question") }), question, errors.question)),
    options, results, errors.form, h("div", { class: "actions" }, now, later,
      h("button", { type: "button", text: t("cancel"), onclick: () => open(false) })));

  function addOption() {
    const n = list.children.length + 1;
    const input = h("input", { type: "text", id: `launch-option-${n}`, maxlength: 80, autocomplete: "off",
      oninput: () => { if (input === list.lastElementChild.querySelector("input") && input.value.trim() && n < MAX_OPTIONS) addOption(); } });
    list.append(h("li", {}, h("label", { for: input.id, class: "visually-hidden", text: t("cl_option_n", { n }) }), input));
  }

  function reset() {
    question.value = "";
    list.replaceChildren();
    addOption();
    addOption();
    refresh();
  }

  function refresh() {
    const poll = !kind.value.includes("_");
    show(options, kind.value === "single" || kind.value === "multiple");
    show(results, poll);
    Object.values(errors).forEach((node) => say(node, ""));
  }

  function say(node, text) {
    node.textContent = text;
    show(node, Boolean(text));
    const field = node === errors.question ? question : node === errors.options ? list.querySelector("input") : null;
    if (field) field.setAttribute("aria-invalid", String(Boolean(text)));
  }

  function open(opened = form.hidden) {
    form.hidden = !opened;
    toggle.setAttribute("aria-expanded", String(opened));
    if (opened) question.focus(); else toggle.focus();
  }

  function send(start) {
    refresh();
    if (!question.value.trim()) { say(errors.question, t("cl_question_required")); question.focus(); return; }
    const poll = !kind.value.includes("_");
    const data = { activity: poll ? "poll" : kind.value, question: question.value, start };
    if (poll) {
      data.kind = kind.value;
      data.results = form.querySelector("input[name=launch-results]:checked").value;
    }
    if (!options.hidden) data.options = [...list.querySelectorAll("input")].map((input) => input.value).filter((v) => v.trim());
    [now, later].forEach((b) => { b.disabled = true; });
    app.live.emit("activity:create", data).then((ack) => {
      if (ack.ok) {
        app.announce(t(start ? "cl_started" : "cl_added", { title: ack.sequence.title }));
        reset();
        open(false);
        return;
      }
      const field = Object.keys(FIELD_OF).find((name) => FIELD_OF[name].test(ack.error.code)) || "form";
      say(errors[field], ack.error.message);
      (field === "question" ? question : field === "options" ? list.querySelector("input") : now).focus();
    }, () => say(errors.form, t("offline"))).finally(() => { [now, later].forEach((b) => { b.disabled = false; }); });
  }

  kind.addEventListener("change", refresh);
  form.addEventListener("input", (event) => say(event.target === question ? errors.question : errors.options, ""));
  form.addEventListener("submit", (event) => { event.preventDefault(); send(true); });
  toggle.addEventListener("click", () => open());
  reset();
  return { toggle, form, open };
}
