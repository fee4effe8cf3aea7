/* The console's panel for the current activity when it is a question board (moderation),
 * private writing (the count, reveal), a poll (open, close, results, their reveal) or the
 * feedback form (its link, how long it stays valid, the answers so far). Hidden otherwise. */
import { h, readJSON, redraw } from "../core/dom.js";
import { pageLocale, plural, t } from "../core/strings.js";
import { average, button, countsTable, field } from "../staff/ui.js";
import { moderationList } from "./moderation.js";

const actions = (...buttons) => h("div", { class: "actions" }, buttons);
const texts = (list) => h("ul", { class: "texts" }, list.map((text) => h("li", { text })));

export function activityPanel(app) {
  const [panel, title, body] = ["activity-panel", "act-panel-title", "activity-body"]
    .map((id) => document.getElementById(id));
  const answers = moderationList(app, t("ca_confirm_delete"));
  panel.append(answers.node);
  const summary = { for: null, data: null };
  const draw = { question_board: question, individual_writing: writing, poll, feedback_form: feedback };
  const resultsLink = () => h("p", {}, h("a", { href: `/w/${encodeURIComponent(app.code)}/resultats`,
    target: "_blank", rel: "noopener", text: t("ca_all_results") }));

  function update() {
    if (!app.room.hasSnapshot) return;
    const kind = app.room.state.activity;
    const sequence = app.activities.sequence(app.room.state.sequence);
    panel.hidden = !draw[kind] || !sequence;
    if (panel.hidden) return;
    title.textContent = t(`ca_${kind}`);
    answers.node.hidden = kind !== "question_board";
    const asked = sequence.question && kind !== "poll";
    redraw(body, () => [asked ? h("p", { class: "act-question", text: sequence.question }) : null,
      draw[kind](sequence)]);
  }

  function question(sequence) {
    const cards = app.board.list((card) => card.sequence === sequence.id && card.kind === "answer");
    answers.update(cards.reverse());
    return h("p", { text: plural(t, "ca_answers_n", cards.length) });
  }

  function writing(sequence) {
    const state = app.activities.writingOf(sequence.id);
    const reveal = (revealed, said) => app.act("writing:reveal", { sequence: sequence.id, revealed }, t(said));
    const count = [h("p", { class: "big-number", text: String(state.count) }),
      h("p", { text: plural(t, "ca_writers", state.count) })];
    if (!state.revealed) {
      return [count, h("p", { class: "hint", text: t("ca_private") }), actions(button(t("ca_reveal"), () => {
        if (window.confirm(t("ca_confirm_reveal"))) reveal(true, "ca_revealed_now");
      }, { id: "reveal", class: "primary" }))];
    }
    return [count, actions(button(t("ca_unreveal"), () => reveal(false, "ca_unrevealed_now"), { id: "unreveal" })),
      h("h3", { text: t("ca_texts") }), texts((state.texts || []).map((w) => w.text))];
  }

  function poll(sequence) {
    const p = app.activities.poll(sequence.poll);
    if (!p) return null;
    const shown = p.shown ? "ca_results_shown" : "ca_results_hidden";
    const toggle = () => app.act("poll:open", { poll: p.key, open: !p.open });
    const reveal = () => app.act("poll:reveal", { poll: p.key, shown: !p.shown },
      t(p.shown ? "ca_results_hidden" : "ca_results_shown"));
    return [h("p", { class: "act-question", text: p.question }),
      h("p", { class: "status-line", role: "status", text: t(p.open ? "ca_poll_open" : "ca_poll_closed") }),
      h("p", { class: "status-line", text: t(shown) }),
      actions(button(t(p.open ? "ca_close_poll" : "ca_open_poll"), toggle,
        { id: "poll-toggle", class: p.open ? "danger" : "primary" }),
      button(t(p.shown ? "ca_hide_results" : "ca_reveal_results"), reveal,
        { id: "poll-reveal", "aria-keyshortcuts": "R", class: p.shown ? "" : "primary" })),
      countsTable([t("ca_option"), t("ca_count"), "%"],
        p.options.map((o) => [o.label, o.count, `${o.percent}\u00a0%`]), t("ca_results")),
      h("p", { text: plural(t, "ca_total", p.total)
        + (p.average != null ? ` · ${average("ca_average", p.average)}` : "") }),
      resultsLink()];
  }

  function feedback() {
    const f = app.activities.feedback;
    const link = readJSON("feedback-link-console");
    // Not opened yet while its sequence runs: the first phone that comes opens it.
    const open = f.open || !f.opened_at;
    const days = h("input", { type: "number", id: "feedback-days", min: 1, max: 365, value: f.valid_days });
    const until = f.expires_at && new Date(f.expires_at).toLocaleDateString(pageLocale());
    if (summary.for !== f.answers) loadSummary(f.answers);
    const save = (event) => {
      event.preventDefault();
      app.act("feedback:configure", { valid_days: parseInt(days.value, 10) }, t("ca_saved"));
    };
    return [h("p", {}, `${t("ca_link")} `, h("a", { href: link.url, target: "_blank", rel: "noopener", text: link.url })),
      h("p", { role: "status", text: !open ? t("ca_feedback_closed")
        : until ? t("ca_feedback_open", { date: until }) : t("ca_feedback_opening") }),
      h("form", { class: "days-form", onsubmit: save }, field(t("ca_valid_days"), days),
        h("button", { type: "submit", id: "feedback-days-save", text: t("save") })),
      actions(button(t(open ? "ca_close_feedback" : "ca_open_feedback"), () => app.act("feedback:configure",
        { open: !open }), { id: "feedback-toggle", class: open ? "danger" : "primary" })),
      h("h3", { text: plural(t, "ca_answers_count", f.answers) }), resultsLink(),
      (summary.data?.questions || []).map((q) => [h("h3", { text: q.label }), answered(q)])];
  }

  function answered(q) {
    if (q.kind === "text" || q.kind === "textarea") {
      return q.texts.length ? texts(q.texts) : h("p", { class: "hint", text: t("ca_no_texts") });
    }
    return [countsTable([t("ca_option"), t("ca_count")], q.counts.map((c) => [c.label, c.count])),
      q.average !== null ? h("p", { text: average("ca_average", q.average) }) : null];
  }

  function loadSummary(count) {
    summary.for = count;
    app.live.emit("feedback:summary", {}).then((ack) => {
      if (ack.ok) { summary.data = ack.summary; update(); }
    }, () => { summary.for = null; });
  }

  for (const store of [app.room, app.activities]) store.subscribe(update);
  app.board.subscribe(() => { if (app.room.hasSnapshot && app.room.state.activity === "question_board") update(); });
}
