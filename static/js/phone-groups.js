/* Ensemble — the phone's group drafting: my group and its members, our recommendations
 * (add, edit, merge an edit conflict by hand), and once the facilitator opens it, the wall
 * of every group with dot voting.
 *
 * When is it shown (docs/decisions.md)? When the current sequence's activity is
 * "group_drafting", or — whatever the sequence — when the person is in a group and the
 * projection shows the groups or the wall. */
(function () {
  "use strict";
  var E = window.Ensemble, h = E.h, app = E.phone;
  var S = E.readJSON("strings-groups");
  var TEXT_MAX = 1000, THEME_MAX = 120, OTHER = "__other__";

  function t(key, params) {
    if (!Object.prototype.hasOwnProperty.call(S, key)) return E.t(key, params);
    var text = S[key];
    Object.keys(params || {}).forEach(function (name) { text = text.split("{" + name + "}").join(String(params[name])); });
    return text;
  }

  var G = {
    group: null,        // {id, name, members: [{id, display_name, organisation, profession, …}]}
    groups: [],         // every group: {id, name, members: [ids]}
    recs: {},           // id → recommendation (what I may see)
    wall: { open: false, votes_per_participant: 0 },
    myVotes: {},        // id → my dots on it
    targets: [],
    tab: "group",
    compose: { target: null, theme: "", other: "", text: "" },
    editing: null,      // {id, base: version, text, target, theme, other}
    conflict: null      // {id, current, attempted, text}
  };

  var PROFESSIONS = {};
  E.readJSON("professions-groups").forEach(function (c) { PROFESSIONS[c.key] = c.label; });
  function targetOf(key) {
    for (var i = 0; i < G.targets.length; i++) if (G.targets[i].key === key) return G.targets[i];
    return { key: key, title: key, themes: [] };
  }
  function groupName(id) {
    for (var i = 0; i < G.groups.length; i++) if (G.groups[i].id === id) return G.groups[i].name;
    return t("no_group_name");
  }
  function list(filter) {
    return Object.keys(G.recs).map(function (id) { return G.recs[id]; }).filter(filter)
      .sort(function (a, b) { return (a.position - b.position) || (a.id - b.id); });
  }
  function mine(rec) { return G.group && rec.group === G.group.id; }
  function myDotsUsed() { return Object.keys(G.myVotes).reduce(function (n, id) { return n + G.myVotes[id]; }, 0); }

  /* ---------- Data ---------- */
  function load(data) {
    G.group = data.my_group || null;
    if (data.groups) G.groups = data.groups;
    if (data.targets) G.targets = data.targets;
    if (data.wall) G.wall = data.wall;
    G.myVotes = {};
    Object.keys(data.my_votes || {}).forEach(function (id) { G.myVotes[id] = data.my_votes[id]; });
    G.recs = {};
    (data.recommendations || []).forEach(function (r) { G.recs[r.id] = r; });
    if (!G.wall.open) G.tab = "group";
    if (app.data) app.data.my_group = G.group;
  }

  function keep(rec) {
    var known = G.recs[rec.id];
    if (known && known.seq && rec.seq && known.seq > rec.seq) return;
    if (mine(rec) || (G.wall.open && rec.status !== "merged")) G.recs[rec.id] = rec;
    else delete G.recs[rec.id];
  }

  /* My group may have changed: ask for it (its members, its drafts) again. */
  function refresh() {
    return app.live.emit("group:mine", {}).then(function (ack) {
      if (!ack.ok) return;
      var before = G.group && G.group.id;
      load(ack);
      if (G.group && G.group.id !== before) app.announce(t("now_in", { name: G.group.name }));
      app.render();
    }, function () { /* offline: the next sync brings it */ });
  }

  function myGroupIn(groups) {
    var me = app.me && app.me.id;
    for (var i = 0; i < groups.length; i++) if (groups[i].members.indexOf(me) !== -1) return groups[i];
    return null;
  }

  var plugin = {
    onSnapshot: function () { load(app.data); },
    onEvent: function (env) {
      var d = env.data;
      if (env.type === "recommendation") {
        keep(d);
        redraw();
      } else if (env.type === "wall") {
        var opened = d.open && !G.wall.open;
        G.wall = { open: d.open, votes_per_participant: d.votes_per_participant };
        Object.keys(G.recs).forEach(function (id) { if (!mine(G.recs[id])) delete G.recs[id]; });
        (d.recommendations || []).forEach(keep);
        if (!G.wall.open) G.tab = "group";
        if (opened) app.announce(t("wall_opened"));
        redraw(true);
      } else if (env.type === "groups") {
        G.groups = d.groups;
        var now = myGroupIn(d.groups);
        var nowKey = now ? [now.id, now.name, now.members.join()].join("|") : "";
        var hadKey = G.group ? [G.group.id, G.group.name, G.group.members.map(function (m) { return m.id; }).join()].join("|") : "";
        if (nowKey !== hadKey) refresh();
      } else if (env.type === "state") {
        redraw(true);
      }
    }
  };
  app.plugins.push(plugin);

  /* The rule of the header comment. */
  app.claimActivity = function () {
    var state = app.data.workshop.state;
    if (state.activity === "group_drafting") return "group_drafting";
    if (app.data.my_group && (state.view === "groups" || state.view === "wall")) return "group_drafting";
    return null;
  };

  function active() { return app.data && app.activityKind && app.activityKind() === "group_drafting"; }
  function redraw(full) { if (active()) { if (full) app.render(); else drawLists(); } }

  /* ---------- Screen ---------- */
  var activity = {
    render: function () {
      var container = document.getElementById("activity");
      container.textContent = "";
      container.appendChild(h("div", { "data-activity": "group_drafting", class: "groups-phone" }));
      var root = container.firstChild;
      if (!G.group) {
        root.appendChild(h("h1", { text: t("drafting_title") }));
        root.appendChild(h("p", { class: "waiting", text: t("no_group_yet") }));
        return;
      }
      root.appendChild(header());
      if (G.wall.open) root.appendChild(tabs());
      var locked = app.data.workshop.state.locked;
      if (G.tab === "group") {
        if (locked) root.appendChild(h("p", { class: "locked-banner", role: "note", text: t("locked") }));
        else root.appendChild(composeForm());
      }
      root.appendChild(h("div", { id: "group-lists" }));
      drawLists();
    }
  };
  app.activities.group_drafting = activity;

  function header() {
    var members = G.group.members;
    return h("header", { class: "group-head" },
      h("p", { class: "group-kicker", text: t("your_group") }),
      h("h1", { id: "group-title", tabindex: "-1", text: G.group.name }),
      h("details", { class: "group-members" },
        h("summary", { text: t(members.length === 1 ? "members_one" : "members_n", { n: members.length }) }),
        h("ul", {}, members.map(function (m) {
          var who = m.display_name || t("no_name");
          if (m.id === app.me.id) who += " (" + t("you") + ")";
          var profession = PROFESSIONS[m.profession] || m.profession.replace(/^autre:/, "");
          return h("li", {}, h("strong", { text: who }), " — ",
                   m.organisation || t("no_organisation"), " · ", profession);
        }))));
  }

  function tabs() {
    function tab(name, label) {
      return h("button", { type: "button", class: "tab", "aria-pressed": String(G.tab === name),
        onclick: function () { G.tab = name; app.render(); var b = document.querySelector(".tab[aria-pressed=true]"); if (b) b.focus(); },
        text: label });
    }
    var count = list(function (r) { return r.status !== "merged"; }).length;
    return h("div", { class: "tabs", role: "group", "aria-label": t("show") },
      tab("group", t("tab_group")), tab("wall", t("tab_wall", { n: count })));
  }

  /* Target radios + theme select (the target's themes, or a free one) */
  function targetFields(prefix, state, onChange) {
    if (!state.target && G.targets.length) state.target = G.targets[0].key;
    var target = targetOf(state.target);
    var fieldset = h("fieldset", { class: "targets" }, h("legend", { text: t("target") }),
      G.targets.map(function (tg) {
        var id = prefix + "-target-" + tg.key;
        var input = h("input", { type: "radio", name: prefix + "-target", id: id, value: tg.key, checked: state.target === tg.key,
          onchange: function () { state.target = tg.key; state.theme = ""; onChange(); var again = document.getElementById(id); if (again) again.focus(); } });
        return h("label", { class: "choice", for: id }, input, h("span", { text: tg.title }));
      }));
    var themed = state.theme && target.themes.indexOf(state.theme) === -1 && state.theme !== OTHER;
    if (themed) { state.other = state.theme; state.theme = OTHER; }
    var select = h("select", { id: prefix + "-theme", onchange: function () { state.theme = select.value; onChange(); var again = document.getElementById(prefix + "-theme"); if (again) again.focus(); } },
      h("option", { value: "", text: t("no_theme") }),
      target.themes.map(function (name) { return h("option", { value: name, text: name }); }),
      h("option", { value: OTHER, text: t("other_theme") }));
    select.value = state.theme || "";
    var other = null;
    if (state.theme === OTHER) {
      other = h("input", { type: "text", id: prefix + "-other", maxlength: THEME_MAX, oninput: function () { state.other = other.value; } });
      other.value = state.other || "";
    }
    return [fieldset, h("label", { for: prefix + "-theme", text: t("theme") }), select,
            other ? h("label", { for: prefix + "-other", text: t("other_theme_label") }) : null, other];
  }
  function themeValue(state) { return state.theme === OTHER ? (state.other || "").trim() : (state.theme || ""); }

  function textArea(id, state, key) {
    var area = h("textarea", { id: id, maxlength: TEXT_MAX, rows: 4, "aria-describedby": id + "-count" });
    area.value = state[key] || "";
    var counter = h("p", { id: id + "-count", class: "hint" });
    function count() { counter.textContent = t("chars", { n: area.value.length, max: TEXT_MAX }); }
    area.addEventListener("input", function () { state[key] = area.value; count(); });
    count();
    return [area, counter];
  }

  function composeForm() {
    var c = G.compose;
    var error = h("p", { class: "form-error", role: "alert", hidden: true });
    var area = textArea("rec-text", c, "text");
    var form = h("form", { id: "rec-compose", class: "compose rec-compose", novalidate: true },
      h("h2", { text: t("new_recommendation") }),
      targetFields("new", c, function () { app.render(); }),
      h("label", { for: "rec-text", text: t("text") }), area, error,
      h("button", { type: "submit", class: "primary wide", text: t("add") }));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = (c.text || "").trim();
      var problem = !text ? t("empty_text") : text.length > TEXT_MAX ? t("too_long", { max: TEXT_MAX })
        : themeValue(c).length > THEME_MAX ? t("theme_too_long", { max: THEME_MAX }) : null;
      if (problem) { error.textContent = problem; error.hidden = false; area[0].focus(); return; }
      app.outbox.add("recommendation:add", { target: c.target, theme: themeValue(c), text: text });
      c.text = "";
      if (!app.live.connected()) app.announce(t("queued"));
      app.render();
      document.getElementById("rec-text").focus();
    });
    return form;
  }

  /* ---------- Lists (redrawn alone on live changes, keeping focus and typing) ---------- */
  function drawLists() {
    var box = document.getElementById("group-lists");
    if (!box) return;
    var focus = document.activeElement && document.activeElement.id && box.contains(document.activeElement) ? document.activeElement : null;
    var focusId = focus ? focus.id : null, start = focus && focus.selectionStart, end = focus && focus.selectionEnd;
    box.textContent = "";
    if (G.tab === "wall" && G.wall.open) box.appendChild(wallView()); else box.appendChild(groupView());
    if (focusId) {
      var again = document.getElementById(focusId);
      if (again) { again.focus(); if (typeof start === "number" && again.setSelectionRange) again.setSelectionRange(start, end); }
    }
  }

  function groupView() {
    var ours = list(function (r) { return mine(r); });
    var stored = {};  /* stored and broadcast before the outbox got its acknowledgement */
    ours.forEach(function (r) { stored[r.client_id] = true; });
    var pending = app.outbox.items().filter(function (i) { return i.event === "recommendation:add" && !stored[i.client_id]; })
      .map(function (i) { return { id: "p-" + i.client_id, pending: true, target: i.data.target, theme: i.data.theme, text: i.data.text, status: "draft" }; });
    var all = pending.concat(ours);
    var section = h("section", { class: "our-recs", "aria-labelledby": "our-title" },
      h("h2", { id: "our-title", text: t("ours_n", { n: ours.length }) }));
    if (!all.length) { section.appendChild(h("p", { class: "empty", text: t("none_yet") })); return section; }
    G.targets.forEach(function (tg) {
      var items = all.filter(function (r) { return r.target === tg.key; });
      if (!items.length) return;
      section.appendChild(h("h3", { class: "target-title", text: tg.title }));
      section.appendChild(h("ul", { class: "recs" }, items.map(function (r) { return h("li", {}, recView(r)); })));
    });
    return section;
  }

  function recView(rec) {
    if (G.conflict && G.conflict.id === rec.id) return conflictView(rec);
    if (G.editing && G.editing.id === rec.id && rec.status !== "merged") return editView(rec);
    var locked = app.data.workshop.state.locked;
    var badges = [];
    if (rec.pending) badges.push(h("span", { class: "badge", text: t("pending") }));
    if (rec.status === "kept") badges.push(h("span", { class: "badge kept", text: t("kept") }));
    if (rec.status === "merged") badges.push(h("span", { class: "badge", text: t("merged") }));
    return h("article", { class: "rec " + rec.status + (rec.pending ? " pending" : "") },
      h("p", { class: "rec-theme", text: rec.theme || t("no_theme") }),
      h("p", { class: "text", text: rec.text }),
      badges.length ? h("p", { class: "rec-badges" }, badges) : null,
      !rec.pending && rec.status !== "merged" && !locked ? h("button", { type: "button", class: "small", id: "edit-" + rec.id,
        "aria-label": t("edit") + " : " + rec.text.slice(0, 40),
        onclick: function () {
          G.editing = { id: rec.id, base: rec.version, text: rec.text, target: rec.target, theme: rec.theme, other: "" };
          drawLists();
          document.getElementById("edit-text-" + rec.id).focus();
        }, text: t("edit") }) : null);
  }

  function editView(rec) {
    var e = G.editing;
    var error = h("p", { class: "form-error", role: "alert", hidden: true });
    var area = textArea("edit-text-" + rec.id, e, "text");
    var changed = rec.version !== e.base;
    var form = h("form", { class: "rec-edit", novalidate: true },
      h("h4", { text: t("editing") }),
      changed ? h("p", { class: "notice", role: "status", text: t("changed_meanwhile") }) : null,
      h("label", { for: "edit-text-" + rec.id, text: t("text") }), area,
      targetFields("edit-" + rec.id, e, drawLists), error,
      h("div", { class: "rec-actions" },
        h("button", { type: "submit", class: "primary", text: t("save") }),
        h("button", { type: "button", onclick: function () { G.editing = null; drawLists(); focusEdit(rec.id); }, text: t("cancel") })));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = (e.text || "").trim();
      if (!text) { error.textContent = t("empty_text"); error.hidden = false; area[0].focus(); return; }
      save(rec.id, e.base, { text: text, target: e.target, theme: themeValue(e) }, error);
    });
    return form;
  }

  function save(id, version, change, error) {
    var body = Object.assign({ id: id, version: version }, change);
    app.live.emit("recommendation:edit", body).then(function (ack) {
      if (ack.ok) {
        G.editing = null; G.conflict = null;
        keep(ack.recommendation);
        drawLists();
        app.announce(t("saved"));
        focusEdit(id);
      } else if (ack.error.code === "stale_version") {
        G.editing = null;
        G.conflict = { id: id, current: ack.error.current, attempted: ack.error.attempted, text: ack.error.attempted.text || ack.error.current.text };
        keep(ack.error.current);
        drawLists();
        var area = document.getElementById("merge-text-" + id);
        if (area) area.focus();
      } else {
        error.textContent = ack.error.message; error.hidden = false;
      }
    }, function () { error.textContent = t("offline"); error.hidden = false; });
  }

  function conflictView(rec) {
    var c = G.conflict;
    var current = G.recs[rec.id] || c.current;
    var error = h("p", { class: "form-error", role: "alert", hidden: true });
    var area = textArea("merge-text-" + rec.id, c, "text");
    var theirs = current.text, yours = c.attempted.text || "";
    var form = h("form", { class: "rec-conflict", novalidate: true },
      h("p", { class: "conflict-intro", role: "alert", text: t("conflict") }),
      h("h4", { text: t("their_version") }),
      h("blockquote", { class: "theirs", text: theirs }),
      h("p", { class: "rec-theme", text: targetOf(current.target).title + " · " + (current.theme || t("no_theme")) }),
      h("h4", { text: t("your_version") }),
      h("blockquote", { class: "yours", text: yours }),
      h("button", { type: "button", class: "small", onclick: function () {
        c.text = theirs + "\n" + yours; drawLists(); document.getElementById("merge-text-" + rec.id).focus();
      }, text: t("put_both") }),
      h("label", { for: "merge-text-" + rec.id, text: t("merged_text") }), area, error,
      h("div", { class: "rec-actions" },
        h("button", { type: "submit", class: "primary", text: t("save_merged") }),
        h("button", { type: "button", onclick: function () { G.conflict = null; drawLists(); focusEdit(rec.id); }, text: t("keep_theirs") })));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = (c.text || "").trim();
      if (!text) { error.textContent = t("empty_text"); error.hidden = false; return; }
      save(rec.id, current.version, { text: text }, error);
    });
    return form;
  }

  function focusEdit(id) { var b = document.getElementById("edit-" + id); if (b) b.focus(); }

  /* ---------- The wall, with dots ---------- */
  function wallView() {
    var n = G.wall.votes_per_participant;
    var left = n - myDotsUsed();
    var recs = list(function (r) { return r.status !== "merged"; });
    var section = h("section", { class: "wall-phone", "aria-labelledby": "wall-title" },
      h("h2", { id: "wall-title", text: t("wall_title") }),
      n > 0 ? h("p", { class: "dots-left", role: "status", text: t("dots_left", { n: left, total: n }) }) : null);
    if (!recs.length) { section.appendChild(h("p", { class: "empty", text: t("wall_empty") })); return section; }
    G.targets.forEach(function (tg) {
      var items = recs.filter(function (r) { return r.target === tg.key; });
      if (!items.length) return;
      section.appendChild(h("h3", { class: "target-title", text: tg.title }));
      themesOf(items).forEach(function (theme) {
        section.appendChild(h("h4", { class: "theme-title", text: theme || t("no_theme") }));
        section.appendChild(h("ul", { class: "recs" }, items.filter(function (r) { return r.theme === theme; }).map(function (r) {
          return h("li", {}, wallItem(r, n, left));
        })));
      });
    });
    return section;
  }

  function themesOf(items) {
    var seen = [];
    items.forEach(function (r) { if (seen.indexOf(r.theme) === -1) seen.push(r.theme); });
    return seen;
  }

  function wallItem(rec, n, left) {
    var my = G.myVotes[rec.id] || 0;
    return h("article", { class: "rec " + rec.status + (mine(rec) ? " ours" : "") },
      h("p", { class: "rec-group", text: mine(rec) ? t("our_group") : groupName(rec.group) }),
      h("p", { class: "text", text: rec.text }),
      rec.status === "kept" ? h("p", { class: "rec-badges" }, h("span", { class: "badge kept", text: t("kept") })) : null,
      n > 0 ? h("div", { class: "dots", role: "group", "aria-label": t("dots_on", { n: my }) },
        h("button", { type: "button", class: "dot-button", id: "dot-remove-" + rec.id, disabled: my <= 0,
          "aria-label": t("dot_remove_for", { text: rec.text.slice(0, 40) }), onclick: function () { vote(rec, my - 1); }, text: "−" }),
        h("span", { class: "dot-count", "aria-hidden": "true", text: "● " + my }),
        h("button", { type: "button", class: "dot-button", id: "dot-add-" + rec.id, disabled: left <= 0,
          "aria-label": t("dot_add_for", { text: rec.text.slice(0, 40) }), onclick: function () { vote(rec, my + 1); }, text: "+" }),
        h("span", { class: "hint", "aria-hidden": "true", text: t("your_dots") })) : null);
  }

  function vote(rec, count) {
    app.live.emit("recommendation:vote", { id: rec.id, count: count }).then(function (ack) {
      if (!ack.ok) { app.announce(ack.error.message); return; }
      G.myVotes = {};
      Object.keys(ack.my_votes).forEach(function (id) { G.myVotes[id] = ack.my_votes[id]; });
      keep(ack.recommendation);
      drawLists();
      app.announce(t("dots_left", { n: G.wall.votes_per_participant - myDotsUsed(), total: G.wall.votes_per_participant }));
    }, function () { app.announce(t("offline")); });
  }

  if (app.data) { load(app.data); app.render(); }
})();
