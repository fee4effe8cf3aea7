/* A text box with its label, character counter and error line, built once and kept: the
 * person's half-typed text and the caret stay whatever the room sends meanwhile. */
import { h } from "../core/dom.js";
import { t } from "../core/strings.js";

export function textField({ id, label, max, rows = 3, describedBy = "" }) {
  const area = h("textarea", { id, maxlength: max, rows, "aria-describedby": `${describedBy} ${id}-count ${id}-error`.trim() });
  const counter = h("p", { id: `${id}-count`, class: "hint" });
  const error = h("p", { id: `${id}-error`, class: "form-error", role: "alert", hidden: true });
  const count = () => { counter.textContent = t("chars", { n: area.value.length, max }); };
  area.addEventListener("input", () => { count(); clear(); });
  count();
  function fail(message) {
    error.textContent = message;
    error.hidden = false;
    area.setAttribute("aria-invalid", "true");
    area.focus();
  }
  function clear() {
    error.hidden = true;
    area.removeAttribute("aria-invalid");
  }
  function set(text) {
    area.value = text;
    count();
  }
  return { area, counter, error, fail, clear, set, nodes: [h("label", { for: id, text: label }), area, counter, error] };
}
