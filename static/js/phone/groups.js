/* Group drafting on the phone: my group and its members, our recommendations (add through
 * the outbox, edit, merge an edit conflict by hand), and once the facilitator opens it the
 * wall of every group with dots (also through the outbox).
 *
 * Shown when the current sequence is « group_drafting », or — whatever the sequence — when
 * the person is in a group and the projection shows the groups or the wall
 * (docs/decisions.md). */
import { h, keyed, redraw, setText, show } from "../core/dom.js";
import { plural, translator } from "../core/strings.js";
import { textField } from "./parts.js";

const t = translator("groups");
const TEXT_MAX = 1000;
const THEME_MAX = 120;
const OTHER = "__other__";

export function claimsThePhone(app) {
  const state = app.room.state;
  return state.activity === "group_drafting"
    || (Boolean(app.groups.myGroup) && (state.view === "groups" || state.view === "wall"));
}

export function groupsView(app) {
  const groups = app.groups;
  let tab = "group";
  const compose = { target: null, theme: "", other: "", text: "" };
  let editing = null;   // {id, base: version, text, target, theme, other}
  let conflict = null;  // {id, current, attempted, text}

  const heading = h("h1", { id: "group-title", tabindex: "-1" });
  const kicker = h("p", { class: "group-kicker", text: t("your_group") });
  const membersSummary = h("summary", {});
  const membersList = h("ul", {});
  const head = h("header", { class: "group-head" }, kicker, heading, h("details", { class: "group-members" }, membersSummary, membersList));
  const noGroup = h("p", { class: "waiting", text: t("no_group_yet") });
  const tabButtons = ["group", "wall"].map((name) => h("button", { type: "button", class: "tab",
    onclick: () => { tab = name; update(); } }));
  const tabs = h("div", { class: "tabs", role: "group", "aria-label": t("show") }, tabButtons);
  const banner = h("p", { class: "locked-banner", role: "note", text: t("locked") });
  const form = composeForm();
  const ours = h("section", { class: "our-recs", "aria-labelledby": "our-title" }, h("h2", { id: "our-title" }),
    h("p", { class: "empty", text: t("none_yet") }), h("div", { class: "by-target" }));
  const wall = h("section", { class: "wall-phone", "aria-labelledby": "wall-title" }, h("h2", { id: "wall-title", text: t("wall_title") }),
    h("p", { class: "dots-left", role: "status" }), h("p", { class: "empty", text: t("wall_empty") }), h("div", { class: "by-target" }));
  const lists = h("div", { id: "group-lists" }, ours, wall);
  const node = h("div", { "data-activity": "group_drafting", class: "groups-phone" }, head, noGroup, tabs, banner, form, lists);

  /* ---------- Target radios and theme (the target's themes, or a free one) ---------- */
  function targetFields(prefix, state, onChange) {
    const box = h("div", { class: "target-fields" });
    function draw() {
      if (!state.target && groups.targets.length) state.target = groups.targets[0].key;
      const target = groups.target(state.target);
      if (state.theme && !target.themes.includes(state.theme) && state.theme !== OTHER) {
        state.other = state.theme;
        state.theme = OTHER;
      }
      const select = h("select", { id: `${prefix}-theme`, onchange: () => { state.theme = select.value; draw(); onChange(); } },
        h("option", { value: "", text: t("no_theme") }),
        target.themes.map((name) => h("option", { value: name, text: name })),
        h("option", { value: OTHER, text: t("other_theme") }));
      select.value = state.theme || "";
      const other = state.theme === OTHER
        ? h("input", { type: "text", id: `${prefix}-other`, maxlength: THEME_MAX, oninput: (e) => { state.other = e.target.value; } })
        : null;
      if (other) other.value = state.other || "";
      redraw(box, () => [
        h("fieldset", { class: "targets" }, h("legend", { text: t("target") }), groups.targets.map((target) => {
          const id = `${prefix}-target-${target.key}`;
          return h("label", { class: "choice", for: id },
            h("input", { type: "radio", name: `${prefix}-target`, id, value: target.key, checked: state.target === target.key,
                         onchange: () => { state.target = target.key; state.theme = ""; draw(); onChange(); } }),
            h("span", { text: target.title }));
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

  function problemWith(text, theme) {
    if (!text) return t("empty_text");
    if (text.length > TEXT_MAX) return t("too_long", { max: TEXT_MAX });
    if (theme.length > THEME_MAX) return t("theme_too_long", { max: THEME_MAX });
    return null;
  }

  function composeForm() {
    const text = textArea("rec-text", t("text"), compose);
    const element = h("form", { id: "rec-compose", class: "compose rec-compose", novalidate: true },
      h("h2", { text: t("new_recommendation") }), targetFields("new", compose, () => {}), text.nodes,
      h("button", { type: "submit", class: "primary wide", text: t("add") }));
    element.addEventListener("submit", (event) => {
      event.preventDefault();
      const value = (compose.text || "").trim();
      const problem = problemWith(value, themeValue(compose));
      if (problem) { text.fail(problem); return; }
      app.outbox.add("recommendation:add", { target: compose.target, theme: themeValue(compose), text: value });
      compose.text = "";
      text.set("");
      if (!app.live.connected()) app.announce(t("queued"));
      update();
    });
    return element;
  }

  /* ---------- Our recommendations ---------- */
  function pendingRecommendations() {
    const stored = new Set([...groups.recommendations.values()].map((rec) => rec.client_id));
    return app.outbox.items().filter((item) => item.event === "recommendation:add" && !stored.has(item.client_id))
      .map((item) => ({ ...item.data, id: `p-${item.client_id}`, pending: true, status: "draft" }));
  }

  /* Under each target's title, `fill(box, itsItems)`. */
  function byTarget(container, items, fill) {
    const present = groups.targets.filter((target) => items.some((rec) => rec.target === target.key));
    keyed(container, present, (target) => target.key,
      (target) => h("div", {}, h("h3", { class: "target-title", text: target.title }), h("div", { class: "target-items" })),
      (box, target) => fill(box.querySelector(".target-items"), items.filter((rec) => rec.target === target.key)));
  }

  function recList(container, items) {
    const list = container.firstElementChild || container.appendChild(h("ul", { class: "recs" }));
    keyed(list, items, (rec) => rec.id, () => h("li", {}), (item, rec) => recItem(item, rec));
  }

  function modeOf(rec) {
    if (conflict && conflict.id === rec.id) return "conflict";
    if (editing && editing.id === rec.id && rec.status !== "merged") return "edit";
    return "view";
  }

  function recItem(item, rec) {
    const mode = modeOf(rec);
    if (item.dataset.mode !== mode) {
      item.dataset.mode = mode;
      item.replaceChildren(mode === "conflict" ? conflictForm(rec) : mode === "edit" ? editForm(rec) : recArticle());
    }
    if (mode === "view") patchArticle(item.firstElementChild, rec);
    if (mode === "edit") show(item.querySelector(".notice"), rec.version !== editing.base);
  }

  function recArticle() {
    return h("article", { class: "rec" }, h("p", { class: "rec-theme" }), h("p", { class: "text" }), h("p", { class: "rec-badges" }),
      h("button", { type: "button", class: "small edit-rec", text: t("edit") }));
  }

  function patchArticle(article, rec) {
    article.className = `rec ${rec.status}${rec.pending ? " pending" : ""}`;
    setText(article.querySelector(".rec-theme"), rec.theme || t("no_theme"));
    setText(article.querySelector(".text"), rec.text);
    const badges = [rec.pending && t("pending"), rec.status === "kept" && t("kept"), rec.status === "merged" && t("merged")].filter(Boolean);
    const badgeBox = article.querySelector(".rec-badges");
    show(badgeBox, badges.length > 0);
    if (badgeBox.textContent !== badges.join("")) {
      badgeBox.replaceChildren(...badges.map((label) => h("span", { class: `badge${label === t("kept") ? " kept" : ""}`, text: label })));
    }
    const edit = article.querySelector(".edit-rec");
    edit.id = `edit-${rec.id}`;
    edit.setAttribute("aria-label", `${t("edit")} : ${rec.text.slice(0, 40)}`);
    show(edit, !rec.pending && rec.status !== "merged" && !app.room.state.locked);
    edit.onclick = () => {
      editing = { id: rec.id, base: rec.version, text: rec.text, target: rec.target, theme: rec.theme, other: "" };
      update();
      document.getElementById(`edit-text-${rec.id}`)?.focus();
    };
  }

  /* The form of a recommendation being changed: its fields, « save » and a way back. */
  function changeForm(rec, { className, state, fields, save, back, onBack, send }) {
    const error = h("p", { class: "form-error", role: "alert", hidden: true });
    const element = h("form", { class: className, novalidate: true }, fields, error,
      h("div", { class: "rec-actions" },
        h("button", { type: "submit", class: "primary", text: save }),
        h("button", { type: "button", text: back, onclick: () => { onBack(); update(); focusEdit(rec.id); } })));
    element.addEventListener("submit", (event) => {
      event.preventDefault();
      const value = (state.text || "").trim();
      if (!value) { error.textContent = t("empty_text"); error.hidden = false; element.querySelector("textarea").focus(); return; }
      send(value, error);
    });
    return element;
  }

  function editForm(rec) {
    const state = editing;
    const text = textArea(`edit-text-${rec.id}`, t("text"), state);
    return changeForm(rec, {
      className: "rec-edit", state, save: t("save"), back: t("cancel"), onBack: () => { editing = null; },
      fields: [h("h4", { text: t("editing") }),
        h("p", { class: "notice", role: "status", text: t("changed_meanwhile"), hidden: true }),
        text.nodes,
        targetFields(`edit-${rec.id}`, state, () => {})],
      send: (value, error) => saveEdit(rec.id, state.base, { text: value, target: state.target, theme: themeValue(state) }, error),
    });
  }

  function saveEdit(id, version, change, error) {
    app.live.emit("recommendation:edit", { id, version, ...change }).then((ack) => {
      if (ack.ok) {
        editing = null;
        conflict = null;
        groups.keep(ack.recommendation);
        update();
        app.announce(t("saved"));
        focusEdit(id);
      } else if (ack.error.code === "stale_version") {
        editing = null;
        const { current, attempted } = ack.error;
        conflict = { id, current, attempted, text: attempted.text || current.text };
        groups.keep(current);
        update();
        document.getElementById(`merge-text-${id}`)?.focus();
      } else {
        error.textContent = ack.error.message;
        error.hidden = false;
      }
    }, () => { error.textContent = t("offline"); error.hidden = false; });
  }

  function conflictForm(rec) {
    const state = conflict;
    const current = groups.recommendations.get(rec.id) || state.current;
    const theirs = current.text;
    const yours = state.attempted.text || "";
    const text = textArea(`merge-text-${rec.id}`, t("merged_text"), state);
    const putBoth = () => {
      state.text = `${theirs}\n${yours}`;
      text.set(state.text);
      text.area.focus();
    };
    return changeForm(rec, {
      className: "rec-conflict", state, save: t("save_merged"), back: t("keep_theirs"), onBack: () => { conflict = null; },
      fields: [h("p", { class: "conflict-intro", role: "alert", text: t("conflict") }),
        h("h4", { text: t("their_version") }), h("blockquote", { class: "theirs", text: theirs }),
        h("p", { class: "rec-theme", text: `${groups.target(current.target).title} · ${current.theme || t("no_theme")}` }),
        h("h4", { text: t("your_version") }), h("blockquote", { class: "yours", text: yours }),
        h("button", { type: "button", class: "small", text: t("put_both"), onclick: putBoth }),
        text.nodes],
      send: (value, error) => saveEdit(rec.id, current.version, { text: value }, error),
    });
  }

  function focusEdit(id) {
    document.getElementById(`edit-${id}`)?.focus();
  }

  /* ---------- The wall, with dots ---------- */
  function myDots(rec) {
    const waiting = app.outbox.waiting(`dots:${rec.id}`);
    return waiting ? waiting.data.count : groups.myVotes[rec.id] || 0;
  }

  function dotsLeft() {
    const used = [...groups.recommendations.values()].reduce((sum, rec) => sum + myDots(rec), 0);
    return groups.wall.votes_per_participant - used;
  }

  function vote(rec, count) {
    app.outbox.add("recommendation:vote", { id: rec.id, count }, `dots:${rec.id}`);
    update();
    app.announce(plural(t, "dots_left", dotsLeft(), { total: groups.wall.votes_per_participant }));
  }

  function wallList(container, items) {
    const themes = [...new Set(items.map((rec) => rec.theme))];
    keyed(container, themes, (theme) => theme || "", (theme) => h("div", {},
      h("h4", { class: "theme-title", text: theme || t("no_theme") }), h("ul", { class: "recs" })),
    (box, theme) => keyed(box.querySelector("ul"), items.filter((rec) => rec.theme === theme), (rec) => rec.id,
      (rec) => h("li", {}, wallItem(rec)), (item, rec) => patchWallItem(item.firstElementChild, rec)));
  }

  function wallItem(rec) {
    const remove = h("button", { type: "button", class: "dot-button", id: `dot-remove-${rec.id}`, text: "−" });
    const add = h("button", { type: "button", class: "dot-button", id: `dot-add-${rec.id}`, text: "+" });
    return h("article", { class: "rec" }, h("p", { class: "rec-group" }), h("p", { class: "text" }),
      h("p", { class: "rec-badges" }, h("span", { class: "badge kept", text: t("kept") })),
      h("div", { class: "dots", role: "group" }, remove, h("span", { class: "dot-count", "aria-hidden": "true" }), add,
        h("span", { class: "hint", "aria-hidden": "true", text: t("your_dots") })));
  }

  function patchWallItem(article, rec) {
    const mine = groups.ours(rec);
    const my = myDots(rec);
    const left = dotsLeft();
    const dots = groups.wall.votes_per_participant;
    article.className = `rec ${rec.status}${mine ? " ours" : ""}`;
    setText(article.querySelector(".rec-group"), mine ? t("our_group") : groups.groupName(rec.group) || t("no_group_name"));
    setText(article.querySelector(".text"), rec.text);
    show(article.querySelector(".rec-badges"), rec.status === "kept");
    const box = article.querySelector(".dots");
    show(box, dots > 0);
    box.setAttribute("aria-label", t("dots_on", { n: my }));
    setText(box.querySelector(".dot-count"), `● ${my}`);
    const [remove, add] = box.querySelectorAll("button");
    remove.disabled = my <= 0;
    add.disabled = left <= 0;
    remove.setAttribute("aria-label", t("dot_remove_for", { text: rec.text.slice(0, 40) }));
    add.setAttribute("aria-label", t("dot_add_for", { text: rec.text.slice(0, 40) }));
    remove.onclick = () => vote(rec, my - 1);
    add.onclick = () => vote(rec, my + 1);
  }

  /* ---------- Patch everything in place ---------- */
  function update() {
    const group = groups.myGroup;
    show(noGroup, !group);
    setText(heading, group ? group.name : t("drafting_title"));
    show(kicker, Boolean(group));
    for (const part of [head.querySelector("details"), lists]) show(part, Boolean(group));
    if (!groups.wall.open) tab = "group";
    show(tabs, Boolean(group) && groups.wall.open);
    const locked = app.room.state.locked;
    show(banner, Boolean(group) && tab === "group" && locked);
    show(form, Boolean(group) && tab === "group" && !locked);
    if (!group) return;

    const members = group.members;
    setText(membersSummary, t(members.length === 1 ? "members_one" : "members_n", { n: members.length }));
    keyed(membersList, members.map((m, i) => ({ ...m, key: i })), (m) => m.key, () => h("li", {}), (item, m) => {
      const who = (m.name || t("no_name")) + (m.me ? ` (${t("you")})` : "");
      if (item.textContent !== who) item.replaceChildren(h("strong", { text: who }));
    });

    const visible = groups.list((rec) => rec.status !== "merged");
    tabButtons.forEach((button, i) => {
      button.setAttribute("aria-pressed", String(tab === ["group", "wall"][i]));
      setText(button, i === 0 ? t("tab_group") : t("tab_wall", { n: visible.length }));
    });
    show(ours, tab === "group");
    show(wall, tab === "wall");
    if (tab === "group") {
      const own = groups.list((rec) => groups.ours(rec));
      const all = [...pendingRecommendations(), ...own];
      setText(ours.querySelector("h2"), t("ours_n", { n: own.length }));
      show(ours.querySelector(".empty"), all.length === 0);
      byTarget(ours.querySelector(".by-target"), all, recList);
    } else {
      const dots = groups.wall.votes_per_participant;
      const left = wall.querySelector(".dots-left");
      show(left, dots > 0);
      setText(left, dots > 0 ? plural(t, "dots_left", dotsLeft(), { total: dots }) : "");
      show(wall.querySelector(".empty"), visible.length === 0);
      byTarget(wall.querySelector(".by-target"), visible, wallList);
    }
  }

  update();
  return { node, heading, update };
}
