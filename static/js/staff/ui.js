/* What the staff's screens (console, projection) build alike: buttons, pressed states,
 * labelled fields, results tables, the timer's labels, averages. */
import { h } from "../core/dom.js";
import { pageLocale, t } from "../core/strings.js";

export function button(text, onclick, props = {}) {
  return h("button", { type: "button", text, onclick, ...props });
}

export function press(node, on) {
  node.setAttribute("aria-pressed", String(Boolean(on)));
}

/* A field under its visible label. */
export function field(text, input) {
  return h("div", {}, h("label", { for: input.id, text }), input);
}

/* A table of counts: one row a label and its numbers. */
export function countsTable(heads, rows, caption = null) {
  return h("table", {}, caption ? h("caption", { class: "visually-hidden", text: caption }) : null,
    h("thead", {}, h("tr", {}, heads.map((text) => h("th", { scope: "col", text })))),
    h("tbody", {}, rows.map(([label, ...numbers]) => h("tr", {}, h("td", { text: label }),
      numbers.map((n) => h("td", { class: "num", text: String(n) }))))));
}

export const timerLabels = () => ({ ended: t("timer_ended"), paused: t("timer_paused") });

/* An average out of 5, said with one decimal in the page's language. */
export function average(key, value) {
  return t(key, { avg: new Intl.NumberFormat(pageLocale(), { maximumFractionDigits: 1 }).format(value) });
}

/* Recommendations as the wall shows them, on the console and the projection alike: by
 * target, in the format's order, then by theme, first seen first. */
export function byTargetAndTheme(targets, recs) {
  return targets.map((target) => {
    const items = recs.filter((rec) => rec.target === target.key);
    const themes = [...new Set(items.map((rec) => rec.theme))]
      .map((theme) => ({ theme, items: items.filter((rec) => rec.theme === theme) }));
    return { target, items, themes };
  });
}
