/* The base of every domain store: the one place where a domain's state takes the room's
 * snapshot and its events, each event once.
 *
 * Events come with the room's sequence number `seq`. A replay after reconnecting starts
 * 32 events before the last one seen (services/events.py REPLAY_OVERLAP), phones get some
 * events in batches, and two handlers can send in the opposite order of their commits: so
 * an event may come twice, or after a newer one about the same thing. A store applies an
 * event only if it is newer than the snapshot, not applied yet, and newer than the last
 * event applied to the same thing (a card, a poll, the room's state…).
 *
 * A subclass names the events it takes and what each is about:
 *   static events = {card: "id", card_deleted: "card:id", state: null}
 * (type → the field naming the thing, prefixed by the thing's kind when another type is
 * about the same things; null: about the room as a whole)
 * and writes `reset(snapshot)` and, per type, a method `on_<type>(data)` returning what
 * changed for the screens (merged into the change their listeners receive). A type with
 * no method of its own replaces the store's field of that name (the change says `previous`). */

const SEEN_KEPT = 4000;

export class Store {
  constructor() {
    this.floor = 0;
    this.seen = new Set();
    this.versions = new Map();
    this.listeners = new Set();
    this.hasSnapshot = false;
  }

  /* listener(change): change is {snapshot: true} or {type, data, …what the store adds}. */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(change) {
    for (const listener of this.listeners) listener(change);
  }

  /* Everything up to `seq` is in the snapshot: events up to there are stale. Listeners
   * hear of it from loaded(), once every store of the page has its part (a view reads
   * several stores). */
  load(snapshot, seq) {
    this.floor = seq;
    this.seen.clear();
    this.versions.clear();
    this.hasSnapshot = true;
    this.reset(snapshot);
  }

  loaded() {
    this.notify({ snapshot: true });
  }

  /* Apply one `event {seq, type, data}`; true when it changed this store. */
  apply(envelope) {
    const field = this.constructor.events[envelope.type];
    if (field === undefined || !this.hasSnapshot) return false;
    if (envelope.seq <= this.floor || this.seen.has(envelope.seq)) return false;
    this.remember(envelope.seq);
    const thing = thingOf(envelope, field);
    if ((this.versions.get(thing) || 0) > envelope.seq) return false;
    this.versions.set(thing, envelope.seq);
    const change = this.handle(envelope.type, envelope.data || {}) || {};
    this.notify({ type: envelope.type, data: envelope.data, ...change });
    return true;
  }

  handle(type, data) {
    if (this[`on_${type}`]) return this[`on_${type}`](data);
    const previous = this[type];
    this[type] = data;
    return { previous };
  }

  /* What the person's own action changed (an acknowledgement, not a room event). */
  acknowledge(change) {
    this.notify({ type: "ack", ...change });
  }

  remember(seq) {
    this.seen.add(seq);
    if (this.seen.size > SEEN_KEPT) {
      const oldest = Math.max(...this.seen) - SEEN_KEPT / 2;
      for (const old of this.seen) if (old < oldest) this.seen.delete(old);
      this.floor = Math.max(this.floor, oldest);
    }
  }
}

function thingOf(envelope, spec) {
  if (!spec) return envelope.type;
  const [kind, field] = spec.includes(":") ? spec.split(":") : [envelope.type, spec];
  return `${kind}:${(envelope.data || {})[field]}`;
}

/* Keep `incoming` unless what is known of the same thing is newer (entities carry `seq`). */
export function newer(known, incoming) {
  return !known || !known.seq || !incoming.seq || known.seq <= incoming.seq;
}
