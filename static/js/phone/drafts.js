/* What the person is typing, kept on this phone (localStorage, per workshop and person) box
 * by box until it is sent, so a reload or a new activity loses nothing. A text the server
 * refuses comes back to its box, with the reason, to be shown under it (refusal()). */
import { forget, load, save } from "../core/storage.js";

/* The box a posted text was typed in: where it goes back when refused. */
export function boxOf(event, data) {
  if (event === "recommendation:add") return "recommendation";
  if (event === "card:post") return data.sequence ? `answer:${data.sequence}` : "card";
  return null;
}

export class Drafts {
  constructor(prefix) {
    this.prefix = prefix;
    this.refusals = new Map();
  }

  text(box) {
    return load(`${this.prefix}:${box}`, null);
  }

  keep(box, text) {
    if (text) save(`${this.prefix}:${box}`, text);
    else this.drop(box);
  }

  drop(box) {
    forget(`${this.prefix}:${box}`);
  }

  /* The server refused `text`: back into its box, before what was typed since. */
  refuse(box, text, message) {
    const since = this.text(box);
    this.keep(box, since && since !== text ? `${text}\n${since}` : text);
    this.refusals.set(box, message);
  }

  /* Why the box's text came back, once (null when it did not). */
  refusal(box) {
    const message = this.refusals.get(box) ?? null;
    this.refusals.delete(box);
    return message;
  }
}
