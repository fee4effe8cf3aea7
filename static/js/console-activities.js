/* Ensemble — the console's panel for the current activity when it is a question board,
 * individual writing, poll or feedback form: moderation, reveal, open/close, results.
 * An Ensemble.console.panels entry: render(app) after every change, onEvent(env, app). */
(function () {
  "use strict";
  var E = window.Ensemble, h = E.h, t = E.t;
  var app = E.console;
  var KINDS = { question_board: true, individual_writing: true, poll: true, feedback_form: true };
  var grid = document.querySelector(".console-grid");
  var panel = h("section", { class: "panel act-panel", id: "activity-panel", "aria-labelledby": "act-panel-title", hidden: true });
  grid.insertBefore(panel, document.getElementById("moderation"));
  var local = { editing: null, summary: null, summaryFor: null };

  function state() { return app.data.workshop.state; }
  function acts() { return app.data.activities; }
  function sequence() { return acts().sequences[String(state().sequence)] || null; }
  function announce(text) { document.getElementById("announcer").textContent = text; }

  function render() {
    var kind = state().activity;
    var seq = sequence();
    var focusKey = document.activeElement && panel.contains(document.activeElement) ? document.activeElement.dataset.focusKey : null;
    panel.hidden = !KINDS[kind] || !seq;
    if (panel.hidden) return;
    panel.textContent = "";
    panel.appendChild(h("h2", { id: "act-panel-title", text: t("ca_" + kind) }));
    if (seq.question && kind !== "poll") panel.appendChild(h("p", { class: "act-question", text: seq.question }));
    ({ question_board: question, individual_writing: writing, poll: poll, feedback_form: feedback })[kind](seq);
    if (focusKey) {
      var again = panel.querySelector('[data-focus-key="' + focusKey + '"]');
      if (again) again.focus();
    }
  }

  function button(label, key, onclick, extra) {
    return h("button", Object.assign({ type: "button", dataset: { focusKey: key }, onclick: onclick, text: label }, extra || {}));
  }

  /* ---------- Question board: moderation as on the axis board ---------- */
  function question(seq) {
    var cards = Object.keys(app.cards).map(function (id) { return app.cards[id]; })
      .filter(function (c) { return c.sequence === seq.id && c.kind === "answer"; })
      .sort(function (a, b) { return a.id - b.id; });
    panel.appendChild(h("p", { text: t("ca_answers_n", { n: cards.length }) }));
    if (!cards.length) return;
    panel.appendChild(h("ul", { class: "mod-cards" }, cards.map(function (card) {
      var body;
      if (local.editing === card.id) {
        var area = h("textarea", { id: "act-fix-" + card.id, maxlength: 500, rows: 3 });
        area.value = card.text;
        body = h("form", { class: "fix", onsubmit: function (e) {
            e.preventDefault();
            app.act("card:moderate", { id: card.id, text: area.value }).then(function (ack) { if (ack.ok) { local.editing = null; render(); } });
          } },
          h("label", { for: "act-fix-" + card.id, text: t("ca_fix_label") }), area,
          h("button", { type: "submit", class: "small primary", text: t("ca_save") }),
          button(t("ca_cancel"), "cancel-" + card.id, function () { local.editing = null; render(); }, { class: "small" }));
        setTimeout(function () { area.focus(); }, 0);
      } else {
        body = h("p", { class: "text", text: card.text });
      }
      return h("li", {}, h("article", { class: "card answer" + (card.hidden ? " is-hidden" : "") },
        h("p", { class: "card-meta" },
          card.hidden ? h("span", { class: "badge", text: t("ca_hidden") }) : null,
          card.verbatim ? h("span", { class: "badge verbatim", text: "★ " + t("ca_star") }) : null,
          h("span", { class: "supports", text: t("ca_supports_n", { n: card.supports }) })),
        body,
        h("div", { class: "card-actions" },
          button(card.hidden ? t("ca_restore") : t("ca_hide"), "hide-" + card.id,
            function () { app.act("card:moderate", { id: card.id, hidden: !card.hidden }); }, { class: "small" }),
          button("★ " + t("ca_star"), "star-" + card.id,
            function () { app.act("card:moderate", { id: card.id, verbatim: !card.verbatim }); },
            { class: "small", "aria-pressed": String(card.verbatim) }),
          button(t("ca_fix"), "fix-" + card.id, function () { local.editing = card.id; render(); }, { class: "small" }),
          button(t("ca_delete"), "del-" + card.id, function () {
            if (window.confirm(t("ca_confirm_delete"))) app.act("card:moderate", { id: card.id, delete: true });
          }, { class: "small danger" }))));
    })));
  }

  /* ---------- Individual writing: counts only, until the facilitator reveals ---------- */
  function writing(seq) {
    var ws = acts().writing.sequences[String(seq.id)] || { count: 0, revealed: false };
    panel.appendChild(h("p", { class: "big-number", text: String(ws.count) }));
    panel.appendChild(h("p", { text: t("ca_writers") }));
    if (!ws.revealed) {
      panel.appendChild(h("p", { class: "hint", text: t("ca_private") }));
      panel.appendChild(h("div", { class: "actions" }, button(t("ca_reveal"), "reveal", function () {
        if (!window.confirm(t("ca_confirm_reveal"))) return;
        app.act("writing:reveal", { sequence: seq.id, revealed: true }).then(function (ack) { if (ack.ok) announce(t("ca_revealed_now")); });
      }, { class: "primary" })));
      return;
    }
    panel.appendChild(h("div", { class: "actions" }, button(t("ca_unreveal"), "unreveal", function () {
      app.act("writing:reveal", { sequence: seq.id, revealed: false }).then(function (ack) { if (ack.ok) announce(t("ca_unrevealed_now")); });
    })));
    if (!ws.texts && !ws.fetching) { ws.fetching = true; fetchTexts(seq.id); }  // revealed before this page loaded
    var texts = ws.texts || [];
    panel.appendChild(h("h3", { text: t("ca_texts") }));
    panel.appendChild(h("ul", { class: "texts" }, texts.map(function (w) { return h("li", { text: w.text }); })));
  }

  function fetchTexts(seqId) {
    app.live.emit("writing:texts", { sequence: seqId }).then(function (ack) {
      var ws = acts().writing.sequences[String(seqId)];
      if (ack.ok && ws && ws.revealed) { ws.texts = ack.texts; render(); }
    });
  }

  /* ---------- Poll: open / close, live results as a table ---------- */
  function poll(seq) {
    var p = acts().polls.filter(function (x) { return x.key === seq.poll; })[0];
    if (!p) return;
    panel.appendChild(h("p", { class: "act-question", text: p.question }));
    panel.appendChild(h("p", { class: "status-line", role: "status", text: p.open ? t("ca_poll_open") : t("ca_poll_closed") }));
    panel.appendChild(h("div", { class: "actions" }, button(p.open ? t("ca_close_poll") : t("ca_open_poll"), "poll-toggle", function () {
      app.act("poll:open", { poll: p.key, open: !p.open });
    }, { class: p.open ? "danger" : "primary" })));
    panel.appendChild(h("table", {},
      h("caption", { class: "visually-hidden", text: t("ca_results") }),
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: t("ca_option") }), h("th", { scope: "col", text: t("ca_count") }), h("th", { scope: "col", text: "%" }))),
      h("tbody", {}, p.options.map(function (o) {
        return h("tr", {}, h("td", { text: o.label }), h("td", { class: "num", text: String(o.count) }), h("td", { class: "num", text: o.percent + "\u00a0%" }));
      }))));
    panel.appendChild(h("p", { text: t("ca_total", { n: p.total }) + (p.average !== undefined && p.average !== null ? " · " + t("ca_average", { avg: p.average }) : "") }));
    panel.appendChild(resultsLink());
  }

  function resultsLink() {
    return h("p", {}, h("a", { href: "/w/" + encodeURIComponent(app.data.workshop.code) + "/resultats",
                               target: "_blank", rel: "noopener", text: t("ca_all_results") }));
  }

  /* ---------- Feedback form: link validity and the summary ---------- */
  function feedback() {
    var f = acts().feedback;
    var link = E.readJSON("feedback-link-console");
    panel.appendChild(h("p", {}, t("ca_link") + " ", h("a", { href: link.url, target: "_blank", rel: "noopener", text: link.url })));
    // Not opened yet while its sequence runs: the first phone that comes opens it.
    var open = f.open || (!f.opened_at && state().activity === "feedback_form");
    panel.appendChild(h("p", { role: "status", text: !open ? t("ca_feedback_closed")
      : f.expires_at ? t("ca_feedback_open", { date: new Date(f.expires_at).toLocaleDateString() }) : t("ca_feedback_opening") }));
    var days = h("input", { type: "number", id: "feedback-days", min: 1, max: 365, value: f.valid_days });
    panel.appendChild(h("form", { class: "days-form", onsubmit: function (e) {
        e.preventDefault();
        app.act("feedback:configure", { valid_days: parseInt(days.value, 10) }).then(function (ack) { if (ack.ok) announce(t("ca_saved")); });
      } },
      h("div", {}, h("label", { for: "feedback-days", text: t("ca_valid_days") }), days),
      h("button", { type: "submit", class: "small", dataset: { focusKey: "days" }, text: t("ca_save") })));
    panel.appendChild(h("div", { class: "actions" }, button(open ? t("ca_close_feedback") : t("ca_open_feedback"), "feedback-toggle", function () {
      app.act("feedback:configure", { open: !open });
    }, { class: open ? "danger" : "primary" })));
    panel.appendChild(h("h3", { text: t("ca_answers_count", { n: f.answers }) }));
    panel.appendChild(resultsLink());
    var s = local.summary;
    if (!s || local.summaryFor !== f.answers) { loadSummary(f.answers); return; }
    s.questions.forEach(function (q) {
      panel.appendChild(h("h3", { text: q.label }));
      if (q.kind === "text" || q.kind === "textarea") {
        panel.appendChild(q.texts.length ? h("ul", { class: "texts" }, q.texts.map(function (text) { return h("li", { text: text }); }))
          : h("p", { class: "hint", text: t("ca_no_texts") }));
        return;
      }
      panel.appendChild(h("table", {},
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: t("ca_option") }), h("th", { scope: "col", text: t("ca_count") }))),
        h("tbody", {}, q.counts.map(function (c) { return h("tr", {}, h("td", { text: c.label }), h("td", { class: "num", text: String(c.count) })); }))));
      if (q.average !== null) panel.appendChild(h("p", { text: t("ca_average", { avg: q.average }) }));
    });
  }

  function loadSummary(count) {
    app.live.emit("feedback:summary", {}).then(function (ack) {
      if (!ack.ok) return;
      local.summary = ack.summary;
      local.summaryFor = count;
      if (state().activity === "feedback_form") render();
    });
  }

  app.panels.activities = {
    render: function () { if (app.data && app.data.activities) render(); },
    onEvent: function (env) {
      if (app.data.activities) E.applyActivityEvent(app.data.activities, env, fetchTexts);
    }
  };

})();
