/* Ensemble — the phone's other activities: question board, individual writing, poll, feedback form.
 * Hooks into participant.js: Ensemble.phone.activities[kind] = {render(app), renderCards?(app)},
 * and a plugin that keeps the snapshot's `activities` part current from room events. */
(function () {
  "use strict";
  var E = window.Ensemble, h = E.h, t = E.t;
  var app = E.phone;
  var container = document.getElementById("activity");
  var ANSWER_MAX = 500, WRITING_MAX = 2000;

  function state() { return app.data.workshop.state; }
  function acts() { return app.data.activities; }
  function sequence() { return acts().sequences[String(state().sequence)] || null; }
  function questionOf(seq) { return (seq && (seq.question || seq.title)) || state().sequence_title || ""; }
  function rerender(kind) { if (app.activityKind() === kind) app.render(); }

  function heading(text, kind) {
    return h("h1", { class: "activity-question", id: "activity-title", tabindex: "-1", "data-activity": kind, text: text });
  }
  function counter(area, max, id) {
    var node = h("p", { id: id, class: "hint" });
    function count() { node.textContent = t("act_chars", { n: area.value.length, max: max }); }
    area.addEventListener("input", count);
    count();
    return node;
  }
  /* Re-focus what had focus before a re-render, by its data-focus-key. */
  function keepFocus(fn) {
    var key = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.focusKey : null;
    fn();
    if (key) {
      var again = container.querySelector('[data-focus-key="' + key + '"]');
      if (again) again.focus();
    }
  }

  /* A re-render (an acknowledgement, a room event) must not take the keyboard away from
   * someone typing: give the focus and the caret back to the field that had them. */
  function keepTyping(fn) {
    var active = document.activeElement;
    var id = active && active.tagName === "TEXTAREA" && container.contains(active) ? active.id : null;
    var start = id ? active.selectionStart : 0, end = id ? active.selectionEnd : 0;
    fn();
    var again = id ? document.getElementById(id) : null;
    if (again && !again.disabled) {
      again.focus();
      try { again.setSelectionRange(start, end); } catch (e) { /* ignore */ }
    }
  }

  /* ---------- Question board: one column of answers, +1, own answers editable ---------- */
  var question = {
    draft: "",
    editing: null,
    render: function () { keepTyping(question.draw); },
    draw: function () {
      var seq = sequence();
      container.textContent = "";
      if (!seq) return;
      var locked = state().locked;
      container.appendChild(heading(questionOf(seq), "question_board"));
      if (locked) container.appendChild(h("p", { class: "locked-banner", role: "note", text: t("act_locked") }));
      container.appendChild(question.form(seq, locked));
      container.appendChild(h("div", { id: "answers" }));
      question.renderCards();
    },
    form: function (seq, locked) {
      var editing = question.editing ? app.cards[question.editing] : null;
      if (question.editing && !editing) question.editing = null;
      var area = h("textarea", { id: "answer-text", maxlength: ANSWER_MAX, rows: 3, "aria-describedby": "answer-count",
                                 disabled: locked && !editing });
      area.value = question.draft || (editing ? editing.text : "");
      area.addEventListener("input", function () { question.draft = area.value; });
      var error = h("p", { class: "form-error", role: "alert", hidden: true });
      var form = h("form", { class: "compose answer-compose", novalidate: true },
        editing ? h("p", { class: "compose-context", text: t("act_editing") }) : null,
        h("label", { for: "answer-text", text: t("act_your_answer") }),
        area, counter(area, ANSWER_MAX, "answer-count"), error,
        h("div", { class: "compose-actions" },
          h("button", { type: "submit", class: "primary wide", disabled: locked && !editing, text: editing ? t("act_save") : t("act_send") }),
          editing ? h("button", { type: "button", onclick: function () { question.editing = null; question.draft = ""; app.render(); }, text: t("act_cancel") }) : null));
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var text = area.value.trim();
        function fail(message) { error.textContent = message; error.hidden = false; area.setAttribute("aria-invalid", "true"); area.focus(); }
        if (!text) return fail(t("act_empty"));
        if (editing) {
          app.live.emit("card:edit", { id: editing.id, text: text }).then(function (ack) {
            if (!ack.ok) return fail(ack.error.message);
            app.cards[ack.card.id] = ack.card;
            question.editing = null; question.draft = "";
            app.render();
          }, function () { fail(t("act_offline")); });
          return;
        }
        app.outbox.add("card:post", { sequence: seq.id, kind: "answer", text: text });
        question.draft = "";
        if (!app.live.connected()) app.announce(t("act_queued"));
        app.render();
        document.getElementById("answer-text").focus();
      });
      return form;
    },
    renderCards: function () {
      var list = document.getElementById("answers");
      var seq = sequence();
      if (!list || !seq) return;
      keepFocus(function () {
        list.textContent = "";
        var cards = Object.keys(app.cards).map(function (id) { return app.cards[id]; })
          .filter(function (c) { return c.sequence === seq.id && c.kind === "answer" && !c.hidden; })
          .sort(function (a, b) { return b.id - a.id; });
        var stored = {};
        cards.forEach(function (c) { if (c.author === app.me.id) stored[c.client_id] = true; });
        var pending = app.outbox.items().filter(function (i) {
          return i.event === "card:post" && i.data.sequence === seq.id && !stored[i.client_id];
        }).map(function (i) { return { id: "p-" + i.client_id, pending: true, text: i.data.text, supports: 0, author: app.me.id }; });
        var all = pending.concat(cards);
        list.appendChild(h("h2", { class: "column-title answers" }, t("act_answers") + " ",
          h("span", { class: "count", text: "(" + all.length + ")" })));
        if (!all.length) { list.appendChild(h("p", { class: "empty", text: t("act_no_answers") })); return; }
        list.appendChild(h("ul", { class: "cards" }, all.map(function (c) { return h("li", {}, answerView(c)); })));
      });
    }
  };

  function answerView(card) {
    var mine = card.author === app.me.id;
    var locked = state().locked;
    var actions = [];
    if (card.pending) {
      actions.push(h("span", { class: "badge", text: t("act_pending") }));
    } else {
      var supported = Boolean(app.mySupports[card.id]);
      actions.push(h("button", { type: "button", class: "small support", "aria-pressed": String(supported),
        dataset: { focusKey: "support-" + card.id },
        "aria-label": t("act_support") + " — " + t("act_supports_n", { n: card.supports }),
        onclick: function () { app.toggleSupport(card, question.renderCards); } }, "+1 ", h("span", { "aria-hidden": "true", text: "· " + card.supports })));
      if (mine && !locked) {
        actions.push(h("button", { type: "button", class: "small", dataset: { focusKey: "edit-" + card.id }, text: t("act_edit"),
          onclick: function () { question.editing = card.id; question.draft = card.text; app.render(); document.getElementById("answer-text").focus(); } }));
        actions.push(h("button", { type: "button", class: "small danger", dataset: { focusKey: "delete-" + card.id }, text: t("act_delete"),
          onclick: function () {
            if (window.confirm(t("act_confirm_delete"))) app.deleteCard(card, question.renderCards);
          } }));
      }
    }
    return h("article", { class: "card answer" + (mine ? " mine" : "") + (card.pending ? " pending" : "") },
      mine ? h("p", { class: "card-meta", text: t("act_mine") }) : null,
      h("p", { class: "text", text: card.text }),
      h("div", { class: "card-actions" }, actions));
  }

  /* ---------- Individual writing: private until the facilitator reveals ---------- */
  function draftKey(seqId) { return "ensemble:" + app.code + ":writing:" + seqId; }
  function myWriting(seqId) {
    var mine = acts().writing.mine.filter(function (w) { return w.sequence === seqId; });
    return mine.length ? mine[0] : null;
  }
  function writingState(seqId) {
    return acts().writing.sequences[String(seqId)] || { sequence: seqId, revealed: false, count: 0 };
  }

  var writing = {
    render: function () { keepTyping(writing.draw); },
    draw: function () {
      var seq = sequence();
      container.textContent = "";
      if (!seq) return;
      var ws = writingState(seq.id);
      var mine = myWriting(seq.id);
      container.appendChild(heading(questionOf(seq), "individual_writing"));
      if (ws.revealed) {
        container.appendChild(h("p", { class: "writing-status", role: "note", text: t("act_revealed") }));
        if (mine) container.appendChild(h("section", { class: "my-writing", "aria-labelledby": "my-writing-title" },
          h("h2", { id: "my-writing-title", text: t("act_your_text") }), h("p", { class: "text", text: mine.text })));
        container.appendChild(writing.texts(ws));
        return;
      }
      var locked = state().locked;
      var area = h("textarea", { id: "writing-text", maxlength: WRITING_MAX, rows: 7, disabled: locked,
                                 "aria-describedby": "writing-private writing-count" });
      area.value = E.store.get(draftKey(seq.id), null) || (mine ? mine.text : "");
      area.addEventListener("input", function () { E.store.set(draftKey(seq.id), area.value); saved.textContent = ""; });
      var saved = h("p", { class: "saved", role: "status", text: mine ? t("act_saved") : "" });
      var error = h("p", { class: "form-error", role: "alert", hidden: true });
      var form = h("form", { class: "compose writing-compose", novalidate: true },
        h("label", { for: "writing-text", text: t("act_your_text") }),
        h("p", { id: "writing-private", class: "private-note", text: t("act_private") }),
        area, counter(area, WRITING_MAX, "writing-count"), error, saved,
        h("button", { type: "submit", class: "primary wide", disabled: locked, text: mine ? t("act_save") : t("act_keep") }));
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        error.hidden = true;
        var text = area.value.trim();
        if (!text && !mine) { error.textContent = t("act_empty"); error.hidden = false; area.focus(); return; }
        app.live.emit("writing:save", { sequence: seq.id, text: text }).then(function (ack) {
          if (!ack.ok) { error.textContent = ack.error.message; error.hidden = false; area.focus(); return; }
          var list = acts().writing.mine.filter(function (w) { return w.sequence !== seq.id; });
          if (ack.writing.text) list.push(ack.writing);
          acts().writing.mine = list;
          E.store.remove(draftKey(seq.id));
          app.render();
          app.announce(t("act_saved"));
        }, function () { error.textContent = t("act_offline_draft"); error.hidden = false; });
      });
      if (locked) container.appendChild(h("p", { class: "locked-banner", role: "note", text: t("act_locked") }));
      container.appendChild(form);
      container.appendChild(h("p", { class: "hint writing-count", text: t("act_writers_n", { n: ws.count }) }));
    },
    texts: function (ws) {
      var texts = ws.texts || [];
      return h("section", { class: "room-texts", "aria-labelledby": "room-texts-title" },
        h("h2", { id: "room-texts-title" }, t("act_room_texts") + " ", h("span", { class: "count", text: "(" + texts.length + ")" })),
        texts.length ? h("ul", { class: "cards" }, texts.map(function (w) {
          return h("li", {}, h("article", { class: "card writing" }, h("p", { class: "text", text: w.text })));
        })) : h("p", { class: "empty", text: t("act_no_texts") }));
    }
  };

  function fetchTexts(seqId) {
    app.live.emit("writing:texts", { sequence: seqId }).then(function (ack) {
      var ws = writingState(seqId);
      if (ack.ok && ws.revealed) { ws.texts = ack.texts; rerender("individual_writing"); }
    });
  }

  /* ---------- Poll: one answer, changeable while open ---------- */
  function pollOf(key) {
    var found = acts().polls.filter(function (p) { return p.key === key; });
    return found.length ? found[0] : null;
  }

  var poll = {
    choice: null,   // what is ticked but not sent yet, for this poll key
    render: function () {
      var seq = sequence();
      container.textContent = "";
      var p = seq && pollOf(seq.poll);
      if (!p) return;
      var mine = acts().my_votes[p.key] || null;
      if (!poll.choice || poll.choice.key !== p.key) poll.choice = { key: p.key, values: (mine || []).slice() };
      container.appendChild(heading(p.question, "poll"));
      if (!p.open) container.appendChild(h("p", { class: "locked-banner", role: "note", text: mine ? t("act_poll_closed") : t("act_poll_not_open") }));
      var type = p.kind === "multiple" ? "checkbox" : "radio";
      var error = h("p", { class: "form-error", role: "alert", hidden: true });
      var options = p.options.map(function (o, i) {
        var input = h("input", { type: type, name: "poll-choice", id: "choice-" + i, value: o.key, disabled: !p.open,
                                 checked: poll.choice.values.indexOf(o.key) >= 0 });
        input.addEventListener("change", function () {
          if (type === "radio") poll.choice.values = [o.key];
          else if (input.checked) poll.choice.values.push(o.key);
          else poll.choice.values = poll.choice.values.filter(function (k) { return k !== o.key; });
        });
        var description = o.description;
        return h("li", {}, h("label", { class: "choice", for: "choice-" + i }, input,
          h("span", {}, p.kind === "scale" ? scaleLabel(o.key) : o.label,
            description ? h("span", { class: "choice-help", text: description }) : null)));
      });
      var form = h("form", { class: "poll-form", novalidate: true },
        h("fieldset", {},
          h("legend", { class: "visually-hidden", text: p.question }),
          p.kind === "multiple" ? h("p", { class: "hint", text: t("act_several") }) : null,
          h("ul", { class: "choices" + (p.kind === "scale" ? " scale" : "") }, options)),
        error,
        p.open ? h("button", { type: "submit", class: "primary wide", text: mine ? t("act_change_vote") : t("act_vote") }) : null);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (!poll.choice.values.length) { error.textContent = t("act_choose"); error.hidden = false; return; }
        app.live.emit("poll:vote", { poll: p.key, choices: poll.choice.values }).then(function (ack) {
          if (!ack.ok) { error.textContent = ack.error.message; error.hidden = false; return; }
          acts().my_votes[p.key] = ack.choices;
          poll.choice = null;
          app.render();
          app.announce(t("act_voted"));
        }, function () { error.textContent = t("act_offline"); error.hidden = false; });
      });
      container.appendChild(form);
      if (mine) {
        var labels = p.options.filter(function (o) { return mine.indexOf(o.key) >= 0; })
          .map(function (o) { return p.kind === "scale" ? o.key : o.label; });
        container.appendChild(h("p", { class: "my-vote", role: "status", text: t("act_your_vote", { choice: labels.join(", ") }) }));
      }
      container.appendChild(h("p", { class: "hint", text: t("act_votes_n", { n: p.total }) }));
    }
  };

  function scaleLabel(key) { return key === "1" ? t("act_scale_1") : key === "5" ? t("act_scale_5") : key; }

  /* ---------- Feedback form: a separate page, usable later too ---------- */
  var form = {
    render: function () {
      var f = acts().feedback;
      container.textContent = "";
      container.appendChild(heading(state().sequence_title || t("act_feedback"), "feedback_form"));
      if (!f.available) { container.appendChild(h("p", { class: "waiting", text: t("act_feedback_none") })); return; }
      container.appendChild(h("p", { text: t("act_feedback_intro") }));
      container.appendChild(h("p", {}, h("a", { class: "button primary wide", href: "/f/" + encodeURIComponent(app.code), text: t("act_feedback_go") })));
      if (f.expires_at) container.appendChild(h("p", { class: "hint", text: t("act_feedback_until", { date: new Date(f.expires_at).toLocaleDateString() }) }));
    }
  };

  app.activities.question_board = question;
  app.activities.individual_writing = writing;
  app.activities.poll = poll;
  app.activities.feedback_form = form;

  /* ---------- Keep the `activities` part current ---------- */
  app.plugins.push({
    onSnapshot: function () {
      Object.keys(acts().writing.sequences).forEach(function (id) {
        var ws = acts().writing.sequences[id];
        if (ws.revealed && !ws.texts) fetchTexts(ws.sequence);
      });
    },
    onEvent: function (env) {
      var d = env.data;
      if (!app.data.activities) return;
      E.applyActivityEvent(app.data.activities, env, fetchTexts);
      if (env.type === "poll") {
        if (app.activityKind() === "poll") {
          var seq = sequence();
          if (seq && seq.poll === d.key && !document.querySelector(".poll-form :focus")) app.render();
        }
      } else if (env.type === "writing_reveal") {
        if (d.revealed) app.announce(t("act_revealed"));
        rerender("individual_writing");
      } else if (env.type === "writing_count") {
        if (!document.querySelector(".writing-compose :focus")) {
          var countNode = container.querySelector(".writing-count");
          if (countNode) countNode.textContent = t("act_writers_n", { n: d.count });
        }
      } else if (env.type === "feedback") {
        rerender("feedback_form");
      }
    }
  });
})();
