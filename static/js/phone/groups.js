/* Group drafting on the phone: my group and its members, our recommendations (add through
 * the outbox, edit, merge an edit conflict by hand), and once the facilitator opens it the
 * wall of every group with dots (also through the outbox).
 *
 * Shown when the current sequence is « group_drafting », or — whatever the sequence — when
 * the person is in a group and the projection shows the groups or the wall
 * (docs/decisions.md). */
import { h, keyed, redraw, setText } from "../core/dom.js";
import { plural, translator } from "../core/strings.js";
import { boxOf } from "./drafts.js";
import { textField } from "./parts.js";

const t = translator("groups");
const TEXT_MAX = 1000;
const THEME_MAX = 120;
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
  let composeRefused = null;   // shows a refused recommendation back in its box
  const visible = () => groups.list((rec) => rec.status !== "merged");
  const own = () => groups.list((rec) => groups.ours(rec));
  const ours = () => [...app.outbox.pending("recommendation:add", groups.recommendations.values())
    .map((rec) => ({ ...rec, status: "draft" })), ...own()];
  const dots = () => groups.wall.votes_per_participant;
  const drafting = () => Boolean(group()) && tab === "group";

  const heading = h("h1", { id: "group-title", tabindex: "-1",
                            text: () => (group() ? group().name : t("drafting_title")) });
  const membersList = h("ul", {});
  const members = () => group().members.length;
  const head = h("header", { class: "group-head" },
    h("p", { class: "group-kicker", text: t("your_group"), hidden: () => !group() }), heading,
    h("details", { class: "group-members", hidden: () => !group() },
      h("summary", { text: () => group() && t(members() === 1 ? "members_one" : "members_n", { n: members() }) }),
      membersList));
  const tabs = h("div", { class: "tabs", role: "group", "aria-label": t("show"),
                          hidden: () => !group() || !groups.wall.open },
    ["group", "wall"].map((name) => h("button", {
      type: "button", class: "tab", onclick: () => { tab = name; app.refresh(); },
      "aria-pressed": () => String(tab === name),
      text: () => (name === "group" ? t("tab_group") : t("tab_wall", { n: visible().length })),
    })));
  const ourList = h("div", { class: "by-target" });
  const wallList = h("div", { class: "by-target" });
  const node = h("div", { "data-activity": "group_drafting", class: "groups-phone" }, head,
    h("p", { class: "waiting", text: t("no_group_yet"), hidden: () => Boolean(group()) }),
    tabs,
    h("p", { class: "locked-banner", role: "note", text: t("locked"),
             hidden: () => !drafting() || !app.room.state.locked }),
    composeForm(),
    h("div", { id: "group-lists", hidden: () => !group() },
      h("section", { class: "our-recs", "aria-labelledby": "our-title", hidden: () => tab !== "group" },
        h("h2", { id: "our-title", text: () => t("ours_n", { n: own().length }) }),
        h("p", { class: "empty", text: t("none_yet"), hidden: () => ours().length > 0 }), ourList),
      h("section", { class: "wall-phone", "aria-labelledby": "wall-title", hidden: () => tab !== "wall" },
        h("h2", { id: "wall-title", text: t("wall_title") }),
        h("p", { class: "dots-left", role: "status", hidden: () => dots() <= 0,
                 text: () => dots() > 0 && plural(t, "dots_left", dotsLeft(), { total: dots() }) }),
        h("p", { class: "empty", text: t("wall_empty"), hidden: () => visible().length > 0 }), wallList)));

  /* ---------- Target radios and theme (the target's themes, or a free one) ---------- */
  function targetFields(prefix, state) {
    const box = h("div", { class: "target-fields" });
    function draw() {
      if (!state.target && groups.targets.length) state.target = groups.targets[0].key;
      const target = groups.target(state.target);
      if (state.theme && !target.themes.includes(state.theme) && state.theme !== OTHER) {
        state.other = state.theme;
        state.theme = OTHER;
      }
      const select = h("select", { id: `${prefix}-theme`, onchange: () => { state.theme = select.value; draw(); } },
        h("option", { value: "", text: t("no_theme") }),
        target.themes.map((name) => h("option", { value: name, text: name })),
        h("option", { value: OTHER, text: t("other_theme") }));
      select.value = state.theme || "";
      const other = state.theme === OTHER
        ? h("input", { type: "text", id: `${prefix}-other`, maxlength: THEME_MAX, oninput: (e) => { state.other = e.target.value; } })
        : null;
      if (other) other.value = state.other || "";
      redraw(box, () => [
        h("fieldset", { class: "targets" }, h("legend", { text: t("target") }), groups.targets.map((choice) => {
          const id = `${prefix}-target-${choice.key}`;
          return h("label", { class: "choice", for: id },
            h("input", { type: "radio", name: `${prefix}-target`, id, value: choice.key,
                         checked: state.target === choice.key,
                         onchange: () => { state.target = choice.key; state.theme = ""; draw(); } }),
            h("span", { text: choice.title }));
        })),
        h("label", { for: `${prefix}-theme`, text: t("theme") }), select,
        other ? [h("label", { for: `${prefix}-other`, text: t("other_theme_label") }), other] : null]);
    }
    draw();
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
   * comes back with the reason under the box. */
  function composeForm() {
    const text = textArea("rec-text", t("text"), compose);
    text.area.addEventListener("input", () => app.drafts.keep(BOX, compose.text));
    composeRefused = () => {
      const refused = app.drafts.refusal(BOX);
      if (!refused) return;
      compose.text = app.drafts.text(BOX) ?? "";
      text.set(compose.text);
      text.fail(refused);
    };
    const element = h("form", { id: "rec-compose", class: "compose rec-compose", novalidate: true,
                                hidden: () => !drafting() || app.room.state.locked },
      h("h2", { text: t("new_recommendation") }), targetFields("new", compose), text.nodes,
      h("button", { type: "submit", class: "primary wide", text: t("add") }));
    element.addEventListener("submit", (event) => {
      event.preventDefault();
      const value = (compose.text || "").trim();
      if (!value) { text.fail(t("empty_text")); return; }
      const data = { target: compose.target, theme: themeValue(compose), text: value };
      compose.text = "";
      text.set("");
      app.drafts.drop(BOX);
      app.send("recommendation:add", data, { queued: t("queued") });
    });
    return element;
  }

  /* ---------- Our recommendations, under each target's title ---------- */
  function byTarget(container, items, fill) {
    const present = groups.targets.filter((target) => items.some((rec) => rec.target === target.key));
    keyed(container, present, (target) => target.key,
      (target) => h("div", {}, h("h3", { class: "target-title", text: target.title }), h("div", { class: "target-items" })),
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
    return h("article", { class: () => `rec ${rec().status}${rec().pending ? " pending" : ""}` },
      h("p", { class: "rec-theme", text: () => rec().theme || t("no_theme") }),
      h("p", { class: "text", text: () => rec().text }),
      h("p", { class: "rec-badges", hidden: () => !badge() },
        h("span", { class: () => `badge${rec().status === "kept" ? " kept" : ""}`, text: badge })),
      h("button", {
        type: "button", class: "small edit-rec", text: t("edit"), id: () => `edit-${rec().id}`,
        "aria-label": () => `${t("edit")} : ${rec().text.slice(0, 40)}`,
        hidden: () => rec().pending || rec().status === "merged" || app.room.state.locked,
        onclick: () => {
          const { id, version, text, target, theme } = rec();
          editing = { id, base: version, text, target, theme, other: "" };
          app.refresh();
          document.getElementById(`edit-text-${id}`)?.focus();
        },
      }));
  }

  /* The form that changes a recommendation: its text, target and theme; after an edit
   * conflict, both versions to merge by hand, and the text alone. */
  function editForm(li) {
    const state = editing;
    const { id } = li.rec;
    const merging = state.conflict;
    const current = li.rec;  // merging: the version saved meanwhile
    const field = textArea(`${merging ? "merge" : "edit"}-text-${id}`, t(merging ? "merged_text" : "text"), state);
    const putBoth = () => {
      state.text = `${current.text}\n${merging.yours}`;
      field.set(state.text);
      field.area.focus();
    };
    const form = h("form", { class: merging ? "rec-conflict" : "rec-edit", novalidate: true },
      merging ? [h("p", { class: "conflict-intro", role: "alert", text: t("conflict") }),
        h("h4", { text: t("their_version") }), h("blockquote", { class: "theirs", text: current.text }),
        h("p", { class: "rec-theme",
                 text: `${groups.target(current.target).title} · ${current.theme || t("no_theme")}` }),
        h("h4", { text: t("your_version") }), h("blockquote", { class: "yours", text: merging.yours }),
        h("button", { type: "button", class: "small", text: t("put_both"), onclick: putBoth }),
        field.nodes]
        : [h("h4", { text: t("editing") }),
          h("p", { class: "notice", role: "status", text: t("changed_meanwhile"),
                   hidden: () => li.rec.version === state.base }),
          field.nodes,
          targetFields(`edit-${id}`, state)],
      h("div", { class: "rec-actions" },
        h("button", { type: "submit", class: "primary", text: merging ? t("save_merged") : t("save") }),
        h("button", { type: "button", text: merging ? t("keep_theirs") : t("cancel"),
                      onclick: () => { editing = null; app.refresh(); focusEdit(id); } })));
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
      h("h4", { class: "theme-title", text: theme || t("no_theme") }), h("ul", { class: "recs" })),
    (box, theme) => keyed(box.querySelector("ul"), items.filter((rec) => rec.theme === theme), (rec) => rec.id,
      wallItem, (li, rec) => { li.rec = rec; }));
  }

  function wallItem(first) {
    const li = h("li", {});
    const rec = () => li.rec;
    const mine = () => groups.ours(rec());
    const short = () => rec().text.slice(0, 40);
    const dot = (sign, label, delta, disabled) => h("button", {
      type: "button", class: "dot-button", id: `dot-${label}-${first.id}`, text: sign, disabled,
      "aria-label": () => t(`dot_${label}_for`, { text: short() }), onclick: () => vote(rec(), myDots(rec()) + delta),
    });
    li.append(h("article", { class: () => `rec ${rec().status}${mine() ? " ours" : ""}` },
      h("p", { class: "rec-group",
               text: () => (mine() ? t("our_group") : groups.groupName(rec().group) || t("no_group_name")) }),
      h("p", { class: "text", text: () => rec().text }),
      h("p", { class: "rec-badges", hidden: () => rec().status !== "kept" },
        h("span", { class: "badge kept", text: t("kept") })),
      h("div", { class: "dots", role: "group", hidden: () => dots() <= 0,
                 "aria-label": () => t("dots_on", { n: myDots(rec()) }) },
        dot("−", "remove", -1, () => myDots(rec()) <= 0),
        h("span", { class: "dot-count", "aria-hidden": "true", text: () => `● ${myDots(rec())}` }),
        dot("+", "add", 1, () => dotsLeft() <= 0),
        h("span", { class: "hint", "aria-hidden": "true", text: t("your_dots") }))));
    return li;
  }

  /* ---------- Patch the lists in place (the rest follows by its live props) ---------- */
  function update() {
    if (!groups.wall.open) tab = "group";
    if (!group()) return;
    if (drafting()) composeRefused();
    keyed(membersList, group().members.map((m, i) => ({ ...m, key: i })), (m) => m.key,
      () => h("li", {}, h("strong", {})),
      (li, m) => setText(li.firstChild, (m.name || t("no_name")) + (m.me ? ` (${t("you")})` : "")));
    if (tab === "group") byTarget(ourList, ours(), recList);
    else byTarget(wallList, visible(), wallThemes);
  }

  return { node, heading, update };
}
