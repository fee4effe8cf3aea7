/* The console's mixed groups and recommendation wall.
 * Groups: form them by size or by count, move people by drag and drop or with the
 * « Déplacer vers… » list (keyboard), rename, add an empty group, re-form.
 * Wall: open it to the room, dot voting on or off with N dots, merge duplicates, mark kept,
 * move to another target or theme.
 * Both panels are rebuilt when the groups store changes, around forms made once (group
 * formation, names, dots) that keep what is typed; the control that had the focus keeps it. */
import { h, redraw, refresh } from "../core/dom.js";
import { plural, translator } from "../core/strings.js";
import { button, byTargetAndTheme, field, press } from "../staff/ui.js";

const t = translator("groups");
const OTHER = "__other__";

/* A field whose typed value outlives the panel's redraws, in draft[key]. */
function kept(draft, key, fallback, props, tag = "input") {
  const node = h(tag, { ...props, oninput: () => { draft[key] = node.value; } });
  node.value = draft[key] ?? fallback;
  return node;
}

const form = (props, onsubmit, ...children) => h("form", { ...props, novalidate: true, onsubmit: (event) => {
  event.preventDefault();
  onsubmit();
} }, children);

const options = (list) => list.map(([value, text]) => h("option", { value, text }));

export function groupsPanel(app) {
  const store = app.groups;
  const label = (kind, key) => app.labels[kind]?.[key] || String(key).replace(/^autre:/, "");
  const renames = new Map(); // group id → its rename form, kept with what is typed in it
  let people = new Map();
  let by = "size";

  function act(event, body, said) {
    return app.act(event, body, said).then((ack) => {
      if (ack.ok && ack.people) store.people = ack.people;
      if (ack.ok && ack.groups) { store.groups = ack.groups; store.acknowledge({}); }
      return ack;
    });
  }
  // someone joined since the snapshot (presence says more people than we know): ask again
  app.peopleJoined = (count) => { if (count > store.people.length) act("groups:list", {}).then(draw); };
  const move = (participant, group) => act("groups:move", { participant, group },
    () => t("moved", { name: group === null ? t("no_group") : store.groupName(group) }));

  /* Made once: what is typed and chosen stays through the panel's redraws. */
  const amount = h("input", { type: "number", id: "group-amount", max: 200, value: 6,
    min: () => (by === "size" ? 2 : 1) });
  const byKind = (kind) => h("label", { class: "inline", for: `by-${kind}` }, h("input", {
    type: "radio", name: "group-by", id: `by-${kind}`, value: kind, checked: kind === by, onchange: () => {
      by = kind;
      amount.value = kind === "size" ? 6 : Math.max(1, Math.round(people.size / 6));
      refresh(formation);
    } }), t(`by_${kind}`));
  const reform = () => {
    if (store.groups.length && store.recommendations.size && !window.confirm(t("confirm_reform"))) return;
    act("groups:form", { [by]: parseInt(amount.value, 10) }, (ack) => plural(t, "formed", ack.groups.length));
  };
  const formation = form({ class: "form-groups" }, reform, h("fieldset", {}, h("legend", { text: t("form_legend") }),
    h("div", {}, byKind("size"), byKind("count")),
    h("div", { class: "form-row" }, h("div", {}, h("label", { for: amount.id, text: () => t(`${by}_label`) }), amount),
      h("button", { type: "submit", class: "primary", id: "form-groups",
        text: () => t(store.groups.length ? "reform" : "form") }))),
  h("p", { class: "hint", text: t("mix_hint") }));
  const title = h("h2", { id: "groups-title", text: t("groups_title") });
  const panel = h("section", { class: "panel groups-panel", id: "groups",
    "aria-labelledby": "groups-title", dataset: { tab: "groups" } });

  function mix(members) {
    const distinct = (field) => new Set(members.map((id) => people.get(id)).filter(Boolean)
      .map((p) => (field === "organisation" ? (p.organisation || `#${p.id}`).trim().toLowerCase() : p[field]))).size;
    return [["mix_people", members.length], ["mix_orgs", distinct("organisation")],
      ["mix_types", distinct("organisation_type")], ["mix_professions", distinct("profession")]]
      .map(([key, n]) => plural(t, key, n)).join(" · ");
  }

  function groupCard(group, groups) {
    const card = h("section", { class: "console-group", "aria-label": group.name }, h("h3", { text: group.name }),
      h("p", { class: "mix", text: mix(group.members) }));
    if (group.id !== null) {
      const drop = (on) => card.classList.toggle("drop-target", on);
      card.addEventListener("dragover", (event) => { event.preventDefault(); drop(true); });
      card.addEventListener("dragleave", () => drop(false));
      card.addEventListener("drop", (event) => {
        event.preventDefault();
        drop(false);
        const id = parseInt(event.dataTransfer.getData("text/plain"), 10);
        if (id && !group.members.includes(id)) move(id, group.id);
      });
      if (!renames.has(group.id)) renames.set(group.id, rename(group));
      card.append(renames.get(group.id));
    }
    card.append(h("ul", { class: "members" }, group.members.map((id) => member(id, group, groups))));
    return card;
  }

  function rename({ id }) {
    const group = () => store.groups.find((g) => g.id === id) || { name: "" };
    const input = h("input", { type: "text", id: `name-${id}`, maxlength: 60, value: () => group().name });
    const place = h("input", { type: "text", id: `place-${id}`, maxlength: 60, placeholder: t("place_hint"),
      value: () => group().place ?? "" });
    const submit = () => act("groups:rename", { id, name: input.value, place: place.value }, t("renamed"));
    return form({ class: "rename" }, submit, h("label", { for: input.id, class: "visually-hidden",
      text: () => t("rename_label", { name: group().name }) }), input,
    h("label", { for: place.id, class: "place-label", text: () => t("place_label", { name: group().name }) }), place,
    h("button", { type: "submit", class: "small", id: `rename-${id}`, text: t("rename") }));
  }

  function member(id, group, groups) {
    const p = people.get(id) || {};
    const who = p.display_name || t("person_n", { n: id });
    const others = groups.filter((g) => g.id !== group.id).map((g) => [String(g.id), g.name]);
    const select = h("select", { id: `move-${id}`, onchange: () => {
      if (select.value !== "") move(id, select.value === "none" ? null : parseInt(select.value, 10));
    } }, options([["", t("move_to")], ...others, ...(group.id !== null ? [["none", t("no_group")]] : [])]));
    const what = [p.organisation || t("no_organisation"), label("types", p.organisation_type),
      label("professions", p.profession)].join(" · ");
    const item = h("li", { draggable: "true" }, h("p", { class: "who", text: who }),
      h("p", { class: "what", text: what }),
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
    people = new Map(store.people.map((p) => [p.id, p]));
    redraw(panel, () => {
      const head = [title, formation];
      if (!groups.length) return [head, h("p", { text: plural(t, "no_groups_yet", people.size) })];
      const grouped = new Set(groups.flatMap((g) => g.members));
      const loose = [...people.keys()].filter((id) => !grouped.has(id));
      const unplaced = { id: null, name: t("no_group"), members: loose };
      return [head, h("div", { class: "console-groups" }, groups.map((g) => groupCard(g, groups)),
        loose.length ? groupCard(unplaced, groups) : null),
      h("p", {}, button(t("add_group"), () => act("groups:add", {}), { id: "add-group" }))];
    });
    refresh(panel);
  }

  store.subscribe((change) => {
    if (change.type === "groups") act("groups:list", {}); // the room's event has no member: ask who
    if (change.snapshot || change.type === "groups" || change.type === "ack") draw();
  });
  return panel;
}

export function wallPanel(app) {
  const draft = { selected: new Set(), merging: null, moving: null };
  const panel = h("section", { class: "panel groups-panel wall-panel", id: "wall",
    "aria-labelledby": "wall-title", dataset: { tab: "groups" } });
  const store = app.groups;
  const groupName = (id) => store.groupName(id) ?? t("no_group");
  const small = (text, id, onclick, props) => button(text, onclick, { id, class: "small", ...props });
  const redrawn = (change) => () => { change(); draw(); };

  /* Dot voting: made once, so what is ticked and typed stays until applied. */
  const votes = () => store.wall.votes_per_participant;
  const on = h("input", { type: "checkbox", id: "dots-on", checked: () => votes() > 0 });
  const count = h("input", { type: "number", id: "dots-n", min: 1, max: 20, value: () => votes() || 3 });
  const setDots = () => {
    const n = on.checked ? parseInt(count.value, 10) : 0;
    app.act("wall:set", { votes: Number.isNaN(n) ? -1 : n }, n ? plural(t, "dots_set", n) : t("dots_off"));
  };
  const dots = h("fieldset", {}, h("legend", { text: t("dots_legend") }), form({ class: "form-row" }, setDots,
    h("label", { class: "inline", for: "dots-on" }, on, t("dots_on")), field(t("dots_n_label"), count),
    h("button", { type: "submit", class: "small", id: "dots-apply", text: t("apply") })),
  h("p", { class: "hint", text: t("dots_need_wall"), hidden: () => store.wall.open || !votes() }));

  function recRow(rec) {
    const pick = h("input", { type: "checkbox", id: `pick-${rec.id}`, checked: draft.selected.has(rec.id),
      onchange: redrawn(() => draft.selected[pick.checked ? "add" : "delete"](rec.id)) });
    const meta = [groupName(rec.group), rec.votes ? plural(t, "dots_count", rec.votes) : null].filter(Boolean).join(" · ");
    const isKept = rec.status === "kept";
    const moving = draft.moving?.id === rec.id;
    const origins = (rec.origins || []).map((o) => h("li",
      { text: t("origin", { text: o.text, group: groupName(o.group) }) }));
    return h("article", { class: `console-rec ${rec.status}` },
      h("p", { class: "meta" }, h("label", { class: "inline", for: pick.id }, pick, t("pick")), ` ${meta}`,
        isKept ? h("span", { class: "badge kept", text: t("kept") }) : null),
      h("p", { class: "text", text: rec.text }),
      origins.length ? h("ul", { class: "origins", "aria-label": t("origins") }, origins) : null,
      h("div", { class: "actions" },
        small(t(isKept ? "unkeep" : "keep"), `keep-${rec.id}`,
          () => app.act("recommendation:curate", { id: rec.id, status: isKept ? "draft" : "kept" }),
          { "aria-pressed": String(isKept) }),
        small(t("move_rec"), `move-rec-${rec.id}`, redrawn(() => {
          draft.moving = moving ? null : { id: rec.id, target: rec.target, theme: rec.theme, other: "" };
        }), { "aria-expanded": String(moving) })),
      moving ? moveForm(rec) : null);
  }

  function moveForm(rec) {
    const m = draft.moving;
    const target = store.target(m.target);
    if (m.theme && m.theme !== OTHER && !target.themes.includes(m.theme)) { m.other = m.theme; m.theme = OTHER; }
    const select = (id, list, value, onchange) => {
      const node = h("select", { id: `${id}-${rec.id}`, onchange: redrawn(() => onchange(node.value)) }, options(list));
      node.value = value;
      return node;
    };
    const targets = select("mv-target", store.targets.map((tg) => [tg.key, tg.title]), m.target,
      (value) => { m.target = value; m.theme = ""; });
    const themes = select("mv-theme", [["", t("no_theme")], ...target.themes.map((name) => [name, name]),
      [OTHER, t("other_theme")]], m.theme || "", (value) => { m.theme = value; });
    const other = m.theme !== OTHER ? null
      : kept(m, "other", "", { type: "text", id: `mv-other-${rec.id}`, maxlength: 120 });
    const submit = () => {
      const theme = m.theme === OTHER ? (m.other || "").trim() : m.theme;
      app.act("recommendation:curate", { id: rec.id, target: m.target, theme }, () => {
        draft.moving = null;
        return t("moved_rec");
      });
    };
    return form({ class: "move" }, submit, field(t("target"), targets), field(t("theme"), themes),
      other ? field(t("other_theme_label"), other) : null,
      h("button", { type: "submit", class: "small primary", id: `mv-go-${rec.id}`, text: t("move_go") }));
  }

  function mergeBox(chosen) {
    const m = draft.merging;
    const area = kept(m, "text", "", { id: "merge-text", rows: 5, maxlength: 1000 }, "textarea");
    const into = h("select", { id: "merge-into", onchange: () => { m.into = parseInt(into.value, 10); } },
      options(chosen.map((rec) => [String(rec.id),
        `${groupName(rec.group)} — ${store.target(rec.target).title} · ${rec.theme || t("no_theme")}`])));
    into.value = String(m.into);
    const submit = () => {
      const ids = chosen.map((rec) => rec.id).filter((id) => id !== m.into);
      app.act("recommendation:merge", { into: m.into, ids, text: m.text }, () => {
        draft.merging = null;
        draft.selected.clear();
        return t("merged_done");
      });
    };
    return form({ class: "merge-box" }, submit, h("h3", { text: t("merge_title", { n: chosen.length }) }),
      h("label", { for: "merge-text", text: t("merge_text") }), area,
      h("label", { for: "merge-into", text: t("merge_into") }), into,
      h("p", { class: "hint", text: t("merge_hint") }),
      h("div", { class: "form-row" },
        h("button", { type: "submit", class: "primary", id: "merge-go", text: t("merge_go") }),
        button(t("cancel"), redrawn(() => { draft.merging = null; }), { id: "merge-cancel" })));
  }

  function recommendations(all, live) {
    if (!all.length) return h("p", { text: t("no_recs") });
    const merged = all.filter((rec) => rec.status === "merged").map((rec) => h("div", { class: "console-rec merged" },
      h("p", { class: "text", text: rec.text }),
      h("p", { class: "meta", text: t("merged_into", { group: groupName(rec.group) }) })));
    return h("div", { class: "console-recs" }, byTargetAndTheme(store.targets, live).map(({ target, items, themes }) =>
      (items.length ? [h("h3", { class: "target-title", text: `${target.title} (${items.length})` }),
        themes.map((group) => [h("h4", { class: "theme-title", text: group.theme || t("no_theme") }),
          group.items.map(recRow)])] : null)),
    merged.length ? h("details", {}, h("summary", { text: t("merged_n", { n: merged.length }) }), merged) : null);
  }

  function draw() {
    if (!store.hasSnapshot) return;
    const { wall } = store;
    const all = store.list(() => true);
    const live = all.filter((rec) => rec.status !== "merged");
    const chosen = live.filter((rec) => draft.selected.has(rec.id));
    if (chosen.length < 2) draft.merging = null;
    const open = button(t(wall.open ? "close_wall" : "open_wall"),
      () => app.act("wall:set", { open: !wall.open }, (ack) => t(ack.wall.open ? "wall_opened" : "wall_closed")),
      { id: "wall-open", class: wall.open ? "" : "primary" });
    press(open, wall.open);
    const merge = button(t("merge_selected", { n: chosen.length }), () => {
      draft.merging = { into: chosen[0].id, text: chosen.map((rec) => rec.text).join("\n") };
      draw();
      document.getElementById("merge-text").focus();
    }, { id: "merge", disabled: chosen.length < 2 });
    redraw(panel, () => [h("h2", { id: "wall-title", text: t("recs_title", { n: live.length }) }),
      h("p", {}, open, " ", h("span", { class: "hint", text: t(wall.open ? "wall_is_open" : "wall_is_closed") })),
      dots, h("p", {}, merge), draft.merging ? mergeBox(chosen) : null, recommendations(all, live)]);
    refresh(panel);
  }

  store.subscribe((change) => {
    if (change.snapshot || ["groups", "recommendation", "wall", "ack"].includes(change.type)) draw();
  });
  return panel;
}
