/* Ensemble — the console's mixed groups and recommendation wall.
 * Groups: form by size or by count, move people by drag and drop or with the
 * « Déplacer vers… » list (keyboard), rename, add an empty group, re-form.
 * Wall: open it to the room, dot voting on/off with N dots, merge duplicates, mark kept,
 * move to another target or theme.
 * Two Ensemble.console.panels entries: render(app) after every change, onEvent(env, app). */
(function () {
  "use strict";
  var E = window.Ensemble, h = E.h, app = E.console;
  var S = E.readJSON("strings-groups");
  var NAMES = E.readJSON("labels");
  var OTHER = "__other__";

  function t(key, params) {
    var text = Object.prototype.hasOwnProperty.call(S, key) ? S[key] : E.t(key, params);
    Object.keys(params || {}).forEach(function (name) { text = text.split("{" + name + "}").join(String(params[name])); });
    return text;
  }
  function announce(text) { document.getElementById("announcer").textContent = text; }

  app.views.push("groups", "wall");

  var grid = document.querySelector(".console-grid");
  var groupsPanel = h("section", { class: "panel groups-panel", id: "groups", "aria-labelledby": "groups-title" });
  var wallPanel = h("section", { class: "panel groups-panel wall-panel", id: "wall", "aria-labelledby": "wall-title" });
  grid.appendChild(groupsPanel);
  grid.appendChild(wallPanel);

  var G = {
    by: "size", amount: 6,      // the formation form
    names: {},                  // group id → name being typed
    selected: {},               // recommendation ids ticked for a merge
    merging: null,              // {into, text}
    moving: null,               // {id, target, theme, other}
    votes: null,                // dots per person being typed
    dirty: true
  };

  function data() { return app.data; }
  function people() {
    var byId = {};
    (data().people || []).forEach(function (p) { byId[p.id] = p; });
    return byId;
  }
  function recs() { return data().recommendations || []; }
  function targetOf(key) {
    var found = (data().targets || []).filter(function (tg) { return tg.key === key; })[0];
    return found || { key: key, title: key, themes: [] };
  }
  function groupName(id) {
    var found = (data().groups || []).filter(function (g) { return g.id === id; })[0];
    return found ? found.name : t("no_group");
  }
  function label(kind, key) {
    var names = NAMES[kind] || {};
    return names[key] || String(key).replace(/^autre:/, "");
  }
  function keepFocus(panel, draw) {
    var active = document.activeElement;
    var key = active && panel.contains(active) ? active.dataset.focusKey : null;
    draw();
    if (key) {
      var again = panel.querySelector('[data-focus-key="' + key + '"]');
      if (again) again.focus();
    }
  }

  function act(event, body) {
    return app.act(event, body || {}).then(function (ack) {
      if (ack.ok && ack.people) { data().people = ack.people; }
      if (ack.ok && ack.groups) { data().groups = ack.groups; G.dirty = true; render(); }
      return ack;
    });
  }

  /* ---------- Groups ---------- */
  function drawGroups() {
    var groups = data().groups || [];
    var byId = people();
    groupsPanel.textContent = "";
    groupsPanel.appendChild(h("h2", { id: "groups-title", text: t("groups_title") }));
    var amount = h("input", { type: "number", id: "group-amount", min: G.by === "size" ? 2 : 1, max: 200, value: G.amount,
      dataset: { focusKey: "amount" }, oninput: function () { G.amount = amount.value; } });
    function by(kind) {
      return h("label", { class: "inline", for: "by-" + kind },
        h("input", { type: "radio", name: "group-by", id: "by-" + kind, value: kind, checked: G.by === kind, dataset: { focusKey: "by-" + kind },
          onchange: function () {
            G.by = kind;
            G.amount = kind === "size" ? 6 : Math.max(1, Math.round(Object.keys(byId).length / 6));
            G.dirty = true; render();
          } }),
        t("by_" + kind));
    }
    var form = h("form", { class: "form-groups", novalidate: true },
      h("fieldset", {}, h("legend", { text: t("form_legend") }),
        h("div", {}, by("size"), by("count")),
        h("div", { class: "form-row" },
          h("div", {}, h("label", { for: "group-amount", text: t(G.by === "size" ? "size_label" : "count_label") }), amount),
          h("button", { type: "submit", class: "primary", dataset: { focusKey: "form" }, text: groups.length ? t("reform") : t("form") }))),
      h("p", { class: "hint", text: t("mix_hint") }));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var n = parseInt(G.amount, 10);
      if (groups.length && recs().length && !window.confirm(t("confirm_reform"))) return;
      var body = {};
      body[G.by] = n;
      act("groups:form", body).then(function (ack) {
        if (ack.ok) announce(t("formed", { n: ack.groups.length }));
      });
    });
    groupsPanel.appendChild(form);
    if (!groups.length) {
      groupsPanel.appendChild(h("p", { text: t("no_groups_yet", { n: Object.keys(byId).length }) }));
      return;
    }
    var grouped = {};
    groups.forEach(function (g) { g.members.forEach(function (id) { grouped[id] = true; }); });
    var loose = Object.keys(byId).map(Number).filter(function (id) { return !grouped[id]; });
    var cards = h("div", { class: "console-groups" });
    groups.forEach(function (g) { cards.appendChild(groupCard(g, groups, byId)); });
    if (loose.length) cards.appendChild(groupCard({ id: null, name: t("no_group"), members: loose }, groups, byId));
    groupsPanel.appendChild(cards);
    groupsPanel.appendChild(h("p", {}, h("button", { type: "button", dataset: { focusKey: "add-group" },
      onclick: function () { act("groups:add", {}); }, text: t("add_group") })));
  }

  function mixOf(members, byId) {
    function distinct(field) {
      var seen = {};
      members.forEach(function (id) {
        var p = byId[id];
        if (p) seen[field === "organisation" ? (p.organisation || "#" + id).trim().toLowerCase() : p[field]] = true;
      });
      return Object.keys(seen).length;
    }
    return t("mix", { n: members.length, orgs: distinct("organisation"), types: distinct("organisation_type"), professions: distinct("profession") });
  }

  function groupCard(group, groups, byId) {
    var card = h("section", { class: "console-group", "aria-label": group.name });
    if (group.id !== null) {
      card.addEventListener("dragover", function (event) { event.preventDefault(); card.classList.add("drop-target"); });
      card.addEventListener("dragleave", function () { card.classList.remove("drop-target"); });
      card.addEventListener("drop", function (event) {
        event.preventDefault();
        card.classList.remove("drop-target");
        var id = parseInt(event.dataTransfer.getData("text/plain"), 10);
        if (id && group.members.indexOf(id) === -1) move(id, group.id);
      });
    }
    card.appendChild(h("h3", { text: group.name }));
    card.appendChild(h("p", { class: "mix", text: mixOf(group.members, byId) }));
    if (group.id !== null) {
      var input = h("input", { type: "text", id: "name-" + group.id, maxlength: 60, dataset: { focusKey: "name-" + group.id },
        oninput: function () { G.names[group.id] = input.value; } });
      input.value = G.names[group.id] !== undefined ? G.names[group.id] : group.name;
      var rename = h("form", { class: "rename", novalidate: true },
        h("label", { for: "name-" + group.id, class: "visually-hidden", text: t("rename_label", { name: group.name }) }), input,
        h("button", { type: "submit", class: "small", dataset: { focusKey: "rename-" + group.id }, text: t("rename") }));
      rename.addEventListener("submit", function (event) {
        event.preventDefault();
        act("groups:rename", { id: group.id, name: input.value }).then(function (ack) {
          if (ack.ok) { delete G.names[group.id]; announce(t("renamed")); }
        });
      });
      card.appendChild(rename);
    }
    card.appendChild(h("ul", { class: "members" }, group.members.map(function (id) {
      var p = byId[id] || { id: id, organisation: "", organisation_type: "", profession: "", display_name: "" };
      var who = p.display_name || t("person_n", { n: id });
      var selectId = "move-" + id;
      var select = h("select", { id: selectId, dataset: { focusKey: "move-" + id },
        onchange: function () { if (select.value !== "") move(id, select.value === "none" ? null : parseInt(select.value, 10)); } },
        h("option", { value: "", text: t("move_to") }),
        groups.filter(function (g) { return g.id !== group.id; }).map(function (g) { return h("option", { value: String(g.id), text: g.name }); }),
        group.id !== null ? h("option", { value: "none", text: t("no_group") }) : null);
      var item = h("li", { draggable: "true" },
        h("p", { class: "who", text: who }),
        h("p", { class: "what", text: [p.organisation || t("no_organisation"), label("types", p.organisation_type), label("professions", p.profession)].join(" · ") }),
        h("label", { for: selectId, class: "visually-hidden", text: t("move_label", { who: who }) }), select);
      item.addEventListener("dragstart", function (event) {
        event.dataTransfer.setData("text/plain", String(id));
        event.dataTransfer.effectAllowed = "move";
        item.classList.add("dragging");
      });
      item.addEventListener("dragend", function () { item.classList.remove("dragging"); });
      return item;
    })));
    return card;
  }

  function move(participant, group) {
    act("groups:move", { participant: participant, group: group }).then(function (ack) {
      if (ack.ok) announce(t("moved", { name: group === null ? t("no_group") : groupName(group) }));
    });
  }

  /* ---------- Wall ---------- */
  function drawWall() {
    var wall = data().wall || { open: false, votes_per_participant: 0 };
    var all = recs();
    var live = all.filter(function (r) { return r.status !== "merged"; });
    wallPanel.textContent = "";
    wallPanel.appendChild(h("h2", { id: "wall-title", text: t("recs_title", { n: live.length }) }));
    wallPanel.appendChild(h("p", {}, h("button", { type: "button", "aria-pressed": String(wall.open), class: wall.open ? "" : "primary",
      dataset: { focusKey: "wall-open" },
      onclick: function () {
        act("wall:set", { open: !wall.open }).then(function (ack) { if (ack.ok) announce(ack.wall.open ? t("wall_opened") : t("wall_closed")); });
      }, text: wall.open ? t("close_wall") : t("open_wall") }),
      " ", h("span", { class: "hint", text: wall.open ? t("wall_is_open") : t("wall_is_closed") })));

    var on = h("input", { type: "checkbox", id: "dots-on", checked: wall.votes_per_participant > 0, dataset: { focusKey: "dots-on" } });
    var count = h("input", { type: "number", id: "dots-n", min: 1, max: 20, dataset: { focusKey: "dots-n" },
      value: G.votes !== null ? G.votes : (wall.votes_per_participant || 3), oninput: function () { G.votes = count.value; } });
    var dots = h("form", { class: "form-row", novalidate: true },
      h("label", { class: "inline", for: "dots-on" }, on, t("dots_on")),
      h("div", {}, h("label", { for: "dots-n", text: t("dots_n_label") }), count),
      h("button", { type: "submit", class: "small", dataset: { focusKey: "dots-apply" }, text: t("apply") }));
    dots.addEventListener("submit", function (event) {
      event.preventDefault();
      var n = on.checked ? parseInt(count.value, 10) : 0;
      act("wall:set", { votes: isNaN(n) ? -1 : n }).then(function (ack) {
        if (ack.ok) { G.votes = null; announce(n ? t("dots_set", { n: n }) : t("dots_off")); }
      });
    });
    wallPanel.appendChild(h("fieldset", {}, h("legend", { text: t("dots_legend") }), dots,
      !wall.open && wall.votes_per_participant > 0 ? h("p", { class: "hint", text: t("dots_need_wall") }) : null));

    var chosen = live.filter(function (r) { return G.selected[r.id]; });
    wallPanel.appendChild(h("p", {}, h("button", { type: "button", disabled: chosen.length < 2, dataset: { focusKey: "merge" },
      onclick: function () {
        G.merging = { into: chosen[0].id, text: chosen.map(function (r) { return r.text; }).join("\n") };
        G.dirty = true; render();
        var area = document.getElementById("merge-text"); if (area) area.focus();
      }, text: t("merge_selected", { n: chosen.length }) })));
    if (G.merging && chosen.length >= 2) wallPanel.appendChild(mergeBox(chosen));
    else G.merging = null;

    if (!all.length) { wallPanel.appendChild(h("p", { text: t("no_recs") })); return; }
    var box = h("div", { class: "console-recs" });
    (data().targets || []).forEach(function (tg) {
      var items = live.filter(function (r) { return r.target === tg.key; });
      if (!items.length) return;
      box.appendChild(h("h3", { class: "target-title", text: tg.title + " (" + items.length + ")" }));
      var themes = [];
      items.forEach(function (r) { if (themes.indexOf(r.theme) === -1) themes.push(r.theme); });
      themes.forEach(function (theme) {
        box.appendChild(h("h4", { class: "theme-title", text: theme || t("no_theme") }));
        items.filter(function (r) { return r.theme === theme; }).forEach(function (r) { box.appendChild(recRow(r)); });
      });
    });
    var merged = all.filter(function (r) { return r.status === "merged"; });
    if (merged.length) {
      box.appendChild(h("details", {}, h("summary", { text: t("merged_n", { n: merged.length }) }),
        merged.map(function (r) {
          return h("div", { class: "console-rec merged" }, h("p", { class: "text", text: r.text }),
            h("p", { class: "meta", text: t("merged_into", { group: groupName(r.group) }) }));
        })));
    }
    wallPanel.appendChild(box);
  }

  function recRow(r) {
    var pick = h("input", { type: "checkbox", id: "pick-" + r.id, checked: Boolean(G.selected[r.id]), dataset: { focusKey: "pick-" + r.id },
      onchange: function () { if (pick.checked) G.selected[r.id] = true; else delete G.selected[r.id]; G.dirty = true; render(); } });
    var meta = [groupName(r.group)];
    if (r.votes) meta.push(t("dots_count", { n: r.votes }));
    var row = h("article", { class: "console-rec " + r.status },
      h("p", { class: "meta" }, h("label", { class: "inline", for: "pick-" + r.id }, pick, t("pick")), " ", meta.join(" · "),
        r.status === "kept" ? h("span", { class: "badge kept", text: t("kept") }) : null),
      h("p", { class: "text", text: r.text }),
      r.origins && r.origins.length ? h("ul", { class: "origins", "aria-label": t("origins") }, r.origins.map(function (o) {
        return h("li", { text: t("origin", { text: o.text, group: groupName(o.group) }) });
      })) : null,
      h("div", { class: "actions" },
        h("button", { type: "button", class: "small", "aria-pressed": String(r.status === "kept"), dataset: { focusKey: "keep-" + r.id },
          onclick: function () { act("recommendation:curate", { id: r.id, status: r.status === "kept" ? "draft" : "kept" }); },
          text: r.status === "kept" ? t("unkeep") : t("keep") }),
        h("button", { type: "button", class: "small", "aria-expanded": String(Boolean(G.moving && G.moving.id === r.id)), dataset: { focusKey: "move-rec-" + r.id },
          onclick: function () {
            G.moving = G.moving && G.moving.id === r.id ? null : { id: r.id, target: r.target, theme: r.theme, other: "" };
            G.dirty = true; render();
          }, text: t("move_rec") })));
    if (G.moving && G.moving.id === r.id) row.appendChild(moveForm(r));
    return row;
  }

  function moveForm(r) {
    var m = G.moving;
    var target = targetOf(m.target);
    if (m.theme && m.theme !== OTHER && target.themes.indexOf(m.theme) === -1) { m.other = m.theme; m.theme = OTHER; }
    var tSelect = h("select", { id: "mv-target-" + r.id, dataset: { focusKey: "mv-target-" + r.id },
      onchange: function () { m.target = tSelect.value; m.theme = ""; G.dirty = true; render(); } },
      (data().targets || []).map(function (tg) { return h("option", { value: tg.key, text: tg.title }); }));
    tSelect.value = m.target;
    var thSelect = h("select", { id: "mv-theme-" + r.id, dataset: { focusKey: "mv-theme-" + r.id },
      onchange: function () { m.theme = thSelect.value; G.dirty = true; render(); } },
      h("option", { value: "", text: t("no_theme") }),
      target.themes.map(function (name) { return h("option", { value: name, text: name }); }),
      h("option", { value: OTHER, text: t("other_theme") }));
    thSelect.value = m.theme || "";
    var other = null;
    if (m.theme === OTHER) {
      other = h("input", { type: "text", id: "mv-other-" + r.id, maxlength: 120, dataset: { focusKey: "mv-other-" + r.id },
        oninput: function () { m.other = other.value; } });
      other.value = m.other || "";
    }
    var form = h("form", { class: "move", novalidate: true },
      h("div", {}, h("label", { for: "mv-target-" + r.id, text: t("target") }), tSelect),
      h("div", {}, h("label", { for: "mv-theme-" + r.id, text: t("theme") }), thSelect),
      other ? h("div", {}, h("label", { for: "mv-other-" + r.id, text: t("other_theme_label") }), other) : null,
      h("button", { type: "submit", class: "small primary", dataset: { focusKey: "mv-go-" + r.id }, text: t("move_go") }));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var theme = m.theme === OTHER ? (m.other || "").trim() : m.theme;
      act("recommendation:curate", { id: r.id, target: m.target, theme: theme }).then(function (ack) {
        if (ack.ok) { G.moving = null; announce(t("moved_rec")); G.dirty = true; render(); }
      });
    });
    return form;
  }

  function mergeBox(chosen) {
    var m = G.merging;
    var area = h("textarea", { id: "merge-text", rows: 5, maxlength: 1000, dataset: { focusKey: "merge-text" },
      oninput: function () { m.text = area.value; } });
    area.value = m.text;
    var into = h("select", { id: "merge-into", dataset: { focusKey: "merge-into" }, onchange: function () { m.into = parseInt(into.value, 10); } },
      chosen.map(function (r) {
        return h("option", { value: String(r.id), text: groupName(r.group) + " — " + targetOf(r.target).title + " · " + (r.theme || t("no_theme")) });
      }));
    into.value = String(m.into);
    var form = h("form", { class: "merge-box", novalidate: true },
      h("h3", { text: t("merge_title", { n: chosen.length }) }),
      h("label", { for: "merge-text", text: t("merge_text") }), area,
      h("label", { for: "merge-into", text: t("merge_into") }), into,
      h("p", { class: "hint", text: t("merge_hint") }),
      h("div", { class: "form-row" },
        h("button", { type: "submit", class: "primary", dataset: { focusKey: "merge-go" }, text: t("merge_go") }),
        h("button", { type: "button", dataset: { focusKey: "merge-cancel" }, onclick: function () { G.merging = null; G.dirty = true; render(); }, text: t("cancel") })));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var ids = chosen.map(function (r) { return r.id; }).filter(function (id) { return id !== m.into; });
      act("recommendation:merge", { into: m.into, ids: ids, text: m.text }).then(function (ack) {
        if (ack.ok) { G.merging = null; G.selected = {}; announce(t("merged_done")); G.dirty = true; render(); }
      });
    });
    return form;
  }

  /* ---------- Panels ---------- */
  var drawnData = null;  // a new snapshot (after a reconnection) redraws everything
  function render() {
    if (!app.data) return;
    if (app.data !== drawnData) { drawnData = app.data; G.dirty = true; }
    if (!G.dirty) return;
    G.dirty = false;
    keepFocus(groupsPanel, drawGroups);
    keepFocus(wallPanel, drawWall);
  }

  function upsert(rec) {
    var list = recs();
    for (var i = 0; i < list.length; i++) {
      if (list[i].id === rec.id) {
        if (!list[i].seq || !rec.seq || list[i].seq < rec.seq) list[i] = rec;
        return;
      }
    }
    list.push(rec);
    list.sort(function (a, b) { return (a.position - b.position) || (a.id - b.id); });
  }

  app.panels.groups = {
    render: render,
    onEvent: function (env) {
      var d = env.data;
      if (env.type === "groups") {
        data().groups = d.groups;
        var byId = people();
        var unknown = d.groups.some(function (g) { return g.members.some(function (id) { return !byId[id]; }); });
        if (unknown) act("groups:list", {});
      } else if (env.type === "recommendation") {
        if (!data().recommendations) data().recommendations = [];
        upsert(d);
      } else if (env.type === "wall") {
        data().wall = { open: d.open, votes_per_participant: d.votes_per_participant };
      } else {
        return;
      }
      G.dirty = true;
    }
  };
})();
