/* The console's mixed groups and recommendation wall.
 * Groups: form them by size or by count, move people by drag and drop or with the
 * « Déplacer vers… » list (keyboard), rename, add an empty group, re-form.
 * Wall: open it to the room, dot voting on or off with N dots, merge duplicates, mark kept,
 * move to another target or theme.
 * Both panels are rebuilt when the groups store changes; what is being typed (a name, a
 * number, a merged text) is kept here, and the control that had the focus keeps it. */
import { h, redraw } from "../core/dom.js";
import { plural, translator } from "../core/strings.js";

const t = translator("groups");
const OTHER = "__other__";

export function groupsPanel(app) {
  const draft = { by: "size", amount: 6, names: {}, places: {} };
  const panel = h("section", { class: "panel groups-panel", id: "groups", "aria-labelledby": "groups-title" });
  const store = app.groups;
  const byId = () => new Map(store.people.map((p) => [p.id, p]));
  const label = (kind, key) => app.labels[kind]?.[key] || String(key).replace(/^autre:/, "");

  function act(event, body) {
    return app.act(event, body).then((ack) => {
      if (ack.ok && ack.people) store.people = ack.people;
      if (ack.ok && ack.groups) { store.groups = ack.groups; store.acknowledge({}); }
      return ack;
    });
  }
  // someone joined since the snapshot (presence says more people than we know): ask again
  app.peopleJoined = (count) => { if (count > store.people.length) act("groups:list", {}).then(draw); };
  const move = (participant, group) => act("groups:move", { participant, group }).then((ack) => {
    if (ack.ok) app.announce(t("moved", { name: group === null ? t("no_group") : store.groupName(group) }));
  });

  function formation(groups, people) {
    const amount = h("input", { type: "number", id: "group-amount", min: draft.by === "size" ? 2 : 1, max: 200, value: draft.amount,
      oninput: () => { draft.amount = amount.value; } });
    const by = (kind) => h("label", { class: "inline", for: `by-${kind}` },
      h("input", { type: "radio", name: "group-by", id: `by-${kind}`, value: kind, checked: draft.by === kind, onchange: () => {
        draft.by = kind;
        draft.amount = kind === "size" ? 6 : Math.max(1, Math.round(people.size / 6));
        draw();
      } }), t(`by_${kind}`));
    return h("form", { class: "form-groups", novalidate: true, onsubmit: (event) => {
      event.preventDefault();
      if (groups.length && store.recommendations.size && !window.confirm(t("confirm_reform"))) return;
      act("groups:form", { [draft.by]: parseInt(draft.amount, 10) }).then((ack) => {
        if (ack.ok) app.announce(plural(t, "formed", ack.groups.length));
      });
    } }, h("fieldset", {}, h("legend", { text: t("form_legend") }), h("div", {}, by("size"), by("count")),
      h("div", { class: "form-row" },
        h("div", {}, h("label", { for: "group-amount", text: t(draft.by === "size" ? "size_label" : "count_label") }), amount),
        h("button", { type: "submit", class: "primary", id: "form-groups", text: groups.length ? t("reform") : t("form") }))),
    h("p", { class: "hint", text: t("mix_hint") }));
  }

  function mix(members, people) {
    const distinct = (field) => new Set(members.map((id) => people.get(id)).filter(Boolean)
      .map((p) => (field === "organisation" ? (p.organisation || `#${p.id}`).trim().toLowerCase() : p[field]))).size;
    return [["mix_people", members.length], ["mix_orgs", distinct("organisation")], ["mix_types", distinct("organisation_type")],
      ["mix_professions", distinct("profession")]].map(([key, n]) => plural(t, key, n)).join(" · ");
  }

  function groupCard(group, groups, people) {
    const card = h("section", { class: "console-group", "aria-label": group.name }, h("h3", { text: group.name }),
      h("p", { class: "mix", text: mix(group.members, people) }));
    if (group.id !== null) {
      card.addEventListener("dragover", (event) => { event.preventDefault(); card.classList.add("drop-target"); });
      card.addEventListener("dragleave", () => card.classList.remove("drop-target"));
      card.addEventListener("drop", (event) => {
        event.preventDefault();
        card.classList.remove("drop-target");
        const id = parseInt(event.dataTransfer.getData("text/plain"), 10);
        if (id && !group.members.includes(id)) move(id, group.id);
      });
      const input = h("input", { type: "text", id: `name-${group.id}`, maxlength: 60, value: draft.names[group.id] ?? group.name,
        oninput: () => { draft.names[group.id] = input.value; } });
      const place = h("input", { type: "text", id: `place-${group.id}`, maxlength: 60, value: draft.places[group.id] ?? group.place ?? "",
        placeholder: t("place_hint"), oninput: () => { draft.places[group.id] = place.value; } });
      card.append(h("form", { class: "rename", novalidate: true, onsubmit: (event) => {
        event.preventDefault();
        act("groups:rename", { id: group.id, name: input.value, place: place.value }).then((ack) => {
          if (ack.ok) { delete draft.names[group.id]; delete draft.places[group.id]; app.announce(t("renamed")); }
        });
      } }, h("label", { for: input.id, class: "visually-hidden", text: t("rename_label", { name: group.name }) }), input,
      h("label", { for: place.id, class: "place-label", text: t("place_label", { name: group.name }) }), place,
      h("button", { type: "submit", class: "small", id: `rename-${group.id}`, text: t("rename") })));
    }
    card.append(h("ul", { class: "members" }, group.members.map((id) => member(id, group, groups, people))));
    return card;
  }

  function member(id, group, groups, people) {
    const p = people.get(id) || {};
    const who = p.display_name || t("person_n", { n: id });
    const select = h("select", { id: `move-${id}`, onchange: () => {
      if (select.value !== "") move(id, select.value === "none" ? null : parseInt(select.value, 10));
    } }, h("option", { value: "", text: t("move_to") }),
    groups.filter((g) => g.id !== group.id).map((g) => h("option", { value: String(g.id), text: g.name })),
    group.id !== null ? h("option", { value: "none", text: t("no_group") }) : null);
    const item = h("li", { draggable: "true" }, h("p", { class: "who", text: who }),
      h("p", { class: "what", text: [p.organisation || t("no_organisation"), label("types", p.organisation_type), label("professions", p.profession)].join(" · ") }),
      h("label", { for: select.id, class: "visually-hidden", text: t("move_label", { who }) }), select);
    item.addEventListener("dragstart", (event) => {
      event.dataTransfer.setData("text/plain", String(id));
      event.dataTransfer.effectAllowed = "move";
      item.classList.add("dragging");
    });
    item.addEventListener("dragend", () => item.classList.remove("dragging"));
    return item;
  }

  function draw() {
    if (!store.hasSnapshot) return;
    const { groups } = store;
    const people = byId();
    redraw(panel, () => {
      const head = [h("h2", { id: "groups-title", text: t("groups_title") }), formation(groups, people)];
      if (!groups.length) return [head, h("p", { text: plural(t, "no_groups_yet", people.size) })];
      const grouped = new Set(groups.flatMap((g) => g.members));
      const loose = [...people.keys()].filter((id) => !grouped.has(id));
      return [head, h("div", { class: "console-groups" }, groups.map((g) => groupCard(g, groups, people)),
        loose.length ? groupCard({ id: null, name: t("no_group"), members: loose }, groups, people) : null),
      h("p", {}, h("button", { type: "button", id: "add-group", text: t("add_group"), onclick: () => act("groups:add", {}) }))];
    });
  }

  store.subscribe((change) => {
    if (change.type === "groups") act("groups:list", {}); // the room's event has no member: ask who
    if (change.snapshot || change.type === "groups" || change.type === "ack") draw();
  });
  return panel;
}

export function wallPanel(app) {
  const draft = { selected: new Set(), merging: null, moving: null, votes: null };
  const panel = h("section", { class: "panel groups-panel wall-panel", id: "wall", "aria-labelledby": "wall-title" });
  const store = app.groups;
  const button = (text, id, onclick, extra = {}) => h("button", { type: "button", id, text, onclick, ...extra });
  const act = (event, body, said) => app.act(event, body).then((ack) => {
    if (ack.ok && said) app.announce(said(ack));
    return ack;
  });
  const groupName = (id) => store.groupName(id) ?? t("no_group");

  function dots(wall) {
    const on = h("input", { type: "checkbox", id: "dots-on", checked: wall.votes_per_participant > 0 });
    const count = h("input", { type: "number", id: "dots-n", min: 1, max: 20, value: draft.votes ?? (wall.votes_per_participant || 3),
      oninput: () => { draft.votes = count.value; } });
    return h("fieldset", {}, h("legend", { text: t("dots_legend") }), h("form", { class: "form-row", novalidate: true, onsubmit: (event) => {
      event.preventDefault();
      const n = on.checked ? parseInt(count.value, 10) : 0;
      act("wall:set", { votes: Number.isNaN(n) ? -1 : n }, () => { draft.votes = null; return n ? plural(t, "dots_set", n) : t("dots_off"); });
    } }, h("label", { class: "inline", for: "dots-on" }, on, t("dots_on")),
    h("div", {}, h("label", { for: "dots-n", text: t("dots_n_label") }), count),
    h("button", { type: "submit", class: "small", id: "dots-apply", text: t("apply") })),
    !wall.open && wall.votes_per_participant > 0 ? h("p", { class: "hint", text: t("dots_need_wall") }) : null);
  }

  function recRow(rec) {
    const pick = h("input", { type: "checkbox", id: `pick-${rec.id}`, checked: draft.selected.has(rec.id), onchange: () => {
      if (pick.checked) draft.selected.add(rec.id); else draft.selected.delete(rec.id);
      draw();
    } });
    const meta = [groupName(rec.group), rec.votes ? plural(t, "dots_count", rec.votes) : null].filter(Boolean).join(" · ");
    const kept = rec.status === "kept";
    return h("article", { class: `console-rec ${rec.status}` },
      h("p", { class: "meta" }, h("label", { class: "inline", for: pick.id }, pick, t("pick")), ` ${meta}`,
        kept ? h("span", { class: "badge kept", text: t("kept") }) : null),
      h("p", { class: "text", text: rec.text }),
      rec.origins?.length ? h("ul", { class: "origins", "aria-label": t("origins") },
        rec.origins.map((o) => h("li", { text: t("origin", { text: o.text, group: groupName(o.group) }) }))) : null,
      h("div", { class: "actions" },
        button(kept ? t("unkeep") : t("keep"), `keep-${rec.id}`,
          () => act("recommendation:curate", { id: rec.id, status: kept ? "draft" : "kept" }), { class: "small", "aria-pressed": String(kept) }),
        button(t("move_rec"), `move-rec-${rec.id}`, () => {
          draft.moving = draft.moving?.id === rec.id ? null : { id: rec.id, target: rec.target, theme: rec.theme, other: "" };
          draw();
        }, { class: "small", "aria-expanded": String(draft.moving?.id === rec.id) })),
      draft.moving?.id === rec.id ? moveForm(rec) : null);
  }

  function moveForm(rec) {
    const m = draft.moving;
    const target = store.target(m.target);
    if (m.theme && m.theme !== OTHER && !target.themes.includes(m.theme)) { m.other = m.theme; m.theme = OTHER; }
    const select = (id, options, value, onchange) => {
      const node = h("select", { id: `${id}-${rec.id}`, onchange: () => onchange(node.value) }, options);
      node.value = value;
      return node;
    };
    const targetSelect = select("mv-target", store.targets.map((tg) => h("option", { value: tg.key, text: tg.title })), m.target,
      (value) => { m.target = value; m.theme = ""; draw(); });
    const themeSelect = select("mv-theme", [h("option", { value: "", text: t("no_theme") }),
      target.themes.map((name) => h("option", { value: name, text: name })), h("option", { value: OTHER, text: t("other_theme") })],
    m.theme || "", (value) => { m.theme = value; draw(); });
    const other = m.theme === OTHER ? h("input", { type: "text", id: `mv-other-${rec.id}`, maxlength: 120, value: m.other || "",
      oninput: (event) => { m.other = event.target.value; } }) : null;
    return h("form", { class: "move", novalidate: true, onsubmit: (event) => {
      event.preventDefault();
      const theme = m.theme === OTHER ? (m.other || "").trim() : m.theme;
      act("recommendation:curate", { id: rec.id, target: m.target, theme }, () => { draft.moving = null; return t("moved_rec"); });
    } }, h("div", {}, h("label", { for: targetSelect.id, text: t("target") }), targetSelect),
    h("div", {}, h("label", { for: themeSelect.id, text: t("theme") }), themeSelect),
    other ? h("div", {}, h("label", { for: other.id, text: t("other_theme_label") }), other) : null,
    h("button", { type: "submit", class: "small primary", id: `mv-go-${rec.id}`, text: t("move_go") }));
  }

  function mergeBox(chosen) {
    const m = draft.merging;
    const area = h("textarea", { id: "merge-text", rows: 5, maxlength: 1000, oninput: () => { m.text = area.value; } });
    area.value = m.text;
    const into = h("select", { id: "merge-into", onchange: () => { m.into = parseInt(into.value, 10); } }, chosen.map((rec) =>
      h("option", { value: String(rec.id), text: `${groupName(rec.group)} — ${store.target(rec.target).title} · ${rec.theme || t("no_theme")}` })));
    into.value = String(m.into);
    return h("form", { class: "merge-box", novalidate: true, onsubmit: (event) => {
      event.preventDefault();
      const ids = chosen.map((rec) => rec.id).filter((id) => id !== m.into);
      act("recommendation:merge", { into: m.into, ids, text: m.text }, () => {
        draft.merging = null;
        draft.selected.clear();
        return t("merged_done");
      });
    } }, h("h3", { text: t("merge_title", { n: chosen.length }) }),
    h("label", { for: "merge-text", text: t("merge_text") }), area,
    h("label", { for: "merge-into", text: t("merge_into") }), into,
    h("p", { class: "hint", text: t("merge_hint") }),
    h("div", { class: "form-row" }, h("button", { type: "submit", class: "primary", id: "merge-go", text: t("merge_go") }),
      button(t("cancel"), "merge-cancel", () => { draft.merging = null; draw(); })));
  }

  function recommendations(all, live) {
    if (!all.length) return h("p", { text: t("no_recs") });
    const merged = all.filter((rec) => rec.status === "merged");
    return h("div", { class: "console-recs" }, store.targets.map((tg) => {
      const items = live.filter((rec) => rec.target === tg.key);
      if (!items.length) return null;
      return [h("h3", { class: "target-title", text: `${tg.title} (${items.length})` }),
        [...new Set(items.map((rec) => rec.theme))].map((theme) => [h("h4", { class: "theme-title", text: theme || t("no_theme") }),
          items.filter((rec) => rec.theme === theme).map(recRow)])];
    }), merged.length ? h("details", {}, h("summary", { text: t("merged_n", { n: merged.length }) }), merged.map((rec) =>
      h("div", { class: "console-rec merged" }, h("p", { class: "text", text: rec.text }),
        h("p", { class: "meta", text: t("merged_into", { group: groupName(rec.group) }) })))) : null);
  }

  function draw() {
    if (!store.hasSnapshot) return;
    const { wall } = store;
    const all = store.list(() => true);
    const live = all.filter((rec) => rec.status !== "merged");
    const chosen = live.filter((rec) => draft.selected.has(rec.id));
    if (chosen.length < 2) draft.merging = null;
    redraw(panel, () => [h("h2", { id: "wall-title", text: t("recs_title", { n: live.length }) }),
      h("p", {}, button(wall.open ? t("close_wall") : t("open_wall"), "wall-open",
        () => act("wall:set", { open: !wall.open }, (ack) => (ack.wall.open ? t("wall_opened") : t("wall_closed"))),
        { "aria-pressed": String(wall.open), class: wall.open ? "" : "primary" }),
      " ", h("span", { class: "hint", text: wall.open ? t("wall_is_open") : t("wall_is_closed") })),
      dots(wall),
      h("p", {}, button(t("merge_selected", { n: chosen.length }), "merge", () => {
        draft.merging = { into: chosen[0].id, text: chosen.map((rec) => rec.text).join("\n") };
        draw();
        document.getElementById("merge-text").focus();
      }, { disabled: chosen.length < 2 })),
      draft.merging ? mergeBox(chosen) : null,
      recommendations(all, live)]);
  }

  store.subscribe((change) => { if (change.snapshot || ["groups", "recommendation", "wall", "ack"].includes(change.type)) draw(); });
  return panel;
}
