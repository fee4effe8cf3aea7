/* The projection's « groups » view (the groups in large type) and « wall » view (the
 * recommendations by target then theme, growing live, dots shown). The projection sees
 * recommendations only once the facilitator opens the wall (store/groups.js). Their markup
 * is the template's (groups/_projection.html). */
import { h, stamp, wire } from "../core/dom.js";
import { plural, translator } from "../core/strings.js";
import { byTargetAndTheme } from "../staff/ui.js";
import { fitBoard, fitLater, pager, section, textRange } from "./view.js";

const t = translator("groups");

/* Each group with where it meets and its members, named as the organiser chose (first
 * names or initials, asked with groups:names: room events carry no one's name or id),
 * as large as fits, in pages when a big room does not fit at the readable size. */
export function groupsView(app) {
  const node = section("groups");
  const refs = wire(node);
  const pages = pager(refs.page);
  const fit = fitLater(() => pages.set([refs.list], fitBoard(node, [refs.list], [refs.body],
    { ...textRange(28), maxColumns: 5, columnEm: 9 })));
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

export function wallView(app) {
  const node = section("wall");
  const refs = wire(node);
  const pages = pager(refs.page);
  // the targets flow in newspaper columns, fitted, in pages past that (a page's first
  // recommendation under its target's and theme's headings again)
  const fit = fitLater(() => pages.set([refs.columns], fitBoard(node, [refs.columns], [refs.body],
    { ...textRange(40), maxColumns: 4, columnEm: 14 })));
  let known = new Set();

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
    fit();
  }
  return { node, update, fit };
}
