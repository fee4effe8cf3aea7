/* The console's programme: every day's sequences (jump anywhere, planned against actual
 * time, who came) on the « Programme » tab, and the running restitution's screens.
 * The programme is asked for (agenda:get) when the room moves or the organiser edits it;
 * `onAgenda(agenda)` hands it to the « now » strip, which says what comes next. */
import { bind, h, redraw, refresh, wire } from "../core/dom.js";
import { serverNow } from "../core/live.js";
import { pageLocale, plural, t } from "../core/strings.js";
import { button } from "../staff/ui.js";

const dateOf = (iso) => new Date(iso).toLocaleDateString(pageLocale(), { dateStyle: "long", timeZone: "UTC" });
const minutesSince = (iso) => Math.max(0, Math.round((serverNow() - Date.parse(iso)) / 60000));
const actual = (minutes) => (minutes != null ? ` · ${t("actual_min", { n: Math.round(minutes) })}` : "");

function planned(seq) {
  const running = seq.started_at && !seq.ended_at;
  return t("planned_min", { n: seq.minutes }) +
    (running ? ` · ${t("running_for", { n: minutesSince(seq.started_at) })}` : actual(seq.actual_minutes));
}

export function agendaPanels(app, onAgenda) {
  let agenda = null; // agenda:get — days, sequences, planned and actual times
  const act = (event, data) => app.act(event, data).then((ack) => { if (ack.ok) load(); });
  const r = () => app.room.restitution;
  const screen = (step) => () => app.act("restitution:goto", { index: r().index + step });
  const screenTitle = () => `${t("screen_of", { n: r().index + 1, total: r().count })} : ${r().screen.title}`;
  const restitution = document.getElementById("restitution-panel");
  wire(restitution, {
    where: { text: () => r() && screenTitle() },
    previous: { onclick: screen(-1), disabled: () => r()?.index <= 0 },
    next: { onclick: screen(1), disabled: () => r()?.index >= r()?.count - 1 },
  });
  bind(restitution, { hidden: () => !(app.room.state.activity === "restitution" && r()) });
  const days = document.getElementById("agenda-days");

  function load() {
    app.live.emit("agenda:get", {}).then((ack) => {
      if (ack.ok) { agenda = ack.agenda; onAgenda(agenda); draw(); }
    }, () => { /* offline: keep the last one */ });
  }

  function draw() {
    if (!app.room.hasSnapshot) return;
    refresh(restitution);
    if (agenda) redraw(days, () => agenda.days.map((d) => dayItems(d, app.room.state)));
  }

  function dayItems(day, s) {
    const here = s.day === day.id;
    const present = app.room.attendance.find((a) => a.day === day.id)?.count ?? 0;
    const open = here && !s.sequence ? null
      : button(t("open_day"), () => act("agenda:goto", { day: day.id }), { class: "small", id: `day-${day.id}` });
    return [h("h3", { class: `agenda-day${here ? " current" : ""}`,
      text: day.title + (day.date ? ` — ${dateOf(day.date)}` : "") }),
    h("p", { class: "hint" }, `${plural(t, "present_n", present)} · ${t("planned_min", { n: day.planned_minutes })}`
      + `${actual(day.actual_minutes)} `, open),
    h("ol", { class: "agenda-list" }, day.sequences.map((seq) => {
      const current = s.sequence === seq.id;
      return h("li", { class: current ? "current" : seq.ended_at ? "done" : "" },
        h("button", { type: "button", class: "agenda-item", id: `seq-${seq.id}`,
          "aria-current": current ? "step" : null, onclick: () => act("agenda:goto", { sequence: seq.id }) },
        h("span", { class: "agenda-item-title", text: seq.title }),
        h("span", { class: "agenda-item-meta", text: `${t(`act_${seq.activity}`)} · ${planned(seq)}` })));
    }))];
  }

  app.room.subscribe((change) => {
    const s = app.room.state;
    const moved = change.type === "state" && agenda
      && (agenda.current.sequence !== s.sequence || agenda.current.day !== s.day);
    if (change.snapshot || change.type === "agenda" || moved) load();
    draw();
  });
  setInterval(draw, 30000); // « running for N min » moves on by itself
}
