/* The console's programme: where the room is, previous / next, the timer, the restitution's
 * screens, and every day's sequences (jump anywhere, planned against actual time, who came).
 * Buttons that stay are made once; the programme's list is rebuilt when it changes. */
import { h, redraw, setText } from "../core/dom.js";
import { serverNow } from "../core/live.js";
import { pageLocale, t } from "../core/strings.js";
import { Timer } from "../core/timer.js";

export function agendaPanel(app) {
  let agenda = null; // agenda:get — days, sequences, planned and actual times
  let typed = null;  // the minutes the facilitator typed, kept until the timer starts
  const state = () => app.room.state;
  const button = (text, onclick, props = {}) => h("button", { type: "button", text, onclick, ...props });
  const act = (event, data) => app.act(event, data).then((ack) => {
    if (ack.ok && event.startsWith("agenda:")) load();
    return ack;
  });

  const timerNode = h("div", { class: "timer console-timer", role: "timer", "aria-label": t("timer_left") },
    h("span", { class: "timer-value" }), h("span", { class: "timer-label" }));
  const timer = new Timer(timerNode, { showIdle: true, labels: { ended: t("timer_ended"), paused: t("timer_paused") },
    onChange: () => showTimer(), onEnd: () => app.announce(t("timer_ended")) });
  const minutes = h("input", { id: "timer-minutes", type: "number", min: "1", max: "600", step: "1", inputmode: "numeric",
    oninput: () => { typed = minutes.value; } });
  const start = button(t("timer_start"), () => {
    const value = Number(minutes.value);
    act("timer:start", { minutes: value > 0 ? value : undefined }).then((ack) => { if (ack.ok) typed = null; });
  }, { class: "primary" });
  const pause = button(t("timer_pause"), () => act("timer:pause", {}));
  const resume = button(t("timer_resume"), () => act("timer:resume", {}));
  const running = [button(t("timer_add", { n: 1 }), () => act("timer:add", { minutes: 1 })),
    button(t("timer_add", { n: 5 }), () => act("timer:add", { minutes: 5 })),
    button(t("timer_stop"), () => act("timer:stop", {}), { class: "danger" })];
  const full = button(t("timer_fullscreen"), () => act("state:set", { view: state().view === "timer" ? "sequence" : "timer" }));

  const now = h("div", { class: "agenda-now" });
  const screenTitle = h("p", { class: "agenda-now-title" });
  const screenPrev = button(`◀ ${t("screen_prev")}`, () => act("restitution:goto", { index: app.room.restitution.index - 1 }));
  const screenNext = button(`${t("screen_next")} ▶`, () => act("restitution:goto", { index: app.room.restitution.index + 1 }), { class: "primary" });
  const restitution = h("fieldset", { class: "agenda-restitution", hidden: true }, h("legend", { text: t("restitution") }),
    screenTitle, h("div", { class: "agenda-nav" }, screenPrev, screenNext));
  const days = h("div");
  const panel = h("section", { class: "panel agenda-panel", id: "agenda", "aria-labelledby": "agenda-title" },
    h("h2", { id: "agenda-title", text: t("agenda") }), now,
    h("div", { class: "agenda-nav" }, button(`◀ ${t("previous")}`, () => act("agenda:previous", {})),
      button(`${t("next")} ▶`, () => act("agenda:next", {}), { class: "primary" })),
    h("fieldset", { class: "agenda-timer" }, h("legend", { text: t("timer") }), timerNode,
      h("label", { for: "timer-minutes", text: t("timer_minutes") }), minutes,
      h("div", { class: "agenda-buttons" }, start, pause, resume, ...running, full)),
    restitution, days);

  function load() {
    app.live.emit("agenda:get", {}).then((ack) => {
      if (ack.ok) { agenda = ack.agenda; draw(); }
    }, () => { /* offline: keep the last one */ });
  }

  function showTimer() {
    const status = timer.status();
    pause.hidden = status !== "running";
    resume.hidden = status !== "paused";
    running.forEach((b) => { b.hidden = status === "idle"; });
    full.setAttribute("aria-pressed", String(app.room.hasSnapshot && state().view === "timer"));
  }

  const dateOf = (iso) => new Date(iso).toLocaleDateString(pageLocale(), { dateStyle: "long", timeZone: "UTC" });
  const minutesSince = (iso) => Math.max(0, Math.round((serverNow() - Date.parse(iso)) / 60000));
  function planned(seq) {
    let text = t("planned_min", { n: seq.minutes });
    if (seq.started_at && !seq.ended_at) text += ` · ${t("running_for", { n: minutesSince(seq.started_at) })}`;
    else if (seq.actual_minutes != null) text += ` · ${t("actual_min", { n: Math.round(seq.actual_minutes) })}`;
    return text;
  }

  function draw() {
    if (!app.room.hasSnapshot) return;
    const s = state();
    if (typed === null && document.activeElement !== minutes) minutes.value = String(s.minutes || 10);
    showTimer();
    const day = agenda?.days.find((d) => d.sequences.some((seq) => seq.id === s.sequence));
    const index = day ? day.sequences.findIndex((seq) => seq.id === s.sequence) : -1;
    redraw(now, () => (day ? [
      h("p", { class: "agenda-now-day", text: `${day.title} · ${t("seq_of", { n: index + 1, total: day.sequences.length })}` }),
      h("p", { class: "agenda-now-title", text: day.sequences[index].title }),
      h("p", { class: "hint", text: `${t(`act_${day.sequences[index].activity}`)} · ${planned(day.sequences[index])}` }),
    ] : h("p", { class: "agenda-now-title", text: s.day ? t("day_open", { title: s.day_title }) : t("not_started") })));
    const r = app.room.restitution;
    restitution.hidden = !(s.activity === "restitution" && r);
    if (!restitution.hidden) {
      setText(screenTitle, `${t("screen_of", { n: r.index + 1, total: r.count })} : ${r.screen.title}`);
      screenPrev.disabled = r.index <= 0;
      screenNext.disabled = r.index >= r.count - 1;
    }
    if (agenda) redraw(days, () => agenda.days.map((d) => dayItems(d, s)));
  }

  function dayItems(day, s) {
    const present = app.room.attendance.find((a) => a.day === day.id)?.count ?? 0;
    const totals = t("planned_min", { n: day.planned_minutes }) +
      (day.actual_minutes !== null ? ` · ${t("actual_min", { n: Math.round(day.actual_minutes) })}` : "");
    return [
      h("h3", { class: `agenda-day${s.day === day.id ? " current" : ""}`, text: day.title + (day.date ? ` — ${dateOf(day.date)}` : "") }),
      h("p", { class: "hint" }, `${t("present_n", { n: present })} · ${totals} `,
        s.day === day.id && !s.sequence ? null : button(t("open_day"), () => act("agenda:goto", { day: day.id }), { class: "small", id: `day-${day.id}` })),
      h("ol", { class: "agenda-list" }, day.sequences.map((seq) => {
        const current = s.sequence === seq.id;
        return h("li", { class: current ? "current" : seq.ended_at ? "done" : "" },
          h("button", { type: "button", class: "agenda-item", id: `seq-${seq.id}`, "aria-current": current ? "step" : null,
            onclick: () => act("agenda:goto", { sequence: seq.id }) },
          h("span", { class: "agenda-item-title", text: seq.title }),
          h("span", { class: "agenda-item-meta", text: `${t(`act_${seq.activity}`)} · ${planned(seq)}` })));
      })),
    ];
  }

  let sequence;
  app.room.subscribe((change) => {
    if (change.snapshot || change.type === "timer") timer.set(app.room.timer);
    const moved = change.type === "state" && agenda && (agenda.current.sequence !== state().sequence || agenda.current.day !== state().day);
    if (change.snapshot || change.type === "agenda" || moved) load();
    if (change.type === "state" && state().sequence !== sequence) typed = null; // a new sequence: its planned minutes
    sequence = state().sequence;
    draw();
  });
  setInterval(draw, 30000); // « running for N min » moves on by itself
  return panel;
}
