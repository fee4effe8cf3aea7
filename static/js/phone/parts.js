/* What the phone's views are made of: a text box that keeps what is typed, an activity's
 * heading, a list of cards or texts with its count, each built once and then patched. */
import { h, keyed, setText, show } from "../core/dom.js";
import { contentLang, t } from "../core/strings.js";

/* A text box with its label, character counter and error line: the person's half-typed
 * text and the caret stay whatever the room sends meanwhile. */
export function textField({ id, label, max, rows = 3, describedBy = "", disabled = null }) {
  const area = h("textarea", { id, maxlength: max, rows, disabled,
                               "aria-describedby": `${describedBy} ${id}-count ${id}-error`.trim() });
  const counter = h("p", { id: `${id}-count`, class: "hint" });
  const error = h("p", { id: `${id}-error`, class: "form-error", role: "alert", hidden: true });
  const count = () => { counter.textContent = t("chars", { n: area.value.length, max }); };
  const clear = () => { error.hidden = true; area.removeAttribute("aria-invalid"); };
  area.addEventListener("input", () => { count(); clear(); });
  count();
  return {
    area, clear, nodes: [h("label", { for: id, text: label }), area, counter, error],
    fail(message) {
      error.textContent = message;
      error.hidden = false;
      area.setAttribute("aria-invalid", "true");
      area.focus();
    },
    set(text) { area.value = text; count(); },
  };
}

/* What an activity's heading says (its template's focusable h1, data-ref="heading", which
 * receives the focus when the room moves to this activity): its question, or title. */
export function headingProps(app, sequence, text = null) {
  const label = text || (sequence && (sequence.question || sequence.title)) || app.room.state.sequence_title || "";
  return { lang: contentLang(), text: label };
}

/* A titled list its template wrote (« Title (n) »: an h2 holding a .count, a ul.cards, and
 * a p.empty shown when it is empty), patched by key: create(item) once per item,
 * update(node, item) each time. */
export function fillList(box, items, create, update) {
  setText(box.querySelector(".count"), `(${items.length})`);
  show(box.querySelector(".empty"), items.length === 0);
  keyed(box.querySelector("ul.cards"), items, (item) => item.id, create, update);
}
