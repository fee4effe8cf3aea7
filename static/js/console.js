/* Ensemble — the facilitator console: what the projection shows, posting lock,
 * current axis, moderation, who is in. Other activities add controls through
 * Ensemble.console.panels[name] = {render(app), onEvent(env, app)}. */
(function () {
  "use strict";
  var E = window.Ensemble, h = E.h, t = E.t;
  var root = document.getElementById("console");
  var labels = E.readJSON("labels");

  var app = (E.console = { data: null, cards: {}, panels: {}, views: ["join", "board", "blank"], editing: null });

  function announce(text) { document.getElementById("announcer").textContent = text; }

  function act(event, data) {
    return app.live.emit(event, data).then(function (ack) {
      if (!ack.ok) announce(t("error", { message: ack.error.message }));
      return ack;
    }, function () { announce(t("offline")); return { ok: false }; });
  }
  app.act = act;

  function renderControls() {
    var state = app.data.workshop.state;
    var views = document.getElementById("view-buttons");
    views.textContent = "";
    app.views.forEach(function (name) {
      views.appendChild(h("button", { type: "button", "aria-pressed": String(state.view === name),
        onclick: function () { act("state:set", { view: name }); }, text: t("view_" + name) }));
    });
    var lock = document.getElementById("lock-button");
    lock.textContent = state.locked ? t("unlock") : t("lock");
    lock.setAttribute("aria-pressed", String(state.locked));
    lock.className = state.locked ? "danger" : "";
    lock.onclick = function () {
      act("state:set", { locked: !state.locked }).then(function (ack) {
        if (ack.ok) announce(ack.state.locked ? t("locked_now") : t("unlocked_now"));
      });
    };
    var list = document.getElementById("axis-list");
    list.textContent = "";
    app.data.workshop.axes.forEach(function (axis, i) {
      var count = cardsOf(axis.id).length;
      list.appendChild(h("li", {},
        h("button", { type: "button", class: "axis-button", "aria-pressed": String(state.axis === axis.id),
          // an axis-board sequence covers some axes only (state.axes, from the agenda)
          disabled: Boolean(state.axes) && state.axes.indexOf(axis.id) < 0,
          onclick: function () {
            act("state:set", { axis: axis.id }).then(function (ack) { if (ack.ok) announce(t("now_axis", { title: axis.title })); });
          } },
          h("span", { class: "axis-n", text: String(i + 1) }),
          h("span", { class: "axis-t", text: axis.title }),
          h("span", { class: "axis-c", text: t("cards_n", { n: count }) }))));
    });
    Object.keys(app.panels).forEach(function (name) { app.panels[name].render(app); });
  }

  function cardsOf(axisId) {
    return Object.keys(app.cards).map(function (id) { return app.cards[id]; })
      .filter(function (c) { return c.axis === axisId; });
  }

  function renderCards() {
    var state = app.data.workshop.state;
    var list = document.getElementById("card-list");
    var focusKey = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.focusKey : null;
    list.textContent = "";
    var cards = cardsOf(state.axis).sort(function (a, b) { return a.id - b.id; });
    document.getElementById("cards-count").textContent = "(" + cards.length + ")";
    if (!cards.length) { list.appendChild(h("p", { text: t("no_cards") })); return; }
    var ul = h("ul", { class: "mod-cards" });
    cards.forEach(function (card) { ul.appendChild(h("li", {}, cardRow(card))); });
    list.appendChild(ul);
    if (focusKey) {
      var again = list.querySelector('[data-focus-key="' + focusKey + '"]');
      if (again) again.focus();
    }
  }

  function cardRow(card) {
    var parent = card.parent ? app.cards[card.parent] : null;
    var body;
    if (app.editing === card.id) {
      var area = h("textarea", { id: "fix-" + card.id, maxlength: 500, rows: 3 });
      area.value = card.text;
      body = h("form", { class: "fix", onsubmit: function (e) {
          e.preventDefault();
          act("card:moderate", { id: card.id, text: area.value }).then(function (ack) {
            if (ack.ok) { app.editing = null; renderCards(); }
          });
        } },
        h("label", { for: "fix-" + card.id, text: t("edit_label") }), area,
        h("button", { type: "submit", class: "small primary", text: t("save") }),
        h("button", { type: "button", class: "small", onclick: function () { app.editing = null; renderCards(); }, text: t("cancel") }));
      setTimeout(function () { area.focus(); }, 0);
    } else {
      body = h("p", { class: "text", text: card.text });
    }
    return h("article", { class: "card " + card.kind + (card.hidden ? " is-hidden" : "") },
      h("p", { class: "card-meta" },
        h("span", { class: "badge " + card.kind, text: t(card.kind) }),
        card.hidden ? h("span", { class: "badge", text: t("hidden") }) : null,
        card.verbatim ? h("span", { class: "badge verbatim", text: "★ " + t("star") }) : null,
        h("span", { class: "supports", text: t("supports_n", { n: card.supports }) })),
      parent ? h("p", { class: "reply-to", text: t("reply_to", { text: parent.text }) }) : null,
      body,
      h("div", { class: "card-actions" },
        h("button", { type: "button", class: "small", dataset: { focusKey: "hide-" + card.id },
          onclick: function () { act("card:moderate", { id: card.id, hidden: !card.hidden }); },
          text: card.hidden ? t("restore") : t("hide") }),
        h("button", { type: "button", class: "small", "aria-pressed": String(card.verbatim), dataset: { focusKey: "star-" + card.id },
          onclick: function () { act("card:moderate", { id: card.id, verbatim: !card.verbatim }); }, text: "★ " + t("star") }),
        h("button", { type: "button", class: "small", dataset: { focusKey: "fix-" + card.id },
          onclick: function () { app.editing = card.id; renderCards(); }, text: t("fix") }),
        h("button", { type: "button", class: "small danger", dataset: { focusKey: "del-" + card.id },
          onclick: function () { if (window.confirm(t("confirm_delete"))) act("card:moderate", { id: card.id, delete: true }); },
          text: t("delete") })));
  }

  function renderPresence(p) {
    document.getElementById("people-count").textContent = String(p.count);
    fillTable("by-type", p.by_type, labels.types);
    fillTable("by-profession", p.by_profession, labels.professions);
  }
  function fillTable(id, counts, names) {
    var body = document.querySelector("#" + id + " tbody");
    body.textContent = "";
    Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; }).forEach(function (key) {
      body.appendChild(h("tr", {}, h("td", { text: names[key] || key }), h("td", { text: String(counts[key]) })));
    });
  }

  function renderAll() { renderControls(); renderCards(); }

  app.live = new E.Live({ code: root.dataset.code, role: "staff" }, {
    onSnapshot: function (data) {
      app.data = data;
      app.cards = {};
      data.cards.forEach(function (c) { app.cards[c.id] = c; });
      renderPresence(data.presence);
      renderAll();
    },
    onEvent: function (env) {
      if (!app.data) return;
      var d = env.data;
      if (env.type === "card") {
        var known = app.cards[d.id];
        if (!known || !known.seq || known.seq < d.seq) app.cards[d.id] = d;
      } else if (env.type === "card_deleted") {
        delete app.cards[d.id];
      } else if (env.type === "state") {
        app.data.workshop.state = d;
      } else if (env.type === "workshop") {
        app.data.workshop = d;
      }
      Object.keys(app.panels).forEach(function (name) {
        if (app.panels[name].onEvent) app.panels[name].onEvent(env, app);
      });
      renderAll();
    },
    onPresence: renderPresence,
    onStatus: function (state) {
      var node = document.getElementById("status");
      node.textContent = t(state);
      node.className = "status " + state;
    }
  });
  app.live.start();
})();
