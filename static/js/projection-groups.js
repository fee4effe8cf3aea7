/* Ensemble — the projection's "groups" view (the list of groups in large type) and "wall"
 * view (recommendations by target then theme, growing live, dots shown).
 * The projection receives recommendations only once the facilitator opens the wall: the
 * `wall` event carries them all, later `recommendation` events add or change one. */
(function () {
  "use strict";
  var E = window.Ensemble, h = E.h, app = E.projection;
  var S = E.readJSON("strings-groups");

  function t(key, params) {
    var text = Object.prototype.hasOwnProperty.call(S, key) ? S[key] : E.t(key, params);
    Object.keys(params || {}).forEach(function (name) { text = text.split("{" + name + "}").join(String(params[name])); });
    return text;
  }

  var G = { groups: [], targets: [], wall: { open: false, votes_per_participant: 0 }, recs: {}, fresh: null };

  var groupsView = app.addView("groups", { "aria-label": t("groups_title") });
  var wallView = app.addView("wall", { "aria-label": t("wall_title") });

  function keep(rec) {
    var known = G.recs[rec.id];
    if (known && known.seq && rec.seq && known.seq > rec.seq) return;
    if (rec.status === "merged" || !G.wall.open) { delete G.recs[rec.id]; return; }
    if (!known) G.fresh = rec.id;
    G.recs[rec.id] = rec;
  }

  app.plugins.push({
    onSnapshot: function () {
      var d = app.data;
      G.groups = d.groups || [];
      G.targets = d.targets || [];
      G.wall = d.wall || G.wall;
      G.recs = {};
      (d.recommendations || []).forEach(function (r) { if (r.status !== "merged") G.recs[r.id] = r; });
      G.fresh = null;
    },
    onEvent: function (env) {
      var d = env.data;
      if (env.type === "groups") G.groups = d.groups;
      else if (env.type === "recommendation") keep(d);
      else if (env.type === "wall") {
        G.wall = { open: d.open, votes_per_participant: d.votes_per_participant };
        G.recs = {};
        (d.recommendations || []).forEach(function (r) { if (r.status !== "merged") G.recs[r.id] = r; });
      }
      /* projection.js shows the current view again after every event. */
    }
  });

  /* ---------- Groups ---------- */
  app.views.groups = {
    show: function () {
      groupsView.textContent = "";
      var count = G.groups.length;
      groupsView.appendChild(h("h1", { class: "pj-title" }, t("groups_title"), " ",
        h("span", { class: "pj-count", text: count ? "(" + count + ")" : "" })));
      if (!count) { groupsView.appendChild(h("p", { class: "pj-waiting", text: t("no_groups") })); return; }
      /* Columns and type size from the number of groups: 10 groups of six at 1280 × 720 stay large. */
      var columns = count <= 4 ? 2 : count <= 9 ? 3 : count <= 16 ? 4 : count <= 30 ? 5 : 6;
      var rows = Math.ceil(count / columns);
      var size = Math.max(1.4, Math.min(4.2, 36 / Math.max(rows, 1) / 2.2));
      var list = h("ul", { class: "pj-groups" });
      list.style.setProperty("--columns", columns);
      list.style.setProperty("--name-size", size + "vw");
      G.groups.forEach(function (g) {
        list.appendChild(h("li", { class: "pj-group" },
          h("p", { class: "pj-group-name", text: g.name }),
          h("p", { class: "pj-group-size", text: t(g.members.length === 1 ? "people_one" : "people_n", { n: g.members.length }) })));
      });
      groupsView.appendChild(list);
    }
  };

  /* ---------- Wall ---------- */
  function byPosition(a, b) { return (a.position - b.position) || (a.id - b.id); }

  app.views.wall = {
    show: function () {
      wallView.textContent = "";
      wallView.appendChild(h("h1", { class: "pj-title", text: t("wall_title") }));
      if (!G.wall.open) { wallView.appendChild(h("p", { class: "pj-waiting", text: t("wall_closed") })); return; }
      var recs = Object.keys(G.recs).map(function (id) { return G.recs[id]; }).sort(byPosition);
      var voting = G.wall.votes_per_participant > 0 || recs.some(function (r) { return r.votes > 0; });
      var columns = h("div", { class: "wall-columns" });
      columns.style.setProperty("--targets", Math.max(G.targets.length, 1));
      G.targets.forEach(function (target) {
        var items = recs.filter(function (r) { return r.target === target.key; });
        var themes = [];
        items.forEach(function (r) { if (themes.indexOf(r.theme) === -1) themes.push(r.theme); });
        var body = h("div", { class: "wall-body" });
        if (!items.length) body.appendChild(h("p", { class: "pj-empty", text: "—" }));
        themes.forEach(function (theme) {
          body.appendChild(h("h3", { class: "wall-theme", text: theme || t("no_theme") }));
          body.appendChild(h("ul", { class: "wall-recs" }, items.filter(function (r) { return r.theme === theme; }).map(function (r) {
            return h("li", { class: r.id === G.fresh ? "fresh" : null },
              h("article", { class: "rec " + r.status },
                h("p", { class: "text", text: r.text }),
                r.status === "kept" ? h("p", { class: "wall-kept", text: "✓ " + t("kept") }) : null,
                voting && r.votes ? h("p", { class: "wall-votes", "aria-label": t("dots_n", { n: r.votes }), text: "● " + r.votes }) : null));
          })));
        });
        columns.appendChild(h("section", { class: "wall-column", "aria-label": target.title },
          h("h2", { class: "wall-target" }, target.title, " ", h("span", { class: "pj-count", text: "(" + items.length + ")" })),
          body));
      });
      wallView.appendChild(columns);
      G.fresh = null;
      fit();
    }
  };

  var fitPending = false;
  function fit() {
    if (fitPending) return;
    fitPending = true;
    window.requestAnimationFrame(function () {
      fitPending = false;
      var boxes = Array.prototype.slice.call(wallView.querySelectorAll(".wall-body"));
      var width = window.innerWidth;
      /* From 1/45 of the screen width (28 px at 1280) down to 1/85 (15 px at 1280, 22 at 1920). */
      E.fitBoard(wallView, [], boxes, { max: width / 45, min: width / 85, maxColumns: 1 });
    });
  }
  window.addEventListener("resize", function () { if (app.data && app.data.workshop.state.view === "wall") fit(); });
})();
