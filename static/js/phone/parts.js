/* What the phone's views are made of: a text box that keeps what is typed, an activity's
 * heading, a list of cards or texts with its count, each built once and then patched. */
import { h, keyed } from "../core/dom.js";
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

/* An activity's question (or title), focusable: it receives the focus when the room moves
 * to this activity. */
export function activityHeading(app, sequence, kind, text = null) {
  const label = text || (sequence && (sequence.question || sequence.title)) || app.room.state.sequence_title || "";
  return h("h1", { class: "activity-question", id: "activity-title", tabindex: "-1", "data-activity": kind, lang: contentLang(), text: label });
}

/* The line that says posting is closed, there while shown() is true. */
export function lockedBanner(shown, text = t("act_locked")) {
  return h("p", { class: "locked-banner", role: "note", hidden: () => !shown(), text });
}

/* A titled list, « Title (n) », with a line shown when it is empty; fill() patches it by
 * key (create(item) once per item, update(node, item) each time). */
export function countedList(props, titleProps, title, emptyText, create, update) {
  let shown = [];
  const list = h("ul", { class: "cards" });
  const node = h(props.tag || "section", { ...props, tag: null },
    h("h2", titleProps, `${title} `, h("span", { class: "count", text: () => `(${shown.length})` })), list,
    h("p", { class: "empty", text: emptyText, hidden: () => shown.length > 0 }));
  return {
    node,
    fill(items) {
      shown = items;
      keyed(list, items, (item) => item.id, create, update);
    },
  };
}
