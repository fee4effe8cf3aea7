/* The room's timer as every screen draws it. The server sends an end time (ms since 1970,
 * server clock) or the seconds left while paused; what is left is computed from
 * serverNow(), so a phone that slept shows the right time as soon as it wakes.
 * new Timer(node, {onEnd, onChange, showIdle, labels: {ended, paused}}); timer.set(payload). */
import { clock, serverNow } from "./live.js";

const TICK_MS = 250;

export function formatSeconds(value) {
  const seconds = Math.max(0, Math.ceil(value));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const mm = hours ? String(minutes).padStart(2, "0") : String(minutes);
  return `${hours ? `${hours}:` : ""}${mm}:${String(seconds % 60).padStart(2, "0")}`;
}

export class Timer {
  constructor(node, options = {}) {
    this.node = node;
    this.options = options;
    this.data = null;
    this.ended = true;
    setInterval(() => this.tick(), TICK_MS);
  }

  set(data) {
    this.data = data;
    // Before the first sync the payload's own `now` is the best guess of the server's clock.
    if (data && typeof data.now === "number" && !clock.known) clock.offset = data.now - Date.now();
    // Only a timer that reaches zero while this screen watches signals its end.
    this.ended = !data || data.status !== "running" || this.remaining() <= 0;
    this.tick();
  }

  status() {
    return this.data ? this.data.status : "idle";
  }

  remaining() {
    const d = this.data;
    if (!d || d.status === "idle") return null;
    if (d.status === "paused") return d.remaining;
    return Math.max(0, (d.ends_at - serverNow()) / 1000);
  }

  tick() {
    const left = this.remaining();
    let status = this.status();
    if (status === "running" && left <= 0) status = "ended";
    const text = left === null ? "" : formatSeconds(left);
    const node = this.node;
    if (node.dataset.text !== text || node.dataset.status !== status) {
      node.dataset.text = text;
      node.dataset.status = status;
      node.className = `${node.className.replace(/\btimer-\w+\b/g, "").trim()} timer-${status}`;
      node.hidden = status === "idle" && !this.options.showIdle;
      (node.querySelector(".timer-value") || node).textContent = text;
      const label = node.querySelector(".timer-label");
      const labels = this.options.labels || {};
      if (label) label.textContent = (status === "ended" ? labels.ended : status === "paused" ? labels.paused : "") || "";
      this.options.onChange?.(status, left);
    }
    if (status === "ended" && !this.ended) {
      this.ended = true;
      this.options.onEnd?.();
    }
  }
}

/* A short, soft two-note chime made on the spot (no audio file to download). Browsers
 * allow sound only after a tap: call unlockSound() from a click handler. */
let audio = null;

export function unlockSound() {
  try {
    audio ||= new (window.AudioContext || window.webkitAudioContext)();
    if (audio.state === "suspended") audio.resume();
  } catch { /* no sound: the visual signal remains */ }
  return audio;
}

export function chime() {
  const ctx = unlockSound();
  try {
    for (const [frequency, delay] of [[659.25, 0], [880, 0.35]]) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      const start = ctx.currentTime + delay;
      osc.type = "sine";
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.2, start + 0.04);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.9);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + 1);
    }
  } catch { /* no sound (ctx is null without Web Audio): the visual signal remains */ }
}
