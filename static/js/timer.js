/* Ensemble — the room's timer, as every screen draws it.
 * The server sends an absolute end time (ms since 1970, server clock) or the seconds left
 * while paused; this file computes what is left from E.serverNow() (live.js keeps the offset
 * to the server's clock), so a phone that slept shows the right time as soon as it wakes.
 * new E.Timer(node, {onEnd}) ; timer.set(payload) ; E.chime() plays the gentle end signal. */
(function () {
  "use strict";
  var E = window.Ensemble, t = E.t;

  E.formatSeconds = function (seconds) {
    seconds = Math.max(0, Math.ceil(seconds));
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    var mm = h ? ("0" + m).slice(-2) : String(m);
    return (h ? h + ":" : "") + mm + ":" + ("0" + s).slice(-2);
  };

  E.Timer = function (node, options) {
    this.node = node;
    this.options = options || {};
    this.data = null;
    this.ended = true;
    var self = this;
    setInterval(function () { self.tick(); }, 250);
  };
  E.Timer.prototype.set = function (data) {
    this.data = data;
    // Before the first sync the payload's own `now` is the best guess of the server's clock.
    if (data && typeof data.now === "number" && !E.clock.known) E.clock.offset = data.now - Date.now();
    // Only a timer that reaches zero while this screen watches signals its end.
    this.ended = !data || data.status !== "running" || this.remaining() <= 0;
    this.tick();
  };
  E.Timer.prototype.status = function () { return this.data ? this.data.status : "idle"; };
  E.Timer.prototype.remaining = function () {
    var d = this.data;
    if (!d || d.status === "idle") return null;
    if (d.status === "paused") return d.remaining;
    return Math.max(0, (d.ends_at - E.serverNow()) / 1000);
  };
  E.Timer.prototype.tick = function () {
    var left = this.remaining();
    var status = this.status();
    if (status === "running" && left <= 0) status = "ended";
    var text = left === null ? "" : E.formatSeconds(left);
    if (this.node.dataset.text !== text || this.node.dataset.status !== status) {
      this.node.dataset.text = text;
      this.node.dataset.status = status;
      this.node.className = this.node.className.replace(/\btimer-\w+\b/g, "").trim() + " timer-" + status;
      this.node.hidden = status === "idle" && !this.options.showIdle;
      var value = this.node.querySelector(".timer-value") || this.node;
      value.textContent = text;
      var label = this.node.querySelector(".timer-label");
      if (label) label.textContent = status === "ended" ? t("timer_ended") : status === "paused" ? t("timer_paused") : "";
      if (this.options.onChange) this.options.onChange(status, left);
    }
    if (status === "ended" && !this.ended) {
      this.ended = true;
      if (this.options.onEnd) this.options.onEnd();
    }
  };

  /* A short, soft two-note chime made on the spot (no audio file to download). */
  var audio = null;
  E.chime = function () {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    try {
      audio = audio || new Context();
      if (audio.state === "suspended") audio.resume();
      [[659.25, 0], [880, 0.35]].forEach(function (note) {
        var osc = audio.createOscillator(), gain = audio.createGain();
        var start = audio.currentTime + note[1];
        osc.type = "sine";
        osc.frequency.value = note[0];
        gain.gain.setValueAtTime(0.0001, start);
        gain.gain.exponentialRampToValueAtTime(0.2, start + 0.04);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.9);
        osc.connect(gain).connect(audio.destination);
        osc.start(start);
        osc.stop(start + 1);
      });
    } catch (e) { /* no sound: the visual signal remains */ }
  };
  /* Browsers only allow sound after a tap: call this from a click handler to unlock it. */
  E.unlockSound = function () {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    try { audio = audio || new Context(); if (audio.state === "suspended") audio.resume(); } catch (e) { /* ignore */ }
  };
})();
