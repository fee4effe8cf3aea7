/* The projection's views of private writing (a count, then the revealed texts), a poll
 * (live horizontal bars, a word cloud, or « Résultats bientôt affichés » until revealed) and the feedback form (the QR code of its page). */
import { h, readJSON } from "../core/dom.js";
import { contentLang, pageLocale, plural, t } from "../core/strings.js";
import { fitBoard, fitLater, head, section, textRange } from "./view.js";

const current = (app) => app.activities.sequence(app.room.state.sequence);

export function writingView(app) {
  const node = section("individual_writing", { class: "view activity-view" });
  const fit = fitLater(() => {
    const [list, body] = [node.querySelector(".act-cards"), node.querySelector(".act-body")];
    if (list) fitBoard(node, [list], [body], { ...textRange(36), maxColumns: 4 });
  });
  function update() {
    const sequence = current(app);
    if (!sequence) { node.replaceChildren(); return; }
    const state = app.activities.writingOf(sequence.id);
    const title = head(sequence.title, sequence.question || sequence.title);
    if (!state.revealed) {
      node.replaceChildren(title, h("div", { class: "act-count-box" },
        h("p", { class: "act-count", text: String(state.count) }),
        h("p", { class: "act-count-label", text: plural(t, "pa_writers", state.count) }),
        h("p", { class: "act-private", text: t("pa_private") })));
      return;
    }
    const texts = state.texts || [];
    node.replaceChildren(title, h("div", { class: "act-body" }, h("ul", { class: "act-cards" },
      texts.length ? texts.map((w) => h("li", { class: "item" }, h("article", { class: "card writing" }, h("p", { class: "text", text: w.text }))))
        : h("li", { class: "placeholder", text: t("pa_no_texts") }))));
    fit();
  }
  return { node, update, fit };
}

export function pollView(app) {
  const node = section("poll", { class: "view activity-view" });
  const scaleLabel = (key) => ({ 1: t("pa_scale_1"), 5: t("pa_scale_5") })[key] || key;
  function update() {
    const poll = app.activities.poll(current(app)?.poll);
    if (!poll) { node.replaceChildren(); return; }
    const max = Math.max(1, ...poll.options.map((o) => o.count));
    const number = new Intl.NumberFormat(pageLocale(), { maximumFractionDigits: 1 });
    const title = head(poll.open ? t("pa_poll_open") : t("pa_poll_closed"), poll.question);
    const total = h("p", { class: "poll-total" }, plural(t, "pa_total", poll.total),
      poll.kind === "scale" && poll.average != null ? ` · ${t("pa_average", { avg: number.format(poll.average) })}` : "");
    if (!poll.shown) { node.replaceChildren(title, h("div", { class: "poll-body" }, h("p", { class: "results-soon", text: t("pa_results_soon") }), total)); return; }
    if (poll.kind === "words") { // sized by frequency: 1× to 3× the smallest
      node.replaceChildren(title, h("div", { class: "poll-body" }, h("ul", { class: `word-cloud${poll.options.length > 20 ? " many" : ""}`, "aria-label": t("pa_results") }, poll.options.map((o) => {
        const word = h("li", { lang: contentLang() }, o.label, h("span", { class: "visually-hidden", text: ` (${o.count})` }));
        word.style.fontSize = `${1 + (2 * (o.count - 1)) / Math.max(1, max - 1)}em`;
        return word;
      })), total));
      return;
    }
    node.replaceChildren(title,
      h("div", { class: "poll-body" },
        h("ul", { class: `poll-bars${poll.kind === "scale" ? " scale" : ""}`, "aria-label": t("pa_results") }, poll.options.map((o) => {
          const label = poll.kind === "scale" ? scaleLabel(o.key) : o.label;
          const fill = h("span", { class: "poll-fill" });
          fill.style.width = `${(100 * o.count) / max}%`; // CSSOM: allowed by the CSP
          return h("li", {}, h("span", { class: "poll-label", text: label }),
            h("span", { class: "poll-track", "aria-hidden": "true" }, fill),
            h("span", { class: "poll-number" }, h("strong", { text: String(o.count) }), ` · ${o.percent}\u00a0%`),
            h("span", { class: "visually-hidden", text: plural(t, "pa_bar_text", o.count, { label, pct: o.percent }) }));
        })),
        total));
  }
  return { node, update };
}

export function feedbackView(app) {
  const node = section("feedback_form", { class: "view activity-view" });
  const link = readJSON("feedback-link");
  function update() {
    const s = app.room.state;
    const title = t("pa_feedback_title");
    const answers = app.activities.feedback.answers ?? 0;
    // the sequence is often named like the form: then the day, not the same words twice
    node.replaceChildren(head(s.sequence_title && s.sequence_title !== title ? s.sequence_title : s.day_title, title),
      h("div", { class: "join-grid feedback-grid" },
        h("img", { class: "qr", src: link.qr, alt: t("pa_feedback_qr") }),
        h("div", { class: "join-text" },
          h("p", { class: "join-step", text: t("pa_feedback_scan") }),
          h("p", { class: "join-or", text: t("pa_or") }),
          h("p", { class: "join-url", text: link.url.split("://").pop() }),
          h("p", { class: "join-count" }, h("strong", { text: String(answers) }), ` ${plural(t, "pa_answers", answers)}`))));
  }
  return { node, update };
}
