/* Ensemble — the projection's views of the other activities, each named like its activity
 * (the agenda switches the projection to the view of the sequence it starts):
 * "question_board" (answers in one column), "individual_writing" (a count, then the revealed
 * texts), "poll" (live horizontal histogram), "feedback_form" (QR code of the form's page). */
(function () {
  "use strict";
  var E = window.Ensemble, h = E.h, t = E.t;
  var app = E.projection;
  function section(name) { return app.addView(name, { class: "view activity-view" }); }
  var views = {
    question_board: section("question_board"),
    individual_writing: section("individual_writing"),
    poll: section("poll"),
    feedback_form: section("feedback_form")
  };

  function state() { return app.data.workshop.state; }
  function acts() { return app.data.activities; }
  function sequence() { return acts().sequences[String(state().sequence)] || null; }
  function head(kicker, title) {
    return h("header", { class: "act-head" },
      kicker ? h("p", { class: "act-kicker", text: kicker }) : null,
      h("h1", { class: "act-title", text: title }));
  }
  function visible(name) { return app.data && state().view === name; }
  function fit(view) {
    var body = view.querySelector(".act-body");
    var list = view.querySelector(".act-cards");
    if (!body || !list) return;
    var width = window.innerWidth;
    E.fitBoard(view, [list], [body], { max: width / 36, min: width / 80, maxColumns: 4 });
  }

  /* ---------- Question board ---------- */
  app.views.question_board = {
    show: function () {
      var view = views.question_board, seq = sequence();
      view.textContent = "";
      if (!seq) return;
      var cards = Object.keys(app.cards).map(function (id) { return app.cards[id]; })
        .filter(function (c) { return c.sequence === seq.id && c.kind === "answer" && !c.hidden; })
        .sort(function (a, b) { return a.id - b.id; });
      view.appendChild(head(seq.title, seq.question || seq.title));
      var list = h("ul", { class: "act-cards" });
      if (!cards.length) list.appendChild(h("li", { class: "placeholder", text: t("pa_waiting_answers") }));
      cards.forEach(function (c) {
        list.appendChild(h("li", { class: "item" + (c.id === app.fresh ? " fresh" : "") },
          h("article", { class: "card answer" + (c.verbatim ? " verbatim" : "") },
            h("p", { class: "text", text: c.text }),
            c.supports ? h("p", { class: "supports", "aria-label": t("pa_supports", { n: c.supports }), text: "+" + c.supports }) : null)));
      });
      view.appendChild(h("div", { class: "act-body" }, list));
      fit(view);
    }
  };

  /* ---------- Individual writing ---------- */
  app.views.individual_writing = {
    show: function () {
      var view = views.individual_writing, seq = sequence();
      view.textContent = "";
      if (!seq) return;
      var ws = acts().writing.sequences[String(seq.id)] || { count: 0, revealed: false };
      view.appendChild(head(seq.title, seq.question || seq.title));
      if (!ws.revealed) {
        view.appendChild(h("div", { class: "act-count-box" },
          h("p", { class: "act-count", text: String(ws.count) }),
          h("p", { class: "act-count-label", text: t("pa_writers") }),
          h("p", { class: "act-private", text: t("pa_private") })));
        return;
      }
      var texts = ws.texts || [];
      var list = h("ul", { class: "act-cards" });
      if (!texts.length) list.appendChild(h("li", { class: "placeholder", text: t("pa_no_texts") }));
      texts.forEach(function (w) {
        list.appendChild(h("li", { class: "item" }, h("article", { class: "card writing" }, h("p", { class: "text", text: w.text }))));
      });
      view.appendChild(h("div", { class: "act-body" }, list));
      fit(view);
    }
  };

  function fetchTexts(seqId) {
    app.live.emit("writing:texts", { sequence: seqId }).then(function (ack) {
      var ws = acts().writing.sequences[String(seqId)];
      if (ack.ok && ws && ws.revealed) {
        ws.texts = ack.texts;
        if (visible("individual_writing")) app.views.individual_writing.show(app);
      }
    });
  }

  /* ---------- Poll: large horizontal bars, numbers and percentages ---------- */
  app.views.poll = {
    show: function () {
      var view = views.poll, seq = sequence();
      view.textContent = "";
      var p = seq ? acts().polls.filter(function (x) { return x.key === seq.poll; })[0] : null;
      if (!p) return;
      view.appendChild(head(p.open ? t("pa_poll_open") : t("pa_poll_closed"), p.question));
      var max = Math.max.apply(null, p.options.map(function (o) { return o.count; }).concat([1]));
      var bars = h("ul", { class: "poll-bars" + (p.kind === "scale" ? " scale" : ""), "aria-label": t("pa_results") });
      p.options.forEach(function (o) {
        var label = p.kind === "scale" ? scaleLabel(o.key) : o.label;
        var fill = h("span", { class: "poll-fill" });
        bars.appendChild(h("li", {},
          h("span", { class: "poll-label", text: label }),
          h("span", { class: "poll-track", "aria-hidden": "true" }, fill),
          h("span", { class: "poll-number" },
            h("strong", { text: String(o.count) }), " · " + o.percent + "\u00a0%"),
          h("span", { class: "visually-hidden", text: t("pa_bar_text", { label: label, n: o.count, pct: o.percent }) })));
        fill.style.width = (100 * o.count / max) + "%";  // CSSOM: allowed by the CSP
      });
      view.appendChild(h("div", { class: "poll-body" }, bars,
        h("p", { class: "poll-total" }, t("pa_total", { n: p.total }),
          p.kind === "scale" && p.average !== null && p.average !== undefined ? " · " + t("pa_average", { avg: String(p.average).replace(".", ",") }) : "")));
    }
  };
  function scaleLabel(key) { return key === "1" ? t("pa_scale_1") : key === "5" ? t("pa_scale_5") : key; }

  /* ---------- Feedback form: scan to answer ---------- */
  app.views.feedback_form = {
    show: function () {
      var view = views.feedback_form;
      var f = acts().feedback;
      var link = E.readJSON("feedback-link");
      view.textContent = "";
      view.appendChild(head(state().sequence_title, t("pa_feedback_title")));
      view.appendChild(h("div", { class: "join-grid feedback-grid" },
        h("img", { class: "qr", src: link.qr, alt: t("pa_feedback_qr") }),
        h("div", { class: "join-text" },
          h("p", { class: "join-step", text: t("pa_feedback_scan") }),
          h("p", { class: "join-or", text: t("pa_or") }),
          h("p", { class: "join-url", text: link.url.split("://").pop() }),
          h("p", { class: "join-count" }, h("strong", { text: String(f.answers) }), " " + t("pa_answers")))));
    }
  };

  app.plugins.push({
    onSnapshot: function () {
      Object.keys(acts().writing.sequences).forEach(function (id) {
        var ws = acts().writing.sequences[id];
        if (ws.revealed && !ws.texts) fetchTexts(ws.sequence);
      });
    },
    onEvent: function (env) {
      if (app.data.activities) E.applyActivityEvent(app.data.activities, env, fetchTexts);
    }
  });

  var resizeTimer;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      ["question_board", "individual_writing"].forEach(function (name) { if (visible(name)) fit(views[name]); });
    }, 150);
  });
})();
