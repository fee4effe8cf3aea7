/* The console's panel for the current activity when it is a question board (moderation),
 * private writing (the count, reveal), a poll (open, close, results, their reveal) or the feedback form
 * (its link, how long it stays valid, the answers so far). Hidden for the other activities. */
import { h, readJSON, redraw } from "../core/dom.js";
import { pageLocale, plural, t } from "../core/strings.js";
import { moderationList } from "./moderation.js";

export function activityPanel(app) {
  const body = h("div");
  const answers = moderationList(app, t("ca_confirm_delete"));
  const title = h("h2", { id: "act-panel-title" });
  const panel = h("section", { class: "panel act-panel", id: "activity-panel", "aria-labelledby": "act-panel-title", hidden: true },
    title, body, answers.node);
  const summary = { for: null, data: null };
  const button = (text, id, onclick, extra = {}) => h("button", { type: "button", id, text, onclick, ...extra });
  const draw = { question_board: question, individual_writing: writing, poll, feedback_form: feedback };

  function update() {
    if (!app.room.hasSnapshot) return;
    const kind = app.room.state.activity;
    const sequence = app.activities.sequence(app.room.state.sequence);
    panel.hidden = !draw[kind] || !sequence;
    if (panel.hidden) return;
    title.textContent = t(`ca_${kind}`);
    answers.node.hidden = kind !== "question_board";
    redraw(body, () => [sequence.question && kind !== "poll" ? h("p", { class: "act-question", text: sequence.question }) : null,
      draw[kind](sequence)]);
  }

  function question(sequence) {
    const cards = app.board.list((card) => card.sequence === sequence.id && card.kind === "answer").sort((a, b) => a.id - b.id);
    answers.update(cards);
    return h("p", { text: plural(t, "ca_answers_n", cards.length) });
  }

  function writing(sequence) {
    const state = app.activities.writingOf(sequence.id);
    const reveal = (revealed, said) => app.act("writing:reveal", { sequence: sequence.id, revealed })
      .then((ack) => { if (ack.ok) app.announce(t(said)); });
    const count = [h("p", { class: "big-number", text: String(state.count) }), h("p", { text: plural(t, "ca_writers", state.count) })];
    if (!state.revealed) {
      return [count, h("p", { class: "hint", text: t("ca_private") }), h("div", { class: "actions" }, button(t("ca_reveal"), "reveal", () => {
        if (window.confirm(t("ca_confirm_reveal"))) reveal(true, "ca_revealed_now");
      }, { class: "primary" }))];
    }
    return [count, h("div", { class: "actions" }, button(t("ca_unreveal"), "unreveal", () => reveal(false, "ca_unrevealed_now"))),
      h("h3", { text: t("ca_texts") }), h("ul", { class: "texts" }, (state.texts || []).map((w) => h("li", { text: w.text })))];
  }

  function poll(sequence) {
    const p = app.activities.poll(sequence.poll);
    if (!p) return null;
    return [h("p", { class: "act-question", text: p.question }),
      h("p", { class: "status-line", role: "status", text: p.open ? t("ca_poll_open") : t("ca_poll_closed") }),
      h("p", { class: "status-line", text: p.shown ? t("ca_results_shown") : t("ca_results_hidden") }),
      h("div", { class: "actions" }, button(p.open ? t("ca_close_poll") : t("ca_open_poll"), "poll-toggle",
        () => app.act("poll:open", { poll: p.key, open: !p.open }), { class: p.open ? "danger" : "primary" }),
      button(p.shown ? t("ca_hide_results") : t("ca_reveal_results"), "poll-reveal", () => app.act("poll:reveal", { poll: p.key, shown: !p.shown })
        .then((ack) => { if (ack.ok) app.announce(t(p.shown ? "ca_results_hidden" : "ca_results_shown")); }), { "aria-keyshortcuts": "R", class: p.shown ? "" : "primary" })),
      results([t("ca_option"), t("ca_count"), "%"], p.options.map((o) => [o.label, o.count, `${o.percent}\u00a0%`]), t("ca_results")),
      h("p", { text: plural(t, "ca_total", p.total) + (p.average != null ? ` · ${average(p.average)}` : "") }),
      resultsLink()];
  }

  function feedback() {
    const f = app.activities.feedback;
    const link = readJSON("feedback-link-console");
    // Not opened yet while its sequence runs: the first phone that comes opens it.
    const open = f.open || !f.opened_at;
    const days = h("input", { type: "number", id: "feedback-days", min: 1, max: 365, value: f.valid_days });
    if (summary.for !== f.answers) loadSummary(f.answers);
    return [h("p", {}, `${t("ca_link")} `, h("a", { href: link.url, target: "_blank", rel: "noopener", text: link.url })),
      h("p", { role: "status", text: !open ? t("ca_feedback_closed") : f.expires_at
        ? t("ca_feedback_open", { date: new Date(f.expires_at).toLocaleDateString(pageLocale()) }) : t("ca_feedback_opening") }),
      h("form", { class: "days-form", onsubmit: (event) => {
        event.preventDefault();
        app.act("feedback:configure", { valid_days: parseInt(days.value, 10) }).then((ack) => { if (ack.ok) app.announce(t("ca_saved")); });
      } }, h("div", {}, h("label", { for: "feedback-days", text: t("ca_valid_days") }), days),
      h("button", { type: "submit", class: "small", id: "feedback-days-save", text: t("save") })),
      h("div", { class: "actions" }, button(open ? t("ca_close_feedback") : t("ca_open_feedback"), "feedback-toggle",
        () => app.act("feedback:configure", { open: !open }), { class: open ? "danger" : "primary" })),
      h("h3", { text: plural(t, "ca_answers_count", f.answers) }), resultsLink(),
      (summary.data?.questions || []).map((q) => [h("h3", { text: q.label }),
        q.kind === "text" || q.kind === "textarea"
          ? (q.texts.length ? h("ul", { class: "texts" }, q.texts.map((text) => h("li", { text }))) : h("p", { class: "hint", text: t("ca_no_texts") }))
          : [results([t("ca_option"), t("ca_count")], q.counts.map((c) => [c.label, c.count])),
            q.average !== null ? h("p", { text: average(q.average) }) : null]])];
  }

  function loadSummary(count) {
    summary.for = count;
    app.live.emit("feedback:summary", {}).then((ack) => {
      if (ack.ok) { summary.data = ack.summary; update(); }
    }, () => { summary.for = null; });
  }

  const average = (value) => t("ca_average", { avg: new Intl.NumberFormat(pageLocale(), { maximumFractionDigits: 1 }).format(value) });
  const resultsLink = () => h("p", {}, h("a", { href: `/w/${encodeURIComponent(app.code)}/resultats`, target: "_blank",
    rel: "noopener", text: t("ca_all_results") }));

  function results(heads, rows, caption = null) {
    return h("table", {}, caption ? h("caption", { class: "visually-hidden", text: caption }) : null,
      h("thead", {}, h("tr", {}, heads.map((text) => h("th", { scope: "col", text })))),
      h("tbody", {}, rows.map(([label, ...numbers]) => h("tr", {}, h("td", { text: label }),
        numbers.map((n) => h("td", { class: "num", text: String(n) }))))));
  }

  for (const store of [app.room, app.activities]) store.subscribe(update);
  app.board.subscribe(() => { if (app.room.hasSnapshot && app.room.state.activity === "question_board") update(); });
  return panel;
}
