/* « Qui est là » on the console: how many are in, by type of organisation and profession. */
import { h } from "../core/dom.js";

export function people(app) {
  function show(presence) {
    if (!presence) return;
    document.getElementById("people-count").textContent = String(presence.count);
    table("by-type", presence.by_type, app.labels.types);
    table("by-profession", presence.by_profession, app.labels.professions);
  }
  function table(id, counts, names) {
    const rows = Object.entries(counts).sort((a, b) => b[1] - a[1])
      .map(([key, n]) => h("tr", {}, h("td", { text: names[key] || key }), h("td", { text: String(n) })));
    document.querySelector(`#${id} tbody`).replaceChildren(...rows);
  }
  app.room.subscribe((change) => { if (change.snapshot) show(app.room.presence); });
  return show;
}
