/* Group drafting on the phone: my group and its members, our recommendations (add through
 * the outbox, edit, merge an edit conflict by hand), and once the facilitator opens it the
 * wall of every group with dots (also through the outbox).
 *
 * Shown when the current sequence is « group_drafting », or — whatever the sequence — when
 * the person is in a group and the projection shows the groups or the wall
 * (docs/decisions.md). */
import { h, keyed, presentIf, setText, stamp } from "../core/dom.js";
import { contentLang, excerpt, plural, translator } from "../core/strings.js";
import { boxOf } from "./drafts.js";
import { textField } from "./parts.js";

const t = translator("groups");
const TEXT_MAX = 1000;
const OTHER = "__other__";
const BOX = boxOf("recommendation:add", {});

export function claimsThePhone(app) {
  const state = app.room.state;
  return state.activity === "group_drafting"
    || (Boolean(app.groups.myGroup) && (state.view === "groups" || state.view === "wall"));
}

export function groupsView(app) {
  const groups = app.groups;
  const group = () => groups.myGroup;
  let tab = "group";
  const compose = { target: null, theme: "", other: "", text: app.drafts.text(BOX) ?? "" };
  let editing = null;   // {id, base: version, text, target, theme, other, conflict?}
  const visible = () => groups.list((rec) => rec.status !== "merged");
  const own = () => groups.list((rec) => groups.ours(rec));
  const ours = () => [...app.outbox.pending("recommendation:add", groups.recommendations.values())
    .map((rec) => ({ ...rec, status: "draft" })), ...own()];
  const dots = () => groups.wall.votes_per_participant;
  const drafting = () => Boolean(group()) && tab === "group";
  const members = () => group().members.length;
  const show = (name) => ({ "aria-pressed": () => String(tab === name),
                            onclick: () => { tab = name; app.refresh(); } });

  // the view's markup is groups/_phone.html's; only what changes is bound here
  const [node, refs] = stamp("tpl-groups", {
    heading: { text: () => (group() ? group().name : t("drafting_title")) },
    kicker: { hidden: () => !group() },
    members: { hidden: () => !group() },
    count: { text: () => group() && t(members() === 1 ? "members_one" : "members_n", { n: members() }) },
    noGroup: { hidden: () => Boolean(group()) },
    tabs: { hidden: () => !group() || !groups.wall.open },
    tabGroup: show("group"),
    tabWall: { ...show("wall"), text: () => t("tab_wall", { n: visible().length }) },
    locked: { hidden: () => !drafting() || !app.room.state.locked },
    compose: { hidden: () => !drafting() || app.room.state.locked },
    lists: { hidden: () => !group() },
    ours: { hidden: () => tab !== "group" },
    oursTitle: { text: () => t("ours_n", { n: own().length }) },
    oursEmpty: { hidden: () => ours().length > 0 },
    wall: { hidden: () => tab !== "wall" },
    dotsLeft: { hidden: () => dots() <= 0,
                text: () => dots() > 0 && plural(t, "dots_left", dotsLeft(), { total: dots() }) },
    wallEmpty: { hidden: () => visible().length > 0 },
  });
  const composeRefused = composeForm(refs.compose, refs.add);

  /* ---------- Target radios (one per target, in the template) and theme ---------- */
  /* The theme is one of the target's themes, or a free one (« Autre thème… »). */
  function targetFields(prefix, state) {
    if (!state.target && groups.targets.length) state.target = groups.targets[0].key;
    if (state.theme && state.theme !== OTHER && !groups.target(state.target).themes.includes(state.theme)) {
      state.other = state.theme;
      state.theme = OTHER;
    }
    const [box, fields] = stamp("tpl-target-fields", {
      themeLabel: { for: `${prefix}-theme` },
      theme: { id: `${prefix}-theme`, onchange: () => { state.theme = fields.theme.value; other(); } },
      otherLabel: { for: `${prefix}-other` },
      other: { id: `${prefix}-other`, value: state.other || "",
               oninput: () => { state.other = fields.other.value; } },
    });
    const other = () => presentIf(fields.otherBox, state.theme === OTHER,
      () => fields.theme.after(fields.otherBox));
    for (const radio of fields.targets.querySelectorAll("input")) {
      radio.name = `${prefix}-target`;
      radio.checked = radio.value === state.target;
      radio.addEventListener("change", () => { state.target = radio.value; state.theme = ""; themes(); });
    }

    function themes() {
      const names = groups.target(state.target).themes;
      const options = names.map((name) => h("option", { value: name, text: name, lang: contentLang() }));
      fields.theme.replaceChildren(fields.noTheme, ...options, fields.otherTheme);
      fields.theme.value = state.theme || "";
      other();
    }
    themes();
    return box;
  }

  function themeValue(state) {
    return state.theme === OTHER ? (state.other || "").trim() : state.theme || "";
  }

  /* The recommendation's text box, kept in state.text as it is typed. */
  function textArea(id, label, state) {
    const field = textField({ id, label, max: TEXT_MAX, rows: 4 });
    field.set(state.text || "");
    field.area.addEventListener("input", () => { state.text = field.area.value; });
    return field;
  }

  /* The new recommendation's text is kept as a draft until sent (drafts.js); refused, it
   * comes back with the reason under the box (what the returned function shows). */
  function composeForm(form, submit) {
    const text = textArea("rec-text", t("text"), compose);
    text.area.addEventListener("input", () => app.drafts.keep(BOX, compose.text));
    submit.before(targetFields("new", compose), ...text.nodes);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const value = (compose.text || "").trim();
      if (!value) { text.fail(t("empty_text")); return; }
      const data = { target: compose.target, theme: themeValue(compose), text: value };
      compose.text = "";
      text.set("");
      app.drafts.drop(BOX);
      app.send("recommendation:add", data, { queued: t("queued") });
    });
    return () => {
      const refused = app.drafts.refusal(BOX);
      if (!refused) return;
      compose.text = app.drafts.text(BOX) ?? "";
      text.set(compose.text);
      text.fail(refused);
    };
  }

  /* ---------- Our recommendations, under each target's title ---------- */
  function byTarget(container, items, fill) {
    const present = groups.targets.filter((target) => items.some((rec) => rec.target === target.key));
    keyed(container, present, (target) => target.key,
      (target) => h("div", {}, h("h3", { class: "target-title", lang: contentLang(), text: target.title }),
        h("div", { class: "target-items" })),
      (box, target) => fill(box.querySelector(".target-items"), items.filter((rec) => rec.target === target.key)));
  }

  function recList(container, items) {
    const list = container.firstElementChild || container.appendChild(h("ul", { class: "recs" }));
    keyed(list, items, (rec) => rec.id, () => h("li", {}), recItem);
  }

  /* A recommendation shows as an article, or the form that edits it (or merges an edit
   * conflict); li.rec is the recommendation as it is now. */
  function recItem(li, rec) {
    li.rec = rec;
    const open = editing?.id === rec.id && (editing.conflict || rec.status !== "merged");
    const mode = !open ? "view" : editing.conflict ? "conflict" : "edit";
    if (li.dataset.mode === mode) return;
    li.dataset.mode = mode;
    li.replaceChildren(mode === "view" ? recArticle(li) : editForm(li));
  }

  function recArticle(li) {
    const rec = () => li.rec;
    const badge = () => (rec().pending ? t("pending") : { kept: t("kept"), merged: t("merged") }[rec().status]);
    return stamp("tpl-rec", {
      article: { class: () => `rec ${rec().status}${rec().pending ? " pending" : ""}` },
      theme: { lang: () => (rec().theme ? contentLang() : null), text: () => rec().theme || t("no_theme") },
      text: { text: () => rec().text },
      badges: { hidden: () => !badge() },
      badge: { class: () => `badge${rec().status === "kept" ? " kept" : ""}`, text: badge },
      edit: {
        id: () => `edit-${rec().id}`, "aria-label": () => `${t("edit")} : ${excerpt(rec().text)}`,
        hidden: () => rec().pending || rec().status === "merged" || app.room.state.locked,
        onclick: () => {
          const { id, version, text, target, theme } = rec();
          editing = { id, base: version, text, target, theme, other: "" };
          app.refresh();
          document.getElementById(`edit-text-${id}`)?.focus();
        },
      },
    })[0];
  }

  /* The form that changes a recommendation: its text, target and theme; after an edit
   * conflict, both versions to merge by hand, and the text alone. */
  function editForm(li) {
    const state = editing;
    const { id } = li.rec;
    const merging = state.conflict;
    const current = li.rec;  // merging: the version saved meanwhile
    const field = textArea(`${merging ? "merge" : "edit"}-text-${id}`, t(merging ? "merged_text" : "text"), state);
    const cancel = { onclick: () => { editing = null; app.refresh(); focusEdit(id); } };
    const putBoth = () => {
      state.text = `${current.text}\n${merging.yours}`;
      field.set(state.text);
      field.area.focus();
    };
    const [form, refs] = merging
      ? stamp("tpl-rec-conflict", { cancel, theirs: { text: current.text }, yours: { text: merging.yours },
        theme: { text: `${groups.target(current.target).title} · ${current.theme || t("no_theme")}` },
        putBoth: { onclick: putBoth } })
      : stamp("tpl-rec-edit", { cancel, changed: { hidden: () => li.rec.version === state.base } });
    refs.actions.before(...field.nodes, ...(merging ? [] : [targetFields(`edit-${id}`, state)]));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = (state.text || "").trim();
      if (!text) field.fail(t("empty_text"));
      else if (merging) saveEdit(id, current.version, { text }, field);
      else saveEdit(id, state.base, { text, target: state.target, theme: themeValue(state) }, field);
    });
    return form;
  }

  /* Saved, or changed meanwhile by someone else (stale_version): then both versions are
   * shown to be merged; any other refusal is said under the text box. */
  function saveEdit(id, version, change, field) {
    app.live.emit("recommendation:edit", { id, version, ...change }).then((ack) => {
      if (ack.ok) {
        editing = null;
        groups.keep(ack.recommendation);
        app.refresh();
        app.announce(t("saved"));
        focusEdit(id);
      } else if (ack.error.code === "stale_version") {
        const { current, attempted } = ack.error;
        editing = { id, text: attempted.text || current.text, conflict: { yours: attempted.text || "" } };
        groups.keep(current);
        app.refresh();
        document.getElementById(`merge-text-${id}`)?.focus();
      } else {
        field.fail(ack.error.message);
      }
    }, () => field.fail(t("offline")));
  }

  function focusEdit(id) {
    document.getElementById(`edit-${id}`)?.focus();
  }

  /* ---------- The wall, by target then theme, with dots ---------- */
  function myDots(rec) {
    return app.outbox.waiting(`dots:${rec.id}`)?.data.count ?? groups.myVotes[rec.id] ?? 0;
  }

  function dotsLeft() {
    const used = [...groups.recommendations.values()].reduce((sum, rec) => sum + myDots(rec), 0);
    return dots() - used;
  }

  function vote(rec, count) {
    app.send("recommendation:vote", { id: rec.id, count }, { slot: `dots:${rec.id}` });
    app.announce(plural(t, "dots_left", dotsLeft(), { total: dots() }));
  }

  function wallThemes(container, items) {
    const themes = [...new Set(items.map((rec) => rec.theme))];
    keyed(container, themes, (theme) => theme || "", (theme) => h("div", {},
      h("h4", { class: "theme-title", lang: theme ? contentLang() : null, text: theme || t("no_theme") }),
      h("ul", { class: "recs" })),
    (box, theme) => keyed(box.querySelector("ul"), items.filter((rec) => rec.theme === theme), (rec) => rec.id,
      wallItem, (li, rec) => { li.rec = rec; }));
  }

  function wallItem(first) {
    const rec = () => li.rec;
    const mine = () => groups.ours(rec());
    const dot = (action, delta, disabled) => ({
      id: `dot-${action}-${first.id}`, disabled, onclick: () => vote(rec(), myDots(rec()) + delta),
      "aria-label": () => t(`dot_${action}_for`, { text: excerpt(rec().text) }),
    });
    const [li] = stamp("tpl-wall-rec", {
      article: { class: () => `rec ${rec().status}${mine() ? " ours" : ""}` },
      group: { text: () => (mine() ? t("our_group") : groups.groupName(rec().group) || t("no_group_name")) },
      text: { text: () => rec().text },
      badges: { hidden: () => rec().status !== "kept" },
      dots: { hidden: () => dots() <= 0, "aria-label": () => t("dots_on", { n: myDots(rec()) }) },
      remove: dot("remove", -1, () => myDots(rec()) <= 0),
      count: { text: () => `● ${myDots(rec())}` },
      add: dot("add", 1, () => dotsLeft() <= 0),
    });
    return li;
  }

  /* ---------- Patch the lists in place (the rest follows by its live props) ---------- */
  function update() {
    if (!groups.wall.open) tab = "group";
    if (!group()) return;
    if (drafting()) composeRefused();
    keyed(refs.names, group().members.map((m, i) => ({ ...m, key: i })), (m) => m.key,
      () => h("li", {}, h("strong", {})),
      (li, m) => setText(li.firstChild, (m.name || t("no_name")) + (m.me ? ` (${t("you")})` : "")));
    if (tab === "group") byTarget(refs.oursList, ours(), recList);
    else byTarget(refs.wallList, visible(), wallThemes);
  }

  return { node, heading: refs.heading, update };
}
