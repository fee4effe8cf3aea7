/* Ensemble — the projection's agenda views: "sequence" (title, instructions, question in large
 * type), "timer" (full screen), "restitution" (one synthesis screen at a time), and the timer
 * in a corner during the other views. Hooks into projection.js (views and plugins). */
(function () {
  "use strict";
  var E = window.Ensemble, h = E.h, t = E.t;
  var app = E.projection;
  var root = document.getElementById("screen");
  var sequenceView = app.addView("sequence");
  var timerView = app.addView("timer");
  var restitutionView = app.addView("restitution");

  function state() { return app.data.workshop.state; }

  /* ---------- Timers: one in the corner, one full screen ---------- */
  var corner = h("div", { class: "timer corner-timer", role: "timer", "aria-label": t("timer_left"), hidden: true },
    h("span", { class: "timer-value" }), h("span", { class: "timer-label" }));
  root.appendChild(corner);
  var bigValue = h("div", { class: "timer big-timer", role: "timer", "aria-label": t("timer_left") },
    h("span", { class: "timer-value" }), h("span", { class: "timer-label" }));
  var bigTitle = h("p", { class: "big-timer-title" });
  timerView.appendChild(h("h1", { class: "visually-hidden", text: t("timer_left") }));
  timerView.appendChild(bigTitle);
  timerView.appendChild(bigValue);

  var announcer = h("p", { class: "visually-hidden", "aria-live": "polite" });
  root.appendChild(announcer);
  function onEnd() {
    announcer.textContent = t("timer_ended");
    E.chime();  // heard only if someone clicked the page once (browsers' autoplay rule)
  }
  var cornerTimer = new E.Timer(corner, { onEnd: onEnd, onChange: placeCorner });
  var bigTimer = new E.Timer(bigValue, { showIdle: true });
  document.addEventListener("click", function () { E.unlockSound(); });

  function placeCorner() {
    var view = app.data ? state().view : "join";
    corner.hidden = cornerTimer.status() === "idle" || view === "timer" || view === "blank";
  }

  /* ---------- Sequence: what to do now, in large type ---------- */
  app.views.sequence = {
    show: function () {
      var s = state();
      sequenceView.textContent = "";
      if (!s.sequence) {
        sequenceView.appendChild(h("h1", { class: "seq-big-title", text: s.day_title || app.data.workshop.title }));
        return;
      }
      sequenceView.appendChild(h("p", { class: "seq-big-kicker", text: s.day_title }));
      sequenceView.appendChild(h("h1", { class: "seq-big-title", text: s.sequence_title }));
      if (s.question) sequenceView.appendChild(h("p", { class: "seq-big-question", text: s.question }));
      if (s.instructions) sequenceView.appendChild(h("p", { class: "seq-big-instructions", text: s.instructions }));
    }
  };

  app.views.timer = {
    show: function () {
      var s = state();
      bigTitle.textContent = s.sequence_title || "";
    }
  };

  /* ---------- Restitution: one screen at a time ---------- */
  app.views.restitution = {
    show: function () {
      var r = app.data.restitution;
      restitutionView.textContent = "";
      if (!r) {
        restitutionView.appendChild(h("h1", { class: "seq-big-title", text: state().sequence_title || t("restitution") }));
        return;
      }
      var screen = r.screen;
      var head = h("header", { class: "resti-head" },
        h("p", { class: "resti-kicker" },
          t("restitution_of", { title: r.day_title }) + " · " + t("screen_of", { n: r.index + 1, total: r.count })),
        screen.number ? h("p", { class: "resti-number", text: t("axis_of_n", { n: screen.number, total: screen.total }) }) : null,
        h("h1", { class: "resti-title", text: screen.title }),
        screen.subtitle ? h("p", { class: "resti-subtitle", text: screen.subtitle }) : null);
      restitutionView.appendChild(head);
      var body = h("div", { class: "resti-body resti-" + screen.kind });
      (screen.sections || []).forEach(function (sec) {
        var title = sec.title || (sec.kind === "lever" ? t("lever_title") : sec.kind === "limit" ? t("limit_title") : "");
        body.appendChild(h("section", { class: "resti-section " + (sec.kind || "") },
          title ? h("h2", { text: title }) : null,
          sec.items && sec.items.length ? h("ol", { class: "resti-items" }, sec.items.map(function (item) {
            return h("li", { class: item.verbatim ? "verbatim" : null },
              h("span", { class: "resti-text", text: item.text }),
              item.count ? h("span", { class: "resti-count", text: t("supports_n", { n: item.count }) }) : null);
          })) : h("p", { class: "resti-empty", text: t("nothing_yet") }),
          sec.more ? h("p", { class: "resti-more", text: t("and_more", { n: sec.more }) }) : null));
      });
      if (screen.bars && screen.bars.length) {
        var max = Math.max.apply(null, screen.bars.map(function (b) { return b.count; }).concat([1]));
        body.appendChild(h("ul", { class: "resti-bars" }, screen.bars.map(function (bar) {
          return h("li", {},
            h("span", { class: "bar-label", text: bar.label }),
            h("span", { class: "bar-track" }, h("span", { class: "bar-fill", "data-pct": String(Math.round(100 * bar.count / max)) })),
            h("span", { class: "bar-count", text: String(bar.count) }));
        })));
        // Width set through CSSOM (allowed by the CSP, unlike inline style attributes).
        Array.prototype.forEach.call(body.querySelectorAll(".bar-fill"), function (fill) {
          fill.style.width = fill.dataset.pct + "%";
        });
      }
      restitutionView.appendChild(body);
    }
  };

  app.plugins.push({
    onSnapshot: function () {
      cornerTimer.set(app.data.timer);
      bigTimer.set(app.data.timer);
      placeCorner();
    },
    onEvent: function (env) {
      if (env.type === "timer") {
        app.data.timer = env.data;
        cornerTimer.set(env.data);
        bigTimer.set(env.data);
      } else if (env.type === "restitution") {
        app.data.restitution = env.data;
      }
      placeCorner();
    }
  });
})();
