/* One Socket.IO connection to a room, with catch-up by sequence number (docs/realtime.md).
 *
 * new Live(auth, {stores, onStatus, onReady, onAuthError, onPresence}): each (re)connection
 * says `since: last seq seen` with its auth, and the server answers it at once with
 * `synced` — what `sync {since}` would acknowledge, one round trip earlier; a server that
 * does not is asked `sync` once connected. The answer goes to every store: a snapshot to
 * load(snapshot, seq), missed events to apply(envelope). The stores skip what they already
 * have; this only remembers the last number seen. */

const SYNC_TIMEOUT_MS = 15000;
const SYNC_RETRY_MS = 2000;
/* The room or this participation is gone: no reconnection will help. */
export const GONE = new Set(["unauthorized", "unknown_workshop"]);
const RESYNC_SPREAD_MS = 2000;

/* The server's clock as seen from here: every sync ack carries the server's `now`; the
 * offset assumes the answer took half the round trip (timers stay within a second). */
export const clock = { offset: 0, known: false };
export function serverNow() { return Date.now() + clock.offset; }

export class Live {
  constructor(auth, handlers) {
    this.auth = auth;
    this.handlers = handlers;
    this.stores = handlers.stores || [];
    this.lastSeq = 0;
    this.synced = false;
    this.early = [];           // events that arrived before the answer to `sync`
    this.needSnapshot = false; // after a `resync` hint, until a snapshot arrived
    this.epoch = 0;            // answers to syncs asked before the last `resync` are stale
    this.state = "connecting";
    this.asked = null;         // {sent, epoch} of the `since` this connection attempt said
    this.answered = false;     // `synced` came with this connection: no `sync` to ask
  }

  start() {
    /* A websocket first: the cheapest join for the server; long-polling if a proxy or a
     * portal refuses websockets (a deployment may allow websockets only: docs/deploy.md). */
    const transports = window.Ensemble?.transports || ["websocket", "polling"];
    const socket = (this.socket = io({ auth: (send) => send(this.connectAuth()), transports,
                                       tryAllTransports: true, reconnectionDelayMax: 5000 }));
    this.status("connecting");
    /* `synced` arrives before `connect` (the client holds it until the namespace is joined). */
    socket.on("synced", (ack) => {
      if (!this.asked || this.asked.epoch !== this.epoch) return; // `connect` asks `sync`
      this.answered = true;
      this.answer(ack, this.asked.sent, this.asked.epoch);
    });
    socket.on("connect", () => {
      if (!this.answered) this.sync();
      this.answered = false;
    });
    socket.on("disconnect", () => {
      this.synced = false;
      this.answered = false;
      this.status("offline");
    });
    socket.on("connect_error", (err) => {
      this.status("offline");
      const code = err && err.message;
      if (GONE.has(code)) {
        this.handlers.onAuthError?.(code);
        return;
      }
      if (!socket.active) setTimeout(() => socket.connect(), 2000);
    });
    socket.on("event", (envelope) => this.take(envelope));
    /* When the room is busy, phones get the crowd's events a few at a time (realtime/digest.py). */
    socket.on("events", (list) => (Array.isArray(list) ? list : []).forEach((e) => this.take(e)));
    /* A phone that slept missed events and its clock may have drifted: catch up on wake. */
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible" && socket.connected) this.sync();
    });
    socket.on("presence", (counts) => this.handlers.onPresence?.(counts));
    /* The worker's message queue came back after a loss: what was sent meanwhile never
     * reached this screen. Phones spread their snapshots so the projection is answered first. */
    socket.on("resync", () => {
      const delay = this.auth.role === "participant" ? Math.random() * RESYNC_SPREAD_MS : 0;
      setTimeout(() => this.resync(), delay);
    });
  }

  take(envelope) {
    /* The room was deleted: the last thing it says (after that, connecting is refused). */
    if (envelope.type === "workshop_deleted") this.handlers.onAuthError?.("unknown_workshop");
    else if (this.synced) this.receive(envelope); else this.early.push(envelope);
  }

  receive(envelope) {
    this.lastSeq = Math.max(this.lastSeq, envelope.seq);
    for (const store of this.stores) store.apply(envelope);
  }

  /* A snapshot, not `since: lastSeq`: an event published after the queue came back may
   * have arrived before this hint and pushed lastSeq past one that was lost. */
  resync() {
    this.needSnapshot = true;
    this.epoch += 1;
    this.synced = false;
    if (this.socket.connected) this.sync();
  }

  status(value) {
    this.state = value;
    this.handlers.onStatus?.(value);
  }

  since() {
    return this.needSnapshot ? 0 : this.lastSeq;
  }

  /* The auth of each connection attempt: who, and the last seq seen. */
  connectAuth() {
    this.asked = { sent: Date.now(), epoch: this.epoch };
    this.answered = false;
    return { ...this.auth, since: this.since() };
  }

  sync() {
    const sent = Date.now();
    const epoch = this.epoch;
    this.emit("sync", { since: this.since() }, SYNC_TIMEOUT_MS).then((ack) => {
      this.answer(ack, sent, epoch);
    }, () => {
      /* Unanswered in 15 s: the server is busy (a join storm), not gone. Asking again on
       * this connection keeps the phone's place (docs/performance.md). */
      if (epoch === this.epoch && this.socket.connected) this.sync();
    });
  }

  /* The answer to `sync` (or `synced`), asked at `sent` in `epoch`. */
  answer(ack, sent, epoch) {
    if (epoch !== this.epoch) return; // a resync came since: its snapshot answers
    if (!ack.ok) {
      if (GONE.has(ack.error?.code)) this.handlers.onAuthError?.(ack.error.code);
      else this.retry(epoch, ack.error?.retry_after);
      return;
    }
    if (typeof ack.now === "number") {
      clock.offset = ack.now - (sent + Date.now()) / 2;
      clock.known = true;
    }
    if (ack.snapshot) {
      this.lastSeq = ack.seq;
      this.needSnapshot = false;
      for (const store of this.stores) store.load(ack.snapshot, ack.seq);
      for (const store of this.stores) store.loaded();
    } else {
      ack.events.forEach((envelope) => this.receive(envelope));
      this.lastSeq = Math.max(this.lastSeq, ack.seq);
    }
    this.synced = true;
    /* An event committed after the snapshot was built may have arrived before it. */
    const early = this.early;
    this.early = [];
    early.forEach((envelope) => this.receive(envelope));
    this.status("online");
    this.handlers.onReady?.();
  }

  /* The server refused to answer `sync` (its database down for a moment, this socket
   * over its limit): the screen takes no event until it is answered, so ask again then. */
  retry(epoch, seconds) {
    this.status("offline");
    const delay = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : SYNC_RETRY_MS;
    setTimeout(() => {
      if (epoch === this.epoch && !this.synced && this.socket.connected) this.sync();
    }, Math.min(delay, SYNC_TIMEOUT_MS));
  }

  /* emit with acknowledgement → Promise(ack); rejects after `timeout` ms. */
  emit(name, data, timeout = 10000) {
    return new Promise((resolve, reject) => {
      this.socket.timeout(timeout).emit(name, data, (err, ack) => {
        if (err) reject(err);
        else resolve(ack || { ok: false, error: { code: "no_answer", message: "" } });
      });
    });
  }

  connected() {
    return Boolean(this.socket && this.socket.connected && this.synced);
  }
}
