/* The console's mixed groups and recommendation wall.
 * Groups: form them by size or by count, move people by drag and drop or with the
 * « Déplacer vers… » list (keyboard), rename, add an empty group, re-form.
 * Wall: open it to the room, dot voting on or off with N dots, merge duplicates, mark kept,
 * move to another target or theme.
 * Both panels are the templates' (templates/groups/_console.html), their forms made once
 * (group formation, names, dots, merge) so they keep what is typed; the lists in them are
 * rebuilt when the groups store changes, and the control that had the focus keeps it. */
import { h, redraw, refresh, stamp } from "../core/dom.js";
import { plural, translator } from "../core/strings.js";
import { byTargetAndTheme } from "../staff/ui.js";

const t = translator("groups");
const OTHER = "__other__";

/* A form's submit listener: the page stays, fn() sends. */
const submitted = (fn) => (event) => {
  event.preventDefault();
  fn();
};

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

  const choose = (kind) => () => {
    by = kind;
    refs.amount.value = kind === "size" ? 6 : Math.max(1, Math.round(people.size / 6));
    refresh(panel);
  };
  const reform = () => {
    if (store.groups.length && store.recommendations.size && !window.confirm(t("confirm_reform"))) return;
    const amount = parseInt(refs.amount.value, 10);
    act("groups:form", { [by]: amount }, (ack) => plural(t, "formed", ack.groups.length));
  };
  const [panel, refs] = stamp("tpl-groups", {
    formation: { onsubmit: submitted(reform) },
    size: { onchange: choose("size") },
    count: { onchange: choose("count") },
    amount: { min: () => (by === "size" ? 2 : 1) },
    amountLabel: { text: () => t(`${by}_label`) },
    submit: { text: () => t(store.groups.length ? "reform" : "form") },
    empty: { hidden: () => store.groups.length > 0, text: () => plural(t, "no_groups_yet", people.size) },
    more: { hidden: () => !store.groups.length },
    add: { onclick: () => act("groups:add", {}) },
  });

  function mix(members) {
    const distinct = (field) => new Set(members.map((id) => people.get(id)).filter(Boolean)
      .map((p) => (field === "organisation" ? (p.organisation || `#${p.id}`).trim().toLowerCase() : p[field]))).size;
    return [["mix_people", members.length], ["mix_orgs", distinct("organisation")],
      ["mix_types", distinct("organisation_type")], ["mix_professions", distinct("profession")]]
      .map(([key, n]) => plural(t, key, n)).join(" · ");
  }

  function groupCard(group, groups) {
    const drop = (on) => card.classList.toggle("drop-target", on);
    const [card, parts] = stamp("tpl-group", { card: { "aria-label": group.name }, name: { text: group.name },
      mix: { text: mix(group.members) } });
    if (group.id !== null) {
      card.addEventListener("dragover", (event) => { event.preventDefault(); drop(true); });
      card.addEventListener("dragleave", () => drop(false));
      card.addEventListener("drop", (event) => {
        event.preventDefault();
        drop(false);
        const id = parseInt(event.dataTransfer.getData("text/plain"), 10);
        if (id && !group.members.includes(id)) move(id, group.id);
      });
      if (!renames.has(group.id)) renames.set(group.id, rename(group));
      parts.members.before(renames.get(group.id));
    }
    parts.members.append(...group.members.map((id) => member(id, group, groups)));
    return card;
  }

  function rename({ id }) {
    const group = () => store.groups.find((g) => g.id === id) || { name: "" };
    const [form, parts] = stamp("tpl-group-rename", {
      form: { onsubmit: submitted(() => act("groups:rename", { id, name: parts.name.value,
        place: parts.place.value }, t("renamed"))) },
      nameLabel: { for: `name-${id}`, text: () => t("rename_label", { name: group().name }) },
      name: { id: `name-${id}`, value: () => group().name },
      placeLabel: { for: `place-${id}`, text: () => t("place_label", { name: group().name }) },
      place: { id: `place-${id}`, value: () => group().place ?? "" },
      save: { id: `rename-${id}` },
    });
    return form;
  }

  function member(id, group, groups) {
    const p = people.get(id) || {};
    const who = p.display_name || t("person_n", { n: id });
    const others = groups.filter((g) => g.id !== group.id).map((g) => [String(g.id), g.name]);
    const what = [p.organisation || t("no_organisation"), label("types", p.organisation_type),
      label("professions", p.profession)].join(" · ");
    const [item, parts] = stamp("tpl-member", {
      item: { ondragstart: (event) => {
        event.dataTransfer.setData("text/plain", String(id));
        event.dataTransfer.effectAllowed = "move";
        item.classList.add("dragging");
      }, ondragend: () => item.classList.remove("dragging") },
      who: { text: who },
      what: { text: what },
      label: { for: `move-${id}`, text: t("move_label", { who }) },
      select: { id: `move-${id}`, onchange: () => {
        const to = parts.select.value;
        if (to !== "") move(id, to === "none" ? null : parseInt(to, 10));
      } },
    });
    parts.select.append(...options([...others, ...(group.id !== null ? [["none", t("no_group")]] : [])]));
    return item;
  }

  function draw() {
    if (!store.hasSnapshot) return;
    const { groups } = store;
    people = new Map(store.people.map((p) => [p.id, p]));
    const grouped = new Set(groups.flatMap((g) => g.members));
    const loose = [...people.keys()].filter((id) => !grouped.has(id));
    const unplaced = { id: null, name: t("no_group"), members: loose };
    redraw(refs.list, () => (groups.length ? [groups.map((g) => groupCard(g, groups)),
      loose.length ? groupCard(unplaced, groups) : null] : []));
    refresh(panel);
  }

  store.subscribe((change) => {
    if (change.type === "groups") act("groups:list", {}); // the room's event has no member: ask who
    if (change.snapshot || change.type === "groups" || change.type === "ack") draw();
  });
  return panel;
}

export function wallPanel(app) {
  const draft = { selected: new Set(), merging: false, moving: null };
  const store = app.groups;
  const groupName = (id) => store.groupName(id) ?? t("no_group");
  const redrawn = (change) => () => { change(); draw(); };
  const votes = () => store.wall.votes_per_participant;
  const chosen = () => store.list((rec) => rec.status !== "merged" && draft.selected.has(rec.id));

  const setDots = () => {
    const n = refs.on.checked ? parseInt(refs.count.value, 10) : 0;
    app.act("wall:set", { votes: Number.isNaN(n) ? -1 : n }, n ? plural(t, "dots_set", n) : t("dots_off"));
  };
  const startMerge = () => {
    draft.merging = true;
    refs.mergeInto.replaceChildren(); // its first choice: the first picked
    refs.mergeText.value = chosen().map((rec) => rec.text).join("\n");
    draw();
    refs.mergeText.focus();
  };
  const merge = () => {
    const into = parseInt(refs.mergeInto.value, 10);
    const ids = chosen().map((rec) => rec.id).filter((id) => id !== into);
    app.act("recommendation:merge", { into, ids, text: refs.mergeText.value }, () => {
      draft.merging = false;
      draft.selected.clear();
      return t("merged_done");
    });
  };
  const [panel, refs] = stamp("tpl-wall", {
    title: { text: () => t("recs_title", { n: store.list((rec) => rec.status !== "merged").length }) },
    open: { onclick: () => app.act("wall:set", { open: !store.wall.open },
      (ack) => t(ack.wall.open ? "wall_opened" : "wall_closed")),
    text: () => t(store.wall.open ? "close_wall" : "open_wall"),
    class: () => (store.wall.open ? "" : "primary"),
    "aria-pressed": () => String(store.wall.open) },
    state: { text: () => t(store.wall.open ? "wall_is_open" : "wall_is_closed") },
    dots: { onsubmit: submitted(setDots) },
    on: { checked: () => votes() > 0 },
    count: { value: () => votes() || 3 },
    needWall: { hidden: () => store.wall.open || !votes() },
    merge: { onclick: startMerge, disabled: () => chosen().length < 2,
      text: () => t("merge_selected", { n: chosen().length }) },
    mergeBox: { onsubmit: submitted(merge), hidden: () => !draft.merging },
    mergeTitle: { text: () => t("merge_title", { n: chosen().length }) },
    mergeCancel: { onclick: redrawn(() => { draft.merging = false; }) },
  });

  function recRow(rec) {
    const isKept = rec.status === "kept";
    const moving = draft.moving?.id === rec.id;
    const [row, parts] = stamp("tpl-rec", {
      rec: { class: `console-rec ${rec.status}` },
      pickLabel: { for: `pick-${rec.id}` },
      pick: { id: `pick-${rec.id}`, checked: draft.selected.has(rec.id), onchange: redrawn(() => {
        draft.selected[parts.pick.checked ? "add" : "delete"](rec.id);
      }) },
      meta: { text: [groupName(rec.group), rec.votes ? plural(t, "dots_count", rec.votes) : null]
        .filter(Boolean).join(" · ") },
      text: { text: rec.text },
      keep: { id: `keep-${rec.id}`, text: t(isKept ? "unkeep" : "keep"), "aria-pressed": String(isKept),
        onclick: () => app.act("recommendation:curate", { id: rec.id, status: isKept ? "draft" : "kept" }) },
      move: { id: `move-rec-${rec.id}`, "aria-expanded": String(moving), onclick: redrawn(() => {
        draft.moving = moving ? null : { id: rec.id, target: rec.target, theme: rec.theme, other: "" };
      }) },
    });
    if (!isKept) parts.kept.remove();
    const origins = (rec.origins || []).map((o) => h("li",
      { text: t("origin", { text: o.text, group: groupName(o.group) }) }));
    if (origins.length) parts.origins.append(...origins);
    else parts.origins.remove();
    if (moving) row.append(moveForm(rec));
    return row;
  }

  function moveForm(rec) {
    const m = draft.moving;
    const target = store.target(m.target);
    if (m.theme && m.theme !== OTHER && !target.themes.includes(m.theme)) { m.other = m.theme; m.theme = OTHER; }
    const id = (name) => ({ id: `${name}-${rec.id}` });
    const submit = () => {
      const theme = m.theme === OTHER ? m.other.trim() : m.theme;
      app.act("recommendation:curate", { id: rec.id, target: m.target, theme }, () => {
        draft.moving = null;
        return t("moved_rec");
      });
    };
    const [form, parts] = stamp("tpl-rec-move", {
      form: { onsubmit: submitted(submit) },
      targetLabel: { for: `mv-target-${rec.id}` },
      target: { ...id("mv-target"), onchange: redrawn(() => {
        m.target = parts.target.value;
        m.theme = "";
      }) },
      themeLabel: { for: `mv-theme-${rec.id}` },
      theme: { ...id("mv-theme"), onchange: redrawn(() => { m.theme = parts.theme.value; }) },
      otherLabel: { for: `mv-other-${rec.id}` },
      other: { ...id("mv-other"), oninput: () => { m.other = parts.other.value; } },
      go: id("mv-go"),
    });
    parts.target.append(...options(store.targets.map((tg) => [tg.key, tg.title])));
    parts.theme.append(...options([["", t("no_theme")], ...target.themes.map((name) => [name, name]),
      [OTHER, t("other_theme")]]));
    parts.target.value = m.target;
    parts.theme.value = m.theme || "";
    parts.other.value = m.other;
    if (m.theme !== OTHER) parts.otherField.remove();
    return form;
  }

  function recommendations(all, live) {
    const merged = all.filter((rec) => rec.status === "merged").map((rec) => stamp("tpl-rec-merged", {
      text: { text: rec.text }, meta: { text: t("merged_into", { group: groupName(rec.group) }) } })[0]);
    return [byTargetAndTheme(store.targets, live).map(({ target, items, themes }) =>
      (items.length ? [h("h3", { class: "target-title", text: `${target.title} (${items.length})` }),
        themes.map((group) => [h("h4", { class: "theme-title", text: group.theme || t("no_theme") }),
          group.items.map(recRow)])] : null)),
    merged.length ? h("details", {}, h("summary", { text: t("merged_n", { n: merged.length }) }), merged)
      : null];
  }

  function draw() {
    if (!store.hasSnapshot) return;
    const all = store.list(() => true);
    const live = all.filter((rec) => rec.status !== "merged");
    const picked = chosen();
    if (picked.length < 2) draft.merging = false;
    if (draft.merging) {
      const into = refs.mergeInto.value;
      refs.mergeInto.replaceChildren(...options(picked.map((rec) => [String(rec.id),
        `${groupName(rec.group)} — ${store.target(rec.target).title} · ${rec.theme || t("no_theme")}`])));
      if (picked.some((rec) => String(rec.id) === into)) refs.mergeInto.value = into;
    }
    refs.none.hidden = all.length > 0;
    redraw(refs.recs, () => recommendations(all, live));
    refresh(panel);
  }

  store.subscribe((change) => {
    if (change.snapshot || ["groups", "recommendation", "wall", "ack"].includes(change.type)) draw();
  });
  return panel;
}
