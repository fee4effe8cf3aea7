/* Ensemble — shared client core: safe DOM building, strings, live connection, outbox.
 * User text only ever reaches the page through textContent / text nodes. */
(function () {
  "use strict";
  var E = (window.Ensemble = window.Ensemble || {});

  /* h("button", {class: "x", onclick: fn, text: "Hi"}, child, "text") */
  E.h = function (tag, props) {
    var el = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      var value = props[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "class") el.className = value;
      else if (key === "text") el.textContent = value;
      else if (key.slice(0, 2) === "on") el.addEventListener(key.slice(2), value);
      else if (key === "dataset") Object.assign(el.dataset, value);
      else el.setAttribute(key, value === true ? "" : String(value));
    });
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  };
  function append(el, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(el, c); }); return; }
    el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }

  E.readJSON = function (id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : {};
  };

  var strings = null;
  /* E.t("key", {n: 3}) → the translated string from the page's #strings block,
   * where placeholders are written {n} (Jinja's gettext would format %(n)s itself). */
  E.t = function (key, params) {
    if (strings === null) strings = E.readJSON("strings");
    if (!Object.prototype.hasOwnProperty.call(strings, key)) {
      /* Domains add their own blocks, <script type="application/json" data-strings>,
       * possibly after this file ran: read those not read yet. */
      Array.prototype.forEach.call(document.querySelectorAll("script[data-strings]:not([data-read])"), function (node) {
        Object.assign(strings, JSON.parse(node.textContent));
        node.setAttribute("data-read", "");
      });
    }
    var text = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : key;
    Object.keys(params || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(String(params[name]));
    });
    return text;
  };

  E.uuid = function () {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  };

  E.store = {
    get: function (key, fallback) {
      try { var v = localStorage.getItem(key); return v === null ? fallback : JSON.parse(v); }
      catch (e) { return fallback; }
    },
    set: function (key, value) {
      try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode: keep in memory */ }
    },
    remove: function (key) { try { localStorage.removeItem(key); } catch (e) { /* ignore */ } }
  };

  /* Live: one Socket.IO connection to a room, with catch-up by sequence number.
   * handlers: onSnapshot(data), onEvent(envelope), onStatus("online"|"offline"|"connecting"),
   *           onReady() after each (re)sync, onAuthError(code), onPresence(counts). */
  E.Live = function (auth, handlers) {
    this.auth = auth;
    this.handlers = handlers;
    this.lastSeq = 0;
    this.seen = {};
    this.applied = {};
    this.floor = 0;
    this.synced = false;
    this.early = [];  // events that arrived before the answer to `sync`
    this.needSnapshot = false;  // after a `resync` hint, until a snapshot arrived
    this.epoch = 0;             // answers to syncs asked before the last `resync` are stale
  };
  E.Live.prototype.start = function () {
    var self = this;
    /* A websocket first: one connection per phone, the cheapest join for the server (a
     * long-polling start costs several requests more); long-polling if a proxy or portal
     * refuses websockets. */
    var socket = (this.socket = io({ auth: this.auth,
                                     transports: E.transports || ["websocket", "polling"],
                                     tryAllTransports: true, reconnectionDelayMax: 5000 }));
    this.status("connecting");
    socket.on("connect", function () { self.sync(); });
    socket.on("disconnect", function () { self.synced = false; self.status("offline"); });
    socket.on("connect_error", function (err) {
      self.status("offline");
      var code = err && err.message;
      if (code === "unauthorized" || code === "unknown_workshop") {
        if (self.handlers.onAuthError) self.handlers.onAuthError(code);
        return;
      }
      if (!socket.active) setTimeout(function () { socket.connect(); }, 2000);
    });
    socket.on("event", function (envelope) {
      if (self.synced) self.receive(envelope); else self.early.push(envelope);
    });
    /* When the room is busy, phones get the crowd's events a few at a time (realtime/digest.py). */
    socket.on("events", function (list) {
      (Array.isArray(list) ? list : []).forEach(function (envelope) {
        if (self.synced) self.receive(envelope); else self.early.push(envelope);
      });
    });
    /* A phone that slept missed events and its clock may have drifted: catch up on wake. */
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible" && socket.connected) self.sync();
    });
    socket.on("presence", function (counts) { if (self.handlers.onPresence) self.handlers.onPresence(counts); });
    /* The worker's message queue (Redis, with several workers) came back after a loss:
     * events sent meanwhile never reached this still-connected screen. Phones spread
     * their snapshots over 2 s, so the projection's is answered first. */
    socket.on("resync", function () {
      var delay = self.auth.role === "participant" ? Math.random() * RESYNC_SPREAD_MS : 0;
      setTimeout(function () { self.resync(); }, delay);
    });
  };
  var RESYNC_SPREAD_MS = 2000;
  /* A snapshot, not `since: lastSeq`: an event published after the queue came back may
   * have arrived before this and pushed lastSeq past one that was lost. Events arriving
   * until the snapshot wait in `early`, as after connecting. */
  E.Live.prototype.resync = function () {
    this.needSnapshot = true;
    this.epoch += 1;
    this.synced = false;
    if (this.socket.connected) this.sync();
  };
  E.Live.prototype.status = function (value) {
    this.state = value;
    if (this.handlers.onStatus) this.handlers.onStatus(value);
  };
  /* The server's clock, as seen from here: every sync ack carries the server's `now`;
   * the offset assumes the answer took half the round trip (timers stay within 1 s). */
  E.clock = { offset: 0, known: false };
  E.serverNow = function () { return Date.now() + E.clock.offset; };

  E.Live.prototype.sync = function () {
    var self = this;
    var sent = Date.now();
    var epoch = this.epoch;
    this.emit("sync", { since: this.needSnapshot ? 0 : this.lastSeq }, 15000).then(function (ack) {
      if (epoch !== self.epoch) return;  /* a resync came since: its snapshot answers */
      if (!ack.ok) {
        self.status("offline");
        /* The server's database or its rate limit said « later »: ask again then. */
        if (RETRY_CODES[ack.error.code]) setTimeout(function () { if (epoch === self.epoch) self.sync(); }, retryDelay(ack.error));
        return;
      }
      if (typeof ack.now === "number") {
        var received = Date.now();
        E.clock.offset = ack.now - (sent + received) / 2;
        E.clock.known = true;
      }
      if (ack.snapshot) {
        self.seen = {};
        self.applied = {};
        self.floor = ack.seq;  /* everything up to here is in the snapshot */
        self.lastSeq = ack.seq;
        self.needSnapshot = false;
        self.handlers.onSnapshot(ack.snapshot);
      } else {
        ack.events.forEach(function (envelope) { self.receive(envelope); });
        self.lastSeq = Math.max(self.lastSeq, ack.seq);
      }
      self.synced = true;
      /* An event committed after the snapshot was built may arrive before it: keep it. */
      var early = self.early;
      self.early = [];
      early.forEach(function (envelope) {
        if (!ack.snapshot || envelope.seq > ack.seq) self.receive(envelope);
      });
      self.status("online");
      if (self.handlers.onReady) self.handlers.onReady();
    }, function () {
      /* Unanswered in 15 s: the server is busy (a join storm), not gone; Engine.IO's pings
       * notice a dead link. Asking again on this connection keeps the phone's place in the
       * queue, where reconnecting queued one more connect and snapshot behind the others
       * (docs/performance.md, « Live room under load »). */
      if (epoch === self.epoch && self.socket.connected) self.sync();
    });
  };
  /* Handlers may run concurrently on the server, so an older event can overtake a newer
   * one on the wire. Apply an event only if it is newer than the last one applied to the
   * same thing (a card, a poll, the room's state…) and than the snapshot. */
  E.Live.prototype.receive = function (envelope) {
    if (this.seen[envelope.seq] || envelope.seq <= this.floor) return;
    this.seen[envelope.seq] = true;
    this.lastSeq = Math.max(this.lastSeq, envelope.seq);
    var key = entityKey(envelope);
    if (this.applied[key] > envelope.seq) return;
    this.applied[key] = envelope.seq;
    this.handlers.onEvent(envelope);
  };
  /* Events about one of many things name it by this field; the others (state, timer,
   * workshop, groups, wall…) are about the room as a whole. */
  var ENTITY_FIELD = { card: "id", card_deleted: "id", recommendation: "id", poll: "key",
                       writing_count: "sequence", writing_reveal: "sequence" };
  function entityKey(envelope) {
    var field = ENTITY_FIELD[envelope.type];
    var type = envelope.type === "card_deleted" ? "card" : envelope.type;
    return field ? type + ":" + (envelope.data || {})[field] : type;
  }
  /* emit with acknowledgement → Promise(ack); rejects after `timeout` ms. */
  E.Live.prototype.emit = function (name, data, timeout) {
    var socket = this.socket;
    return new Promise(function (resolve, reject) {
      socket.timeout(timeout || 10000).emit(name, data, function (err, ack) {
        if (err) reject(err); else resolve(ack || { ok: false, error: { code: "no_answer", message: "" } });
      });
    });
  };
  E.Live.prototype.connected = function () { return this.socket && this.socket.connected && this.synced; };

  /* Outbox: what the phone sent but the server has not acknowledged yet.
   * Kept in localStorage, re-sent after every reconnection; the client id makes
   * re-sending harmless. Items: {client_id, event, data, created}. */
  var RETRY_CODES = { locked: true, rate_limited: true, no_answer: true, database_unavailable: true };
  /* How long the server asked to wait (`retry_after`, seconds: rate limit, database down). */
  function retryDelay(error) { return 1000 * (error.retry_after > 0 ? error.retry_after : 5); }
  E.Outbox = function (key, live, handlers) {
    this.key = key;
    this.live = live;
    this.handlers = handlers; // onSent(item, ack), onRejected(item, error), onChange()
    this.flushing = false;
    this.notBefore = 0;  // Date.now() before which the server asked not to send again
    var self = this;
    setInterval(function () { self.flush(); }, 5000);
  };
  E.Outbox.prototype.items = function () { return E.store.get(this.key, []); };
  E.Outbox.prototype.save = function (items) { E.store.set(this.key, items); if (this.handlers.onChange) this.handlers.onChange(); };
  E.Outbox.prototype.add = function (event, data) {
    var item = { client_id: data.client_id || E.uuid(), event: event, data: data, created: Date.now() };
    item.data.client_id = item.client_id;
    var items = this.items();
    items.push(item);
    this.save(items);
    this.flush();
    return item;
  };
  E.Outbox.prototype.drop = function (clientId) {
    this.save(this.items().filter(function (i) { return i.client_id !== clientId; }));
  };
  E.Outbox.prototype.flush = function () {
    var self = this;
    if (this.flushing || !this.live.connected() || Date.now() < this.notBefore) return;
    var items = this.items();
    if (!items.length) return;
    this.flushing = true;
    var item = items[0];
    this.live.emit(item.event, item.data, 10000).then(function (ack) {
      self.flushing = false;
      if (ack.ok) {
        self.drop(item.client_id);
        if (self.handlers.onSent) self.handlers.onSent(item, ack);
        self.flush();
      } else if (RETRY_CODES[ack.error.code]) {
        if (ack.error.retry_after > 0) {
          self.notBefore = Date.now() + retryDelay(ack.error);
          setTimeout(function () { self.flush(); }, retryDelay(ack.error));
        }
        if (self.handlers.onWaiting) self.handlers.onWaiting(item, ack.error);
      } else {
        self.drop(item.client_id);
        if (self.handlers.onRejected) self.handlers.onRejected(item, ack.error);
        self.flush();
      }
    }, function () { self.flushing = false; });
  };
})();
