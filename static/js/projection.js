/* Ensemble — the projection: join screen, live board, and views other activities add
 * through Ensemble.projection.views[name] = {show(app), onEvent(env, app)}. */
(function () {
  "use strict";
  var E = window.Ensemble, h = E.h, t = E.t;
  var root = document.getElementById("screen");

  /* plugins: helpers drawn over every view (sequence title, timer): onSnapshot(app), onEvent(env, app). */
  var app = (E.projection = { views: {}, plugins: [], data: null, cards: {} });

  /* A new, hidden view section "view-<name>" before the footer, for the other screens' files. */
  app.addView = function (name, attributes) {
    var node = h("section", Object.assign({ id: "view-" + name, class: "view", hidden: true }, attributes || {}));
    root.insertBefore(node, root.querySelector(".screen-footer"));
    return node;
  };

  function viewName() { return app.data ? app.data.workshop.state.view : "join"; }

  function show() {
    var name = viewName();
    var sections = root.querySelectorAll(".view");
    Array.prototype.forEach.call(sections, function (s) { s.hidden = s.id !== "view-" + name; });
    var view = app.views[name];
    if (view && view.show) view.show(app);
  }

  function setCount(n) {
    Array.prototype.forEach.call(root.querySelectorAll(".people-count"), function (node) { node.textContent = String(n); });
  }

  /* ---------- Board ---------- */
  var board = {
    show: function () {
      var state = app.data.workshop.state, axes = app.data.workshop.axes;
      var index = -1;
      axes.forEach(function (a, i) { if (a.id === state.axis) index = i; });
      var axis = axes[index];
      root.querySelector(".board-axis-number").textContent = axis ? t("axis_of", { n: index + 1, total: axes.length }) : "";
      root.querySelector(".board-axis-title").textContent = axis ? axis.title : t("no_axis");
      var cards = Object.keys(app.cards).map(function (id) { return app.cards[id]; })
        .filter(function (c) { return axis && c.axis === axis.id && !c.hidden; })
        .sort(function (a, b) { return a.id - b.id; });
      var levers = cards.filter(function (c) { return c.kind === "lever"; });
      var leverIds = {};
      levers.forEach(function (c) { leverIds[c.id] = true; });
      var limits = cards.filter(function (c) { return c.kind === "limit"; });
      var loose = limits.filter(function (c) { return !leverIds[c.parent]; });
      var columns = root.querySelectorAll(".board-column");
      fill(columns[0], levers, function (lever) {
        var answers = limits.filter(function (c) { return c.parent === lever.id; });
        return answers.length ? h("ul", { class: "replies" }, answers.map(function (a) {
          return h("li", {}, cardView(a, true));
        })) : null;
      }, levers.length);
      fill(columns[1], loose, null, limits.length);
      board.scheduleFit();
    },
    /* Fitting lays the board out a few dozen times: at most once per animation frame. */
    scheduleFit: function () {
      if (board.fitPending) return;
      board.fitPending = true;
      window.requestAnimationFrame(function () { board.fitPending = false; board.fit(); });
    },
    fit: function () {
      var view = root.querySelector("#view-board");
      var boxes = Array.prototype.slice.call(view.querySelectorAll(".col-body"));
      var lists = Array.prototype.slice.call(view.querySelectorAll(".col-cards"));
      var width = window.innerWidth;
      /* Text from 1/40 of the screen width down to 1/80 (16 px at 1280, 24 px at 1920). */
      E.fitBoard(view, lists, boxes, { max: width / 40, min: width / 80, maxColumns: 3 });
    }
  };

  function fill(column, cards, extra, count) {
    column.querySelector(".col-count").textContent = "(" + count + ")";
    var list = column.querySelector(".col-cards");
    list.textContent = "";
    if (!cards.length) {
      list.appendChild(h("li", { class: "placeholder", text: t("waiting_cards") }));
      return;
    }
    cards.forEach(function (card) {
      list.appendChild(h("li", { class: "item" + (card.id === app.fresh ? " fresh" : "") }, cardView(card, false), extra ? extra(card) : null));
    });
  }

  function cardView(card, isReply) {
    return h("article", { class: "card " + card.kind + (card.verbatim ? " verbatim" : "") + (isReply ? " reply" : "") },
      isReply ? h("p", { class: "reply-label", text: t("limit") }) : null,
      h("p", { class: "text", text: card.text }),
      card.supports ? h("p", { class: "supports", "aria-label": t("supports", { n: card.supports }), text: "+" + card.supports }) : null);
  }

  app.views.board = board;
  app.views.join = { show: function () {} };
  app.views.blank = { show: function () {} };

  /* ---------- Live ---------- */
  function onSnapshot(data) {
    app.data = data;
    app.cards = {};
    data.cards.forEach(function (c) { app.cards[c.id] = c; });
    setCount(data.presence.count);
    app.plugins.forEach(function (p) { if (p.onSnapshot) p.onSnapshot(app); });
    show();
  }

  function onEvent(env) {
    if (!app.data) return;
    var d = env.data;
    if (env.type === "card") {
      var known = app.cards[d.id];
      if (!known || !known.seq || known.seq < d.seq) {
        if (!known) app.fresh = d.id;
        app.cards[d.id] = d;
      }
    } else if (env.type === "card_deleted") {
      delete app.cards[d.id];
    } else if (env.type === "state") {
      app.data.workshop.state = d;
    } else if (env.type === "workshop") {
      app.data.workshop = d;
    }
    var view = app.views[viewName()];
    if (view && view.onEvent) view.onEvent(env, app);
    app.plugins.forEach(function (p) { if (p.onEvent) p.onEvent(env, app); });
    show();
  }

  var live = new E.Live({ code: root.dataset.code, role: "projection", key: root.dataset.key }, {
    onSnapshot: onSnapshot,
    onEvent: onEvent,
    onPresence: function (p) { setCount(p.count); },
    onStatus: function (state) { document.getElementById("screen-status").textContent = state === "online" ? "" : t(state); },
    onAuthError: function () { document.getElementById("screen-status").textContent = t("bad_key"); }
  });
  app.live = live;
  live.start();

  var resizeTimer;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { if (viewName() === "board") board.scheduleFit(); }, 150);
  });
})();
