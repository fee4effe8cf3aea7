/* The phone's outbox: every action the person takes (a card, a +1, a poll answer, a text,
 * a recommendation, a dot) waits here, in localStorage, until the server acknowledges it.
 * Sent one at a time, in order, after every sync, every 5 s and on demand.
 *
 * Each item has a client id. Cards and recommendations are stored once per client id by
 * the server; the others set a state (supported or not, these choices, this text, N dots),
 * so sending one again changes nothing. An action on the same thing as one still waiting
 * (its `slot`: "support:12", "poll:q1"…) replaces it: only the last wish is sent.
 *
 * Errors: `locked`, `rate_limited`, `database_unavailable`, no answer → the item waits
 * (a `retry_after` in seconds is honoured); any other error drops it and says why. */
import { load, save, uuid } from "./storage.js";

const WAITING_CODES = new Set(["locked", "rate_limited", "database_unavailable", "no_answer"]);
const FLUSH_EVERY_MS = 5000;

export class Outbox {
  constructor(key, live, handlers) {
    this.key = key;
    this.live = live;
    this.handlers = handlers; // onSent(item, ack), onRejected(item, error), onWaiting(item, error), onChange()
    this.inFlight = null;
    this.notBefore = 0;
    setInterval(() => this.flush(), FLUSH_EVERY_MS);
  }

  items() {
    return load(this.key, []);
  }

  write(items) {
    save(this.key, items);
    this.handlers.onChange?.();
  }

  add(event, data, slot = null) {
    const item = { client_id: uuid(), event, data: { ...data }, slot, created: Date.now() };
    item.data.client_id = item.client_id;
    const replaced = (other) => slot && other.slot === slot && other.client_id !== this.inFlight;
    this.write([...this.items().filter((other) => !replaced(other)), item]);
    this.flush();
    return item;
  }

  drop(clientId) {
    this.write(this.items().filter((item) => item.client_id !== clientId));
  }

  /* The last wish waiting for `slot`, or null. */
  waiting(slot) {
    return this.items().filter((item) => item.slot === slot).pop() || null;
  }

  /* What waits for `event` and is not among `stored` yet (same client id), shaped like
   * what is stored: {…data, id: "p-<client id>", pending: true}. */
  pending(event, stored) {
    const known = new Set([...stored].map((thing) => thing.client_id));
    return this.items().filter((item) => item.event === event && !known.has(item.client_id))
      .map((item) => ({ ...item.data, id: `p-${item.client_id}`, pending: true }));
  }

  count(event) {
    return this.items().filter((item) => item.event === event).length;
  }

  flush() {
    if (this.inFlight || !this.live.connected() || Date.now() < this.notBefore) return;
    const item = this.items()[0];
    if (!item) return;
    this.inFlight = item.client_id;
    this.live.emit(item.event, item.data).then((ack) => {
      this.inFlight = null;
      if (ack.ok) {
        this.drop(item.client_id);
        this.handlers.onSent?.(item, ack);
        this.flush();
      } else if (WAITING_CODES.has(ack.error.code)) {
        this.notBefore = Date.now() + 1000 * (ack.error.retry_after || 0);
        this.handlers.onWaiting?.(item, ack.error);
      } else {
        this.drop(item.client_id);
        this.handlers.onRejected?.(item, ack.error);
        this.flush();
      }
    }, () => { this.inFlight = null; });
  }
}
