/* The « Levier / Oui, mais… » board and the question boards' answers: the cards this
 * screen may see (a card the facilitator hides leaves phones and projection) and, on a
 * phone, the cards the person supports and those they wrote (`mine`: the server says so
 * only to the author, in the snapshot's `my_cards` and in the answers to their actions). */
import { Store, newer } from "./store.js";

export class BoardStore extends Store {
  constructor({ showHidden = false } = {}) {
    super();
    this.showHidden = showHidden;
  }

  static events = { card: "id", card_deleted: "card:id" };

  reset(snapshot) {
    this.cards = new Map();
    this.supports = new Set(snapshot.my_supports || []);
    this.mine = new Set(snapshot.my_cards || []);
    for (const card of snapshot.cards || []) this.put(card);
  }

  on_card(card) {
    this.put(card);
  }

  on_card_deleted({ id }) {
    this.remove(id);
  }

  /* A card from an event or from the acknowledgement of one's own action. */
  put(card) {
    const known = this.cards.get(card.id);
    const learnt = Boolean(card.mine) && !this.mine.has(card.id);
    if (card.mine) this.mine.add(card.id);
    if (!newer(known, card)) {
      if (learnt && known) this.cards.set(card.id, { ...known, mine: true });
      return learnt;
    }
    if (card.hidden && !this.showHidden) this.cards.delete(card.id);
    else this.cards.set(card.id, this.mine.has(card.id) ? { ...card, mine: true } : card);
    return true;
  }

  /* Cards asked for (a phone's snapshot holds the board it shows; others come on demand),
   * each with the room's number then: an event about one of them that came since wins. */
  take(cards) {
    cards.forEach((card) => this.put(card));
    this.notify({ type: "cards" });
  }

  setSupport(id, on) {
    if (on) this.supports.add(id); else this.supports.delete(id);
  }

  remove(id) {
    this.cards.delete(id);
  }

  /* Cards matching `filter`, newest first. */
  list(filter) {
    return [...this.cards.values()].filter(filter).sort((a, b) => b.id - a.id);
  }
}
