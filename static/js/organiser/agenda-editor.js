/* The programme editor (templates/organiser/agenda.html): one row per sequence, moved with
 * ▲ ▼ (focus stays on the moved row, the new place is said), to the end of another day with
 * « Déplacer au jour… » (focus on that control in its new place), or by dragging its grip
 * within or across days; added with « Ajouter une séquence »; each row's start is its day's
 * start plus the minutes before it; a field refused by the server (focused by autofocus)
 * loses aria-invalid once changed; the fields of the chosen activity are shown by CSS. The
 * form still posts as without JavaScript: rows are read by their names (a row that changes
 * day is renamed into it, its « Jour » set), in the order of their « Ordre » numbers. */
import { announce } from "../core/announce.js";
import { translator } from "../core/strings.js";

const t = translator();
const form = document.getElementById("agenda-form");
const rows = (list) => [...list.querySelectorAll(":scope > .ed-row")];
const titleOf = (row) => row.querySelector(".ed-title input").value.trim() || t("untitled");
const removed = (row) => row.querySelector(".ed-remove input").checked;
const blanks = new Map();  // each day's empty row: what « Ajouter une séquence » copies
let dragged = null;
const clearDrop = (root) => root.querySelectorAll(".drop-before")
  .forEach((node) => node.classList.remove("drop-before"));

/* « HH:MM » from milliseconds after midnight (past midnight: the next day's time). */
const clock = (ms) => new Date(ms).toISOString().slice(11, 16);

/* Order numbers, hidden legends, buttons' names, start times: from the rows as they stand. */
function refresh(section) {
  const list = section.querySelector(".ed-list");
  let at = section.querySelector(".day-start")?.valueAsNumber;  // ms after midnight; NaN: no start
  rows(list).forEach((row, index, all) => {
    row.querySelector(".ed-order input").value = String(index + 1);
    const legend = row.querySelector("legend");
    legend.textContent = legend.textContent.replace(/\d+/, String(index + 1));
    for (const [way, last] of [["up", 0], ["down", all.length - 1]]) {
      const button = row.querySelector(`.ed-${way}`);
      button.setAttribute("aria-label", t(`move_${way}`, { title: titleOf(row) }));
      button.setAttribute("aria-disabled", String(index === last));
    }
    row.querySelector(".ed-move summary")?.setAttribute("aria-label", t("move_day", { title: titleOf(row) }));
    const out = row.querySelector(".ed-at");
    if (!(at >= 0) || removed(row)) { out.textContent = "—"; return; }
    out.textContent = clock(at);
    at += (Number(row.querySelector(".ed-minutes input").value) || 0) * 60_000;
  });
}

function countAxes(row) {
  const boxes = [...row.querySelectorAll(".ed-axes input[type=checkbox]")];
  const ticked = boxes.filter((box) => box.checked).length;
  row.querySelector(".ed-axes-count").textContent =
    ticked === 0 || ticked === boxes.length ? t("all_axes") : `${ticked} / ${boxes.length}`;
}

function move(row, delta, button) {
  const sibling = delta < 0 ? row.previousElementSibling : row.nextElementSibling;
  put(row, row.closest(".agenda-edit-day"), delta < 0 ? sibling ?? row : sibling?.nextElementSibling ?? null, button);
}

/* A row added or moved to `section` takes its names: their numbers follow the highest of the day. */
function rename(row, section) {
  const blank = blanks.get(section);
  const number = (node) => Number(node.dataset.prefix.split("-")[2]);
  const used = rows(section.querySelector(".ed-list")).map(number);
  blank.dataset.last = String(Math.max(...used, number(blank), Number(blank.dataset.last || 0)) + 1);
  const [old, prefix] = [row.dataset.prefix, `seq-${section.dataset.day}-${blank.dataset.last}`];
  row.dataset.prefix = prefix;
  for (const node of row.querySelectorAll("[id], [name], [for], [aria-describedby]")) {
    for (const name of ["id", "name", "for", "aria-describedby"]) {
      if (node.hasAttribute(name)) node.setAttribute(name, node.getAttribute(name).replace(old, prefix));
    }
  }
}

/* « Déplacer au jour… » lists the days other than the row's own. */
function showDays(row) {
  const day = row.querySelector(".ed-day select")?.value;
  for (const button of row.querySelectorAll(".ed-move button")) button.parentElement.hidden = button.value === day;
}

/* Put a row before `before` (null: at the end) of `section`'s list, from its own day or from
 * another (renamed into it, its « Jour » set); focus `control` again; say where it stands. */
function put(row, section, before, control) {
  const from = row.closest(".agenda-edit-day");
  if (from !== section) {
    rename(row, section);
    row.querySelector(".ed-day select").value = section.dataset.id;
    showDays(row);
  }
  section.querySelector(".ed-list").insertBefore(row, before);
  control?.focus();  // moving the row blurred it
  refresh(from);
  refresh(section);
  const all = rows(row.parentElement);
  const where = { title: titleOf(row), n: all.indexOf(row) + 1, total: all.length };
  const day = row.querySelector(".ed-day select")?.selectedOptions[0].text;
  announce(from === section ? t("moved", where) : t("moved_day", { ...where, day }));
}

function addRow(section) {
  const row = blanks.get(section).cloneNode(true);
  rename(row, section);
  section.querySelector(".ed-list").append(row);
  enhance(row);
  refresh(section);
  row.querySelector(".ed-title input").focus();
  announce(t("added"));
}

function enhance(row) {
  row.querySelector(".ed-tools").hidden = false;
  row.querySelector(".ed-order").hidden = true;
  const mover = row.querySelector(".ed-move");
  if (mover) {
    mover.hidden = false;  // the « Jour » field stays in view only to show the server's refusal
    row.querySelector(".ed-day").hidden = !row.querySelector(".ed-day [aria-invalid]");
    showDays(row);
    mover.addEventListener("click", (event) => {
      const day = event.target.closest("button")?.value;
      if (!day) return;
      mover.open = false;
      put(row, form.querySelector(`.agenda-edit-day[data-id="${day}"]`), null, mover.querySelector("summary"));
    });
  }
  for (const [way, delta] of [["up", -1], ["down", 1]]) {
    row.querySelector(`.ed-${way}`).addEventListener("click", (event) => move(row, delta, event.currentTarget));
  }
  const grip = row.querySelector(".ed-grip");
  grip.addEventListener("pointerdown", () => { row.draggable = true; });
  grip.addEventListener("pointerup", () => { row.draggable = false; });
  row.addEventListener("dragstart", (event) => {
    dragged = row;
    row.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", titleOf(row));
  });
  row.addEventListener("dragend", () => {
    row.draggable = false;
    row.classList.remove("dragging");
    clearDrop(form);
    dragged = null;
  });
  for (const box of row.querySelectorAll(".ed-axes input")) box.addEventListener("change", () => countAxes(row));
}

/* Dropping on a row puts the dragged one before it; below the last row, at the end. */
function droppable(section) {
  const list = section.querySelector(".ed-list");
  const target = (event) => rows(list).find((row) => {
    const box = row.getBoundingClientRect();
    return event.clientY < box.top + box.height / 2;
  }) || null;
  const on = (type, handle) => list.addEventListener(type, (event) => {
    if (!dragged) return;
    event.preventDefault();
    handle(target(event));
  });
  on("dragover", (before) => { clearDrop(form); before?.classList.add("drop-before"); });
  on("drop", (before) => put(dragged, section, before));
}

/* A field the server refused (focused on arrival by autofocus): once changed, no longer said invalid. */
form.addEventListener("input", (event) => {
  const field = event.target.closest("[aria-invalid]");
  if (!field) return;
  field.removeAttribute("aria-invalid");
  const message = document.getElementById(field.getAttribute("aria-describedby") || "");
  if (message) message.hidden = true;
  field.removeAttribute("aria-describedby");
});

for (const section of form.querySelectorAll(".agenda-edit-day[data-day]")) {
  const list = section.querySelector(".ed-list");
  blanks.set(section, rows(list).at(-1));
  blanks.get(section).remove();
  rows(list).forEach(enhance);
  droppable(section);
  const add = section.querySelector(".ed-add");
  add.hidden = false;
  add.addEventListener("click", () => addRow(section));
  section.addEventListener("input", (event) => {
    if (event.target.matches(".day-start, .ed-minutes input, .ed-title input, .ed-remove input")) refresh(section);
  });
  refresh(section);
}
