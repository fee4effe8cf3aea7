/* Ensemble — the console's agenda panel: next / previous / jump, planned against actual time,
 * the timer controls, the restitution's screens, attendance per day.
 * An Ensemble.console.panels entry: render(app) after every change, onEvent(env, app). */
(function () {
  "use strict";
  var E = window.Ensemble, h = E.h, t = E.t;
  var app = E.console;
  var grid = document.querySelector(".console-grid");
  var panel = h("section", { class: "panel agenda-panel", id: "agenda", "aria-labelledby": "agenda-title" });
  grid.insertBefore(panel, grid.firstChild);
  app.views.push("sequence", "timer");  // « La projection montre » : the sequence's texts, the big timer

  var agenda = null;        // GET agenda: days, sequences, planned/actual, attendance
  var seenData = null;      // the snapshot drawn last
  var dirty = true;
  var minutesDraft = null;  // what the facilitator typed in the timer's minutes field
  var lastSequence = null;

  var timerNode = h("div", { class: "timer console-timer", role: "timer", "aria-label": t("timer_left") },
    h("span", { class: "timer-value" }), h("span", { class: "timer-label" }));
  var timer = new E.Timer(timerNode, {
    showIdle: true,
    onChange: function () { if (lastTimerStatus !== timer.status()) { dirty = true; draw(); } },
    onEnd: function () { announce(t("timer_ended")); }
  });
  var lastTimerStatus = null;

  /* The panel's skeleton is built once; draw() refills its parts. The minutes field is kept
   * as it is, so a redraw (someone joins, an event arrives) never disturbs typing in it. */
  var minutes = h("input", { id: "timer-minutes", type: "number", min: "1", max: "600", step: "1", inputmode: "numeric" });
  minutes.addEventListener("input", function () { minutesDraft = minutes.value; });
  var nowBox = h("div", { class: "agenda-now" });
  var navBox = h("div", { class: "agenda-nav" });
  var timerButtons = h("div", { class: "agenda-buttons" });
  var restitutionBox = h("div");
  var daysBox = h("div");
  panel.appendChild(h("h2", { id: "agenda-title", text: t("agenda") }));
  panel.appendChild(nowBox);
  panel.appendChild(navBox);
  panel.appendChild(h("fieldset", { class: "agenda-timer" },
    h("legend", { text: t("timer") }), timerNode,
    h("label", { for: "timer-minutes", text: t("timer_minutes") }), minutes, timerButtons));
  panel.appendChild(restitutionBox);
  panel.appendChild(daysBox);

  function announce(text) { document.getElementById("announcer").textContent = text; }
  function state() { return app.data.workshop.state; }

  function load() {
    return app.live.emit("agenda:get", {}).then(function (ack) {
      if (ack.ok) { agenda = ack.agenda; dirty = true; draw(); }
    }, function () { /* offline: keep the last one */ });
  }

  function act(event, data) {
    return app.act(event, data || {}).then(function (ack) {
      if (ack.ok && event.indexOf("agenda:") === 0) load();
      return ack;
    });
  }

  function currentSequence() {
    var s = state();
    if (!agenda || !s.sequence) return null;
    for (var i = 0; i < agenda.days.length; i++) {
      var seqs = agenda.days[i].sequences;
      for (var j = 0; j < seqs.length; j++) if (seqs[j].id === s.sequence) return { day: agenda.days[i], seq: seqs[j], index: j };
    }
    return null;
  }

  function minutesSince(iso) {
    return Math.max(0, Math.round((E.serverNow() - Date.parse(iso)) / 60000));
  }

  function planned(seq) {
    var text = t("planned_min", { n: seq.minutes });
    if (seq.started_at && !seq.ended_at) text += " · " + t("running_for", { n: minutesSince(seq.started_at) });
    else if (seq.actual_minutes !== null && seq.actual_minutes !== undefined) text += " · " + t("actual_min", { n: Math.round(seq.actual_minutes) });
    return text;
  }

  function button(label, onclick, props) {
    return h("button", Object.assign({ type: "button", onclick: onclick, text: label }, props || {}));
  }

  function draw() {
    if (!app.data || !dirty) return;
    dirty = false;
    lastTimerStatus = timer.status();
    var focusKey = document.activeElement && panel.contains(document.activeElement) ? document.activeElement.dataset.focusKey : null;
    var s = state();
    [nowBox, navBox, timerButtons, restitutionBox, daysBox].forEach(function (box) { box.textContent = ""; });

    /* Where we are, and next / previous */
    var here = currentSequence();
    var now = nowBox;
    if (here) {
      now.appendChild(h("p", { class: "agenda-now-day", text: here.day.title + " · " + t("seq_of", { n: here.index + 1, total: here.day.sequences.length }) }));
      now.appendChild(h("p", { class: "agenda-now-title", text: here.seq.title }));
      now.appendChild(h("p", { class: "hint", text: t("act_" + here.seq.activity) + " · " + planned(here.seq) }));
    } else {
      now.appendChild(h("p", { class: "agenda-now-title", text: s.day ? t("day_open", { title: s.day_title }) : t("not_started") }));
    }
    navBox.appendChild(button("◀ " + t("previous"), function () { act("agenda:previous"); }, { dataset: { focusKey: "prev" } }));
    navBox.appendChild(button(t("next") + " ▶", function () { act("agenda:next"); }, { class: "primary", dataset: { focusKey: "next" } }));

    /* Timer */
    var status = timer.status();
    if (minutesDraft === null && document.activeElement !== minutes) minutes.value = String(s.minutes || 10);
    var controls = [
      button(t("timer_start"), function () {
        var value = Number(minutes.value);
        act("timer:start", { minutes: value > 0 ? value : undefined }).then(function (ack) { if (ack.ok) minutesDraft = null; });
      }, { class: "primary", dataset: { focusKey: "t-start" } })
    ];
    if (status === "running") controls.push(button(t("timer_pause"), function () { act("timer:pause"); }, { dataset: { focusKey: "t-pause" } }));
    if (status === "paused") controls.push(button(t("timer_resume"), function () { act("timer:resume"); }, { dataset: { focusKey: "t-resume" } }));
    if (status !== "idle") {
      controls.push(button(t("timer_add", { n: 1 }), function () { act("timer:add", { minutes: 1 }); }, { dataset: { focusKey: "t-add1" } }));
      controls.push(button(t("timer_add", { n: 5 }), function () { act("timer:add", { minutes: 5 }); }, { dataset: { focusKey: "t-add5" } }));
      controls.push(button(t("timer_stop"), function () { act("timer:stop"); }, { class: "danger", dataset: { focusKey: "t-stop" } }));
    }
    controls.push(button(t("timer_fullscreen"), function () { act("state:set", { view: s.view === "timer" ? "sequence" : "timer" }); },
      { "aria-pressed": String(s.view === "timer"), dataset: { focusKey: "t-full" } }));
    controls.forEach(function (b) { timerButtons.appendChild(b); });

    /* Restitution screens */
    if (s.activity === "restitution" && app.data.restitution) {
      var r = app.data.restitution;
      restitutionBox.appendChild(h("fieldset", { class: "agenda-restitution" },
        h("legend", { text: t("restitution") }),
        h("p", { class: "agenda-now-title", text: t("screen_of", { n: r.index + 1, total: r.count }) + " : " + r.screen.title }),
        h("div", { class: "agenda-nav" },
          button("◀ " + t("screen_prev"), function () { act("restitution:goto", { index: r.index - 1 }); },
            { disabled: r.index <= 0, dataset: { focusKey: "r-prev" } }),
          button(t("screen_next") + " ▶", function () { act("restitution:goto", { index: r.index + 1 }); },
            { class: "primary", disabled: r.index >= r.count - 1, dataset: { focusKey: "r-next" } }))));
    }

    /* The whole programme: jump anywhere, planned against actual, attendance */
    if (agenda) {
      agenda.days.forEach(function (day) {
        var isDay = s.day === day.id;
        var totals = t("planned_min", { n: day.planned_minutes }) +
          (day.actual_minutes !== null ? " · " + t("actual_min", { n: Math.round(day.actual_minutes) }) : "");
        daysBox.appendChild(h("h3", { class: "agenda-day" + (isDay ? " current" : "") },
          day.title + (day.date ? " — " + day.date : "")));
        daysBox.appendChild(h("p", { class: "hint" },
          t("present_n", { n: attendanceOf(day.id) }) + " · " + totals + " ",
          isDay && !s.sequence ? null : button(t("open_day"), function () { act("agenda:goto", { day: day.id }); },
            { class: "small", dataset: { focusKey: "day-" + day.id } })));
        daysBox.appendChild(h("ol", { class: "agenda-list" }, day.sequences.map(function (seq) {
          var current = s.sequence === seq.id;
          return h("li", { class: current ? "current" : (seq.ended_at ? "done" : "") },
            h("button", { type: "button", class: "agenda-item", "aria-current": current ? "step" : null,
                          dataset: { focusKey: "seq-" + seq.id },
                          onclick: function () { act("agenda:goto", { sequence: seq.id }); } },
              h("span", { class: "agenda-item-title", text: seq.title }),
              h("span", { class: "agenda-item-meta", text: t("act_" + seq.activity) + " · " + planned(seq) })));
        })));
      });
    }
    if (focusKey) {
      var again = panel.querySelector('[data-focus-key="' + focusKey + '"]');
      if (again) again.focus();
    }
  }

  function attendanceOf(dayId) {
    var list = app.data.attendance || [];
    for (var i = 0; i < list.length; i++) if (list[i].day === dayId) return list[i].count;
    return 0;
  }

  app.panels.agenda = {
    render: function () {
      if (app.data && app.data !== seenData) {  // a (new) snapshot
        seenData = app.data;
        timer.set(app.data.timer);
        dirty = true;
        load();
      }
      draw();
    },
    onEvent: function (env) {
      if (env.type === "timer") {
        app.data.timer = env.data;
        timer.set(env.data);
        dirty = true;
      } else if (env.type === "state") {
        if (app.data.workshop.state.sequence !== lastSequence) {
          lastSequence = app.data.workshop.state.sequence;
          minutesDraft = null;  // a new sequence: its planned minutes
        }
        if (agenda && (agenda.current.sequence !== env.data.sequence || agenda.current.day !== env.data.day)) load();
        dirty = true;
      } else if (env.type === "agenda") {
        load();
      } else if (env.type === "attendance") {
        app.data.attendance = env.data.days;
        dirty = true;
      } else if (env.type === "restitution") {
        app.data.restitution = env.data;
        dirty = true;
      }
    }
  };
  // "running for N min" moves on by itself.
  setInterval(function () { dirty = true; draw(); }, 30000);
})();
