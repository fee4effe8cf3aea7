/* Ensemble — the phone's agenda helpers: the current sequence's title and instructions above
 * the activity, the room's timer, a day's welcome, and the restitution's current screen.
 * Hooks into participant.js through Ensemble.phone.plugins and .activities. */
(function () {
  "use strict";
  var E = window.Ensemble, h = E.h, t = E.t;
  var app = E.phone;
  var SOUND_KEY = "ensemble:timer-sound";
  var lastDay = null;
  var folded = {};  // sequence id → instructions folded by the person

  var activity = document.getElementById("activity");
  var bar = h("section", { id: "agenda-bar", class: "agenda-bar", hidden: true, "aria-label": t("agenda_current") });
  activity.parentNode.insertBefore(bar, activity);

  var timerNode = h("div", { class: "timer phone-timer", role: "timer", "aria-label": t("timer_left"), hidden: true },
    h("span", { class: "timer-value" }), h("span", { class: "timer-label" }));
  var soundButton = h("button", { type: "button", class: "small sound-toggle", onclick: toggleSound });
  var timer = new E.Timer(timerNode, {
    onChange: function (status) { soundButton.hidden = status === "idle"; },
    onEnd: function () {
      app.announce(t("timer_ended"));
      if (E.store.get(SOUND_KEY, false)) E.chime();
    }
  });

  function toggleSound() {
    var on = !E.store.get(SOUND_KEY, false);
    E.store.set(SOUND_KEY, on);
    if (on) E.unlockSound();
    showSound();
  }
  function showSound() {
    var on = E.store.get(SOUND_KEY, false);
    soundButton.setAttribute("aria-pressed", String(on));
    soundButton.textContent = t("sound");  // a toggle: its state is aria-pressed
  }

  function state() { return app.data.workshop.state; }

  function renderBar() {
    var s = state();
    bar.textContent = "";
    var hasSequence = Boolean(s.sequence);
    bar.hidden = !hasSequence && timer.status() === "idle";
    if (hasSequence) {
      bar.appendChild(h("p", { class: "seq-kicker", text: s.day_title }));
      bar.appendChild(h("p", { class: "seq-title", text: s.sequence_title }));
      if (s.instructions) {
        // Instructions can be folded away to leave room for the activity (remembered per sequence).
        var details = h("details", { class: "seq-details", open: !folded[s.sequence] },
          h("summary", { text: t("instructions") }),
          h("p", { class: "seq-instructions", text: s.instructions }));
        details.addEventListener("toggle", function () { folded[s.sequence] = !details.open; });
        bar.appendChild(details);
      }
    }
    bar.appendChild(h("div", { class: "timer-row" }, timerNode, soundButton));
    showSound();
  }

  app.plugins.push({
    onSnapshot: function () {
      lastDay = state().day;
      timer.set(app.data.timer);
      renderBar();
    },
    onEvent: function (env) {
      if (env.type === "timer") {
        var was = timer.status();
        app.data.timer = env.data;
        timer.set(env.data);
        if (env.data.status === "running" && was !== "running") {
          app.announce(t("timer_started", { time: E.formatSeconds(timer.remaining()) }));
        }
        renderBar();
      } else if (env.type === "state" || env.type === "workshop") {
        var s = state();
        if (s.day !== lastDay) {
          lastDay = s.day;
          // A new day: sync again so the server counts this phone as present today.
          if (app.live && app.live.connected()) app.live.sync();
        }
        renderBar();
      } else if (env.type === "restitution") {
        app.data.restitution = env.data;
        if (state().activity === "restitution") {
          app.render();
          if (env.data) app.announce(t("on_screen") + " " + env.data.screen.title);
        }
      }
    }
  });

  /* A day opened, before its first sequence. */
  app.activities.welcome = {
    render: function () {
      activity.textContent = "";
      activity.appendChild(h("div", { class: "welcome", "data-activity": "welcome" },
        h("h1", { tabindex: "-1", text: state().day_title }),
        h("p", { class: "waiting", text: t("welcome_wait") })));
    }
  };

  /* The restitution: the room watches the projection; the phone follows the screen's title. */
  app.activities.restitution = {
    render: function () {
      var r = app.data.restitution;
      activity.textContent = "";
      var box = h("div", { class: "restitution-phone", "data-activity": "restitution" },
        h("h1", { text: r ? t("restitution_of", { title: r.day_title }) : state().sequence_title }));
      if (r) {
        box.appendChild(h("p", { class: "hint", text: t("screen_of", { n: r.index + 1, total: r.count }) }));
        box.appendChild(h("p", { class: "restitution-now" },
          h("span", { class: "visually-hidden", text: t("on_screen") + " " }),
          r.screen.title));
      }
      activity.appendChild(box);
    }
  };
})();
