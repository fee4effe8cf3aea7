/* The organiser's booklet page: an export button starts a background job without leaving
 * the page; its progress is followed (aria-live list) until the file is offered.
 * Curation forms (verbatim, rewording, merges, order, choices) are sent without leaving
 * the page either: the answer's sections replace the page's, the open folds stay open, the
 * server's answer shows where the action was (#ici) and is said by the status line, and the
 * keyboard focus comes back to the same control (or, when it is gone, to the answer). */

/* Open the folds around `node` (back from a card's form, …#carte-12: its axis). */
function reveal(node) {
  for (let fold = node?.closest("details"); fold; fold = fold.parentElement.closest("details")) {
    fold.open = true;
  }
}
const target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
reveal(target);
target?.scrollIntoView();

const CURATED = ["pret", "doublons", "axes", "cartes", "recommandations"];
const status = document.getElementById("curation-status");
/* A fold is known by the card, recommendation or section it is in, and its title. */
const foldKey = (summary) => `${summary.closest("[id]").id}|${summary.textContent}`;
const openFolds = () => new Set([...document.querySelectorAll("details[open] > summary")].map(foldKey));
const controlKey = (form, button) => `${form.getAttribute("action")}|${button ? `${button.name}=${button.value}` : ""}`;
const findControl = (key) => [...document.querySelectorAll("form[method=post]")].flatMap((form) =>
  [...form.querySelectorAll("button[type=submit]")].filter((b) => controlKey(form, b) === key && !b.disabled))[0];

function curate(form, button, section) {
  const key = controlKey(form, button);
  const open = openFolds();
  const data = new FormData(form);
  if (button?.name) data.set(button.name, button.value);
  fetch(form.action, { method: "POST", body: data, credentials: "same-origin" }).then((r) => r.text()).then((html) => {
    /* The server's own page (Jinja-escaped), parsed off-document, then its sections moved
     * in: no user text is ever written as markup here. */
    const fresh = new DOMParser().parseFromString(html, "text/html");
    document.getElementById("ici")?.remove();
    for (const id of CURATED) {
      const [mine, theirs] = [document.getElementById(id), fresh.getElementById(id)];
      if (!mine || !theirs) continue;
      const copy = document.importNode(theirs, true);
      for (const summary of copy.querySelectorAll("details > summary")) {
        if (open.has(foldKey(summary))) summary.parentElement.open = true;
      }
      mine.replaceWith(copy);
    }
    const answer = document.getElementById("ici");
    const back = findControl(key) || answer || document.querySelector(`#${section} h2`);
    if (back.tagName !== "BUTTON" && !back.hasAttribute("tabindex")) back.setAttribute("tabindex", "-1");
    reveal(answer);
    back.focus();
    answer?.scrollIntoView({ block: "nearest" });
    /* Said once: by the status line, unless the focus is on the answer itself. */
    status.textContent = back === answer ? "" : answer?.textContent.trim() ?? "";
  }).catch(() => form.submit());
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  const section = form.closest?.("section");
  if (!section || !CURATED.includes(section.id) || form.method.toLowerCase() !== "post") return;
  event.preventDefault();
  curate(form, event.submitter, section.id);
});

const list = document.getElementById("export-jobs");
const form = document.getElementById("export-form");
const problem = document.getElementById("export-error");
const urlOf = (id) => list.dataset.statusUrl.replace(/\/0$/, `/${id}`); // data-status-url ends …/exports/0

/* A job's line, written by the server (organiser/_export_job.html), takes `item`'s place
 * until the file is offered (then focused) or the export failed. */
function follow(item, id) {
  const asked = fetch(urlOf(id), { headers: { Accept: "text/html" }, credentials: "same-origin" });
  asked.then((r) => r.text()).then((html) => {
    const fresh = new DOMParser().parseFromString(html, "text/html");
    const line = document.importNode(fresh.body.firstElementChild, true);
    item.replaceWith(line);
    if (line.dataset.status === "done") line.querySelector("a").focus();
    else if (line.dataset.status !== "failed") setTimeout(() => follow(line, id), 700);
  }).catch(() => setTimeout(() => follow(item, id), 2000));
}

/* 409 booklet_not_ready: say why, with each placeholder found. */
function refused(error) {
  problem.textContent = [error.message, ...(error.warnings || []).filter((w) => w.blocking).map((w) => w.message)].join(" ");
  problem.hidden = false;
}

function start(format, button) {
  const failed = { message: problem.dataset.failed };
  const data = new FormData(form);
  data.set("format", format);
  button.disabled = true;
  problem.hidden = true;
  fetch(form.action, { method: "POST", body: data, credentials: "same-origin", headers: { Accept: "application/json" } })
    .then((r) => r.json().then((body) => (r.ok ? body : refused(body.error || failed))))
    .then((job) => {
      if (!job) return;
      document.getElementById("no-jobs")?.remove();
      list.prepend(document.createElement("li"));
      follow(list.firstElementChild, job.id);
    })
    .catch(() => refused(failed))
    .finally(() => { button.disabled = false; });
}

if (list) {
  for (const item of list.querySelectorAll("li[data-job]")) {
    if (!["done", "failed"].includes(item.dataset.status)) follow(item, item.dataset.job);
  }
  form?.addEventListener("submit", (event) => {
    event.preventDefault();
    const button = event.submitter || form.querySelector("button[name=format]");
    start(button.value, button);
  });
}
