/* Ensemble — the phone. Join form, then the room's current activity.
 * Activities register in Ensemble.phone.activities[kind] = {render(app), onEvent(env, app)};
 * this file provides the core and the « Levier / Oui, mais… » board ("axis_board"). */
(function () {
  "use strict";
  var E = window.Ensemble, h = E.h, t = E.t;
  var root = document.getElementById("app");
  var code = root.dataset.code;
  var KEY = "ensemble:" + code;
  var PROFILE_KEY = "ensemble:profile";
  var TEXT_MAX = 500;

  var app = (E.phone = {
    code: code,
    activities: {},
    plugins: [],          // helpers around the activity (agenda bar, timer): onSnapshot(app), onEvent(env, app)
    data: null,           // the last snapshot, kept current by events
    cards: {},            // id → card
    mySupports: {},
    live: null,
    outbox: null,
    announce: function (text) {
      var node = document.getElementById("announcer");
      node.textContent = "";
      setTimeout(function () { node.textContent = text; }, 50);
    },
    render: function () { render(); }
  });

  /* ---------- Join ---------- */
  var form = document.getElementById("join-form");
  function showJoin() {
    document.getElementById("board").hidden = true;
    document.getElementById("join").hidden = false;
    var profile = E.store.get(PROFILE_KEY, null);
    if (profile) {
      ["organisation", "display_name"].forEach(function (f) { form.elements[f].value = profile[f] || ""; });
      ["organisation_type", "profession"].forEach(function (f) { restoreChoice(f, profile[f] || ""); });
    }
    updateOrganisationHint();
  }
  function restoreChoice(field, value) {
    var select = form.elements[field];
    if (value.indexOf("autre:") === 0) {
      select.value = "autre";
      document.getElementById(field + "_other").value = value.slice(6);
    } else {
      select.value = value;
    }
    toggleOther(field);
  }
  function toggleOther(field) {
    var box = form.querySelector('.other[data-for="' + field + '"]');
    box.hidden = form.elements[field].value !== "autre";
  }
  function choiceValue(field) {
    var value = form.elements[field].value;
    if (value === "autre") {
      var detail = document.getElementById(field + "_other").value.trim();
      return detail ? "autre:" + detail : "autre";
    }
    return value;
  }
  function updateOrganisationHint() {
    form.elements.organisation.required = form.elements.organisation_type.value !== "personne_concernee";
  }
  ["organisation_type", "profession"].forEach(function (field) {
    form.elements[field].addEventListener("change", function () { toggleOther(field); updateOrganisationHint(); });
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var error = document.getElementById("join-error");
    var body = {
      organisation: form.elements.organisation.value.trim(),
      organisation_type: choiceValue("organisation_type"),
      profession: choiceValue("profession"),
      display_name: form.elements.display_name.value.trim()
    };
    var problem = !body.organisation_type ? ["organisation_type", "choose_type"]
      : !body.profession ? ["profession", "choose_profession"]
      : (!body.organisation && body.organisation_type !== "personne_concernee") ? ["organisation", "need_organisation"]
      : null;
    if (problem) { return fail(problem[0], t(problem[1])); }
    E.store.set(PROFILE_KEY, body);
    fetch("/api/v1/workshops/" + encodeURIComponent(code) + "/participants", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (!result.ok) { return fail(null, result.data.error.message); }
      E.store.set(KEY, { token: result.data.token, id: result.data.id });
      start();
    }, function () { fail(null, t("join_failed")); });

    function fail(field, message) {
      error.textContent = message;
      error.hidden = false;
      if (field) {
        form.elements[field].setAttribute("aria-invalid", "true");
        form.elements[field].focus();
      } else {
        error.focus();
      }
    }
  });

  /* ---------- Live room ---------- */
  function start() {
    var me = E.store.get(KEY, null);
    if (!me) { showJoin(); return; }
    document.getElementById("join").hidden = true;
    document.getElementById("board").hidden = false;
    app.me = me;
    if (app.live) return;
    app.live = new E.Live({ code: code, role: "participant", token: me.token }, {
      onSnapshot: onSnapshot,
      onEvent: onEvent,
      onStatus: showStatus,
      onReady: function () { app.outbox.flush(); },
      onPresence: function () {},
      onAuthError: function () {
        E.store.remove(KEY);
        app.live.socket.disconnect();
        app.live = null;
        showJoin();
      }
    });
    app.outbox = new E.Outbox(KEY + ":outbox:" + me.id, app.live, {
      onSent: function (item, ack) {
        if (ack.card && !app.cards[ack.card.id]) app.cards[ack.card.id] = ack.card;
        app.announce(t("sent"));
        render();
      },
      onWaiting: function (item, error) { if (error.code === "locked") showStatus(app.live.state); },
      onRejected: function (item, error) { app.announce(t("rejected", { message: error.message })); render(); },
      onChange: function () { showStatus(app.live.state); }
    });
    app.live.start();
    showStatus("connecting");
  }

  function onSnapshot(data) {
    app.data = data;
    app.cards = {};
    data.cards.forEach(function (c) { app.cards[c.id] = c; });
    app.mySupports = {};
    (data.my_supports || []).forEach(function (id) { app.mySupports[id] = true; });
    app.plugins.forEach(function (p) { if (p.onSnapshot) p.onSnapshot(app); });
    render();
  }

  function onEvent(env) {
    if (!app.data) return;
    var d = env.data;
    if (env.type === "card") {
      var known = app.cards[d.id];
      if (!known || !known.seq || known.seq < d.seq) app.cards[d.id] = d;
      if (d.hidden) delete app.cards[d.id];
      renderCards();
    } else if (env.type === "card_deleted") {
      delete app.cards[d.id];
      renderCards();
    } else if (env.type === "state") {
      var before = app.data.workshop.state;
      app.data.workshop.state = d;
      if (before.axis !== d.axis) {
        app.replyTo = null;
        var axis = currentAxis();
        if (axis) app.announce(t("new_axis", { title: axis.title }));
      }
      render();
    } else if (env.type === "workshop") {
      app.data.workshop = d;
      render();
    }
    var activity = app.activities[activityKind()];
    if (activity && activity.onEvent) activity.onEvent(env, app);
    app.plugins.forEach(function (p) { if (p.onEvent) p.onEvent(env, app); });
  }

  function showStatus(state) {
    var node = document.getElementById("status");
    var pending = app.outbox ? app.outbox.items().length : 0;
    var text = t(state || "connecting");
    if (pending) text += " · " + t("pending_n", { n: pending });
    if (pending && app.data && app.data.workshop.state.locked) text = t("waiting_locked");
    node.textContent = text;
    node.className = "status " + (state || "connecting");
  }

  /* A domain may claim the phone whatever the sequence: app.claimActivity(app) → kind or null
   * (group drafting while the groups or the wall are projected, see phone-groups.js). */
  function activityKind() {
    var claimed = app.data && app.claimActivity ? app.claimActivity(app) : null;
    return claimed || (app.data && app.data.workshop.state.activity) || "axis_board";
  }
  app.activityKind = activityKind;

  function render() {
    if (!app.data) return;
    var activity = app.activities[activityKind()];
    if (activity) activity.render(app);
    showStatus(app.live && app.live.state);
  }
  function renderCards() {
    var activity = app.activities[activityKind()];
    if (activity && activity.renderCards) activity.renderCards(app); else render();
  }

  function currentAxis() {
    var state = app.data.workshop.state;
    var axes = app.data.workshop.axes;
    for (var i = 0; i < axes.length; i++) if (axes[i].id === state.axis) return axes[i];
    return null;
  }
  app.currentAxis = currentAxis;

  /* ---------- The « Levier / Oui, mais… » board ---------- */
  var board = {
    mode: "lever",
    editing: null,     // card id being edited
    render: function () {
      var container = document.getElementById("activity");
      var axis = currentAxis();
      container.textContent = "";
      if (!axis) {
        container.appendChild(h("p", { class: "waiting", text: t("wait") }));
        return;
      }
      var axes = app.data.workshop.axes;
      var locked = app.data.workshop.state.locked;
      container.appendChild(h("header", { class: "axis-head" },
        h("p", { class: "axis-number", text: t("axis_of", { n: axes.indexOf(axis) + 1, total: axes.length }) }),
        h("h1", { id: "axis-title", tabindex: "-1", text: axis.title }),
        axis.description ? h("p", { class: "axis-description", text: axis.description }) : null));
      if (locked) container.appendChild(h("p", { class: "locked-banner", role: "note", text: t("locked") }));
      container.appendChild(board.composeForm(locked));
      container.appendChild(h("div", { id: "cards" }));
      board.renderCards();
    },

    composeForm: function (locked) {
      var editing = board.editing ? app.cards[board.editing] : null;
      if (board.editing && !editing) board.editing = null;
      var reply = app.replyTo ? app.cards[app.replyTo] : null;
      if (app.replyTo && !reply) app.replyTo = null;
      var mode = editing ? editing.kind : (reply ? "limit" : board.mode);
      var textarea = h("textarea", { id: "compose-text", maxlength: TEXT_MAX, rows: 3,
                                     "aria-describedby": "compose-count", disabled: locked && !editing });
      textarea.value = board.draft || (editing ? editing.text : "");
      var counter = h("p", { id: "compose-count", class: "hint" });
      function count() { counter.textContent = t("chars", { n: textarea.value.length, max: TEXT_MAX }); }
      textarea.addEventListener("input", function () { board.draft = textarea.value; count(); });
      count();

      function kindButton(kind) {
        return h("button", { type: "button", class: "kind " + kind, "aria-pressed": String(mode === kind),
                             disabled: Boolean(editing || reply),
                             onclick: function () { board.mode = kind; board.render(); document.querySelector(".kind." + kind).focus(); } },
                 h("span", { class: "kind-name", text: t(kind) }), h("span", { class: "kind-help", text: t(kind + "_help") }));
      }
      var error = h("p", { class: "form-error", id: "compose-error", role: "alert", hidden: true });
      var formEl = h("form", { id: "compose", class: "compose " + mode, novalidate: true },
        h("h2", { class: "visually-hidden", text: t("your_card") }),
        editing ? h("p", { class: "compose-context", text: t("editing") }) : null,
        reply ? h("div", { class: "compose-context" },
          h("p", { text: t("answering") }),
          h("blockquote", { text: reply.text }),
          h("button", { type: "button", class: "small", onclick: function () { app.replyTo = null; board.render(); }, text: t("cancel") })) : null,
        h("div", { class: "kinds", role: "group", "aria-label": t("your_card") }, kindButton("lever"), kindButton("limit")),
        h("label", { for: "compose-text", text: t("text_label") }),
        textarea, counter, error,
        h("div", { class: "compose-actions" },
          h("button", { type: "submit", class: "primary wide", disabled: locked && !editing, text: editing ? t("save") : t("send") }),
          editing ? h("button", { type: "button", onclick: function () { board.editing = null; board.draft = ""; board.render(); }, text: t("cancel") }) : null));
      formEl.addEventListener("submit", function (event) {
        event.preventDefault();
        var text = textarea.value.trim();
        if (!text) { return showError(t("empty_text")); }
        if (text.length > TEXT_MAX) { return showError(t("too_long", { max: TEXT_MAX })); }
        if (editing) {
          app.live.emit("card:edit", { id: editing.id, text: text }).then(function (ack) {
            if (!ack.ok) return showError(ack.error.message);
            board.editing = null; board.draft = "";
            app.cards[ack.card.id] = Object.assign(app.cards[ack.card.id] || {}, ack.card);
            board.render();
          }, function () { showError(t("offline")); });
          return;
        }
        var axis = currentAxis();
        app.outbox.add("card:post", { axis: axis.id, kind: mode, text: text, parent: reply ? reply.id : null });
        board.draft = "";
        app.replyTo = null;
        if (!app.live.connected()) app.announce(t("queued"));
        board.render();
        document.getElementById("compose-text").focus();
      });
      function showError(message) {
        error.textContent = message;
        error.hidden = false;
        textarea.setAttribute("aria-invalid", "true");
        textarea.focus();
      }
      return formEl;
    },

    renderCards: function () {
      var list = document.getElementById("cards");
      var axis = currentAxis();
      if (!list || !axis) return;
      var active = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.focusKey : null;
      list.textContent = "";
      var all = Object.keys(app.cards).map(function (id) { return app.cards[id]; })
        .filter(function (c) { return c.axis === axis.id && !c.hidden; });
      var stored = {};  /* a card may be stored and broadcast before its acknowledgement arrives */
      all.forEach(function (c) { if (c.author === app.me.id) stored[c.client_id] = true; });
      var pending = app.outbox.items().filter(function (i) { return i.event === "card:post" && i.data.axis === axis.id && !stored[i.client_id]; })
        .map(function (i) { return { id: "p-" + i.client_id, pending: true, kind: i.data.kind, text: i.data.text, parent: i.data.parent, supports: 0, author: app.me.id }; });
      var newestFirst = function (a, b) { return (b.id > a.id) ? 1 : -1; };
      var levers = all.filter(function (c) { return c.kind === "lever"; }).sort(newestFirst);
      var leverIds = {};
      levers.forEach(function (c) { leverIds[c.id] = true; });
      var limits = all.filter(function (c) { return c.kind === "limit"; }).sort(newestFirst);
      var loose = pending.concat(limits).filter(function (c) { return c.kind === "limit" && !leverIds[c.parent]; });

      list.appendChild(section("levers", t("levers"), pending.filter(function (c) { return c.kind === "lever"; }).concat(levers), function (lever) {
        var answers = pending.concat(limits).filter(function (c) { return c.kind === "limit" && c.parent === lever.id; });
        return answers.length ? h("ul", { class: "replies", "aria-label": t("replies_n", { n: answers.length }) },
                                  answers.map(function (a) { return h("li", {}, cardView(a)); })) : null;
      }));
      list.appendChild(section("limits", t("limits"), loose));
      if (active) {
        var again = list.querySelector('[data-focus-key="' + active + '"]');
        if (again) again.focus();
      }
    },
  };

  function section(kind, title, cards, extra) {
    return h("section", { class: "column " + kind, "aria-labelledby": "title-" + kind },
      h("h2", { id: "title-" + kind, class: "column-title " + kind }, title + " ", h("span", { class: "count", text: "(" + cards.length + ")" })),
      cards.length ? h("ul", { class: "cards" }, cards.map(function (c) {
        return h("li", {}, cardView(c), extra ? extra(c) : null);
      })) : h("p", { class: "empty", text: t("no_cards") }));
  }

  function cardView(card) {
    var mine = card.author === app.me.id;
    var supported = Boolean(app.mySupports[card.id]);
    var actions = [];
    if (card.pending) {
      actions.push(h("span", { class: "badge", text: t("pending") }));
    } else {
      actions.push(h("button", { type: "button", class: "small support", "aria-pressed": String(supported),
        dataset: { focusKey: "support-" + card.id },
        "aria-label": t("support") + " — " + t("supports_n", { n: card.supports }),
        onclick: function () { app.toggleSupport(card, board.renderCards); } },
        t("support"), h("span", { "aria-hidden": "true", text: " · " + card.supports })));
      if (card.kind === "lever" && !app.data.workshop.state.locked) {
        actions.push(h("button", { type: "button", class: "small", dataset: { focusKey: "reply-" + card.id },
          onclick: function () { app.replyTo = card.id; board.editing = null; board.render(); document.getElementById("compose-text").focus(); },
          text: t("reply") }));
      }
      if (mine && !app.data.workshop.state.locked) {
        actions.push(h("button", { type: "button", class: "small", dataset: { focusKey: "edit-" + card.id },
          onclick: function () { board.editing = card.id; board.draft = card.text; app.replyTo = null; board.render(); document.getElementById("compose-text").focus(); },
          text: t("edit") }));
        actions.push(h("button", { type: "button", class: "small danger", dataset: { focusKey: "delete-" + card.id },
          onclick: function () {
            if (window.confirm(t("confirm_delete"))) app.deleteCard(card, board.renderCards);
          }, text: t("delete") }));
      }
    }
    return h("article", { class: "card " + card.kind + (mine ? " mine" : "") + (card.pending ? " pending" : "") },
      mine ? h("p", { class: "card-meta", text: t("mine") }) : null,
      h("p", { class: "text", text: card.text }),
      h("div", { class: "card-actions" }, actions));
  }

  /* Support (+1) and deletion of one's own card, for every list of cards on the phone
   * (the board, the question board); `rerender` redraws that list. */
  app.toggleSupport = function (card, rerender) {
    var on = !app.mySupports[card.id];
    app.live.emit("card:support", { id: card.id, on: on }).then(function (ack) {
      if (!ack.ok) { app.announce(ack.error.message); return; }
      if (on) app.mySupports[card.id] = true; else delete app.mySupports[card.id];
      var known = app.cards[card.id];
      if (known && (!known.seq || !ack.card.seq || known.seq <= ack.card.seq)) known.supports = ack.card.supports;
      rerender();
    }, function () { app.announce(t("offline")); });
  };
  app.deleteCard = function (card, rerender) {
    app.live.emit("card:delete", { id: card.id }).then(function (ack) {
      if (ack.ok) { delete app.cards[card.id]; rerender(); } else app.announce(ack.error.message);
    }, function () { app.announce(t("offline")); });
  };

  app.activities.axis_board = board;
  start();
})();
