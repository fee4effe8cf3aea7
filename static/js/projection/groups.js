/* The projection's « groups » view (the groups in large type) and « wall » view (the
 * recommendations by target then theme, growing live, dots shown). The projection sees
 * recommendations only once the facilitator opens the wall (store/groups.js). Their markup
 * is the template's (groups/_projection.html). */
import { h, stamp, wire } from "../core/dom.js";
import { plural, translator } from "../core/strings.js";
import { byTargetAndTheme } from "../staff/ui.js";
import { pagedList, section, textRange } from "./view.js";

const t = translator("groups");

/* Each group with where it meets and its members, named as the organiser chose (first
 * names or initials, asked with groups:names: room events carry no one's name or id),
 * as large as fits, in pages when a big room does not fit at the readable size. */
export function groupsView(app) {
  const node = section("groups");
  const refs = wire(node);
  const { pages, fit } = pagedList(node, refs, { ...textRange(28), maxColumns: 5, columnEm: 9, arrange: nameContinued });
  let names = new Map(); // group id → {names, unnamed}
  let asked = 0;

  function ask() {
    const mine = ++asked;
    app.live?.emit("groups:names", {}).then((ack) => {
      if (!ack.ok || mine !== asked) return;
      names = new Map(ack.groups.map((g) => [g.id, g]));
      draw();
    }, () => { /* the next change asks again */ });
  }

  function members(group) {
    const shown = names.get(group.id);
    // « Marie-Claude » is one name: never « Marie- » at a line's end (a non-breaking hyphen)
    const parts = shown ? shown.names.map((name) => name.replaceAll("-", "\u2011")) : [];
    if (shown?.unnamed) parts.push(plural(t, "unnamed", shown.unnamed));
    return parts.join("\u00a0· "); // the dot ends a line, never starts one
  }

  function draw() {
    const { groups } = app.groups;
    wire(node, { count: { text: groups.length ? `(${groups.length})` : "" },
      waiting: { hidden: groups.length > 0 } });
    refs.list.replaceChildren(...groups.map((group) => stamp("tpl-pj-group", {
      name: { text: group.name },
      place: { hidden: !group.place, text: group.place && `${group.place}\u00a0· ` },
      size: { text: plural(t, "people", group.size).replace(" ", "\u00a0") }, // « 6 » never ends a line
      members: { hidden: !members(group), text: members(group) },
    })[0]));
    pages.follow(app.room.state);
    fit();
  }

  function update(change) {
    if (change.snapshot || change.type === "groups" || change.type === "workshop") ask();
    draw();
  }
  return { node, update, fit };
}

/* In pages, the names of a group that go on in the next column are under its name there
 * again, « Groupe 3 (suite) » (its style: never alone at a column's end). The names are cut
 * before the first one whose « · » is in that column (the dot ends the name's line), and
 * joined again before each new layout. */
function nameContinued(list) {
  for (const again of list.querySelectorAll(".pj-group-again")) {
    again.previousElementSibling.textContent += again.nextElementSibling.textContent;
    again.nextElementSibling.remove();
    again.remove();
  }
  if (!list.closest(".paged")) return;
  const range = document.createRange();
  for (const group of list.querySelectorAll(".pj-group:not([hidden])")) {
    for (let names = group.lastElementChild, parts = names.getClientRects(); parts.length > 1; parts = names.getClientRects()) {
      const text = names.textContent;
      const after = (i) => { range.setStart(names.firstChild, i); range.setEnd(names.firstChild, i + 1);
        return range.getBoundingClientRect().left >= parts[1].left - 1; };
      const cut = text.lastIndexOf("· ", ([...text.matchAll(/· /g)].find((dot) => after(dot.index))?.index ?? text.length) - 1) + 2;
      if (cut < 2) break;
      const rest = h("p", { class: names.className, text: text.slice(cut) });
      names.textContent = text.slice(0, cut);
      names.after(h("p", { class: "pj-group-name pj-group-again", "aria-hidden": "true",
        text: t("continued", { name: group.firstElementChild.textContent }) }), rest);
      names = rest;
    }
  }
}

export function wallView(app) {
  const node = section("wall");
  const refs = wire(node);
  // the targets flow in newspaper columns, fitted, in pages past that (a page's first
  // recommendation under its target's and theme's headings again)
  const { pages, fit } = pagedList(node, { ...refs, list: refs.columns },
    { ...textRange(40), maxColumns: 4, columnEm: 14, arrange: themeContinued });
  let known = new Set();
  let shown = "";

  function update(change) {
    const { wall, targets } = app.groups;
    wire(node, { closed: { hidden: wall.open }, body: { hidden: !wall.open } });
    if (!wall.open) return;
    const recs = app.groups.list((rec) => rec.status !== "merged");
    const voting = wall.votes_per_participant > 0 || recs.some((rec) => rec.votes > 0);
    const item = (rec) => h("li", { class: change.type === "recommendation" && !known.has(rec.id) ? "fresh" : null },
      h("article", { class: `rec ${rec.status}` }, h("p", { class: "text", text: rec.text }),
        rec.status === "kept" ? h("p", { class: "wall-kept", text: `✓ ${t("kept")}` }) : null,
        voting && rec.votes ? h("p", { class: "wall-votes", "aria-label": plural(t, "dots_n", rec.votes),
          text: `● ${rec.votes}` }) : null));
    const column = ({ target, items, themes }) => h("section", { class: "wall-column", "aria-label": target.title },
      h("h2", { class: "wall-target" }, target.title, " ", h("span", { class: "pj-count", text: `(${items.length})` })),
      h("ul", { class: "wall-recs" }, items.length ? null : h("li", { class: "pj-empty", text: "—" }),
        themes.map((group) => h("li", { class: "wall-group" }, h("h3", { class: "wall-theme", text: group.theme || t("no_theme") }),
          h("ul", { class: "wall-items" }, group.items.map(item))))));
    refs.columns.replaceChildren(...byTargetAndTheme(targets, recs).map(column));
    pages.follow(app.room.state);
    known = new Set(recs.map((rec) => rec.id));
    // a dot more on a recommendation that had some changes no line: the pages stay
    const laidOut = `${window.innerWidth}×${window.innerHeight}:${targets.length}:${recs.map((rec) =>
      `${rec.id}.${rec.target}.${rec.theme}.${rec.text.length}.${rec.status}.${voting && rec.votes > 0}`)}`;
    if (laidOut !== shown) { shown = laidOut; fit(); }
  }
  return { node, update, fit };
}

/* In pages, a theme whose recommendations go on in the next column is named there again,
 * « Me former (suite) », over the first one: the back of the room sees what each column is
 * about. Named again one column at a time, as a heading pushes what follows down. */
function themeContinued(list) {
  list.querySelectorAll(".wall-again").forEach((again) => again.remove());
  if (!list.closest(".paged")) return;
  for (let item = continuing(list); item; item = continuing(list)) {
    const theme = item.closest(".wall-group").querySelector(".wall-theme").textContent;
    item.prepend(h("p", { class: "wall-theme wall-again", "aria-hidden": "true", text: t("continued", { name: theme }) }));
  }
}

/* The first shown recommendation that starts a column, its theme named in an earlier one. */
function continuing(list) {
  let before = null;
  for (const item of list.querySelectorAll(".wall-items > li:not([hidden])")) {
    const box = { group: item.closest(".wall-group"), left: item.getBoundingClientRect().left };
    if (before?.group === box.group && box.left > before.left + 1 && !item.querySelector(".wall-again")) return item;
    before = box;
  }
  return null;
}
