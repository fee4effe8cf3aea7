/* The phone's status line: connected or not, and what is waiting to be sent, by kind. */
import { plural, t } from "../core/strings.js";

const KINDS = [["card:post", "waiting_cards"], ["card:support", "waiting_supports"], ["poll:vote", "waiting_votes"],
               ["writing:save", "waiting_texts"], ["recommendation:add", "waiting_recommendations"],
               ["recommendation:vote", "waiting_dots"]];

export function statusText(app) {
  const state = app.live ? app.live.state : "connecting";
  const parts = KINDS.map(([event, key]) => [app.outbox ? app.outbox.count(event) : 0, key])
    .filter(([n]) => n > 0).map(([n, key]) => plural(t, key, n));
  if (!parts.length) return t(state);
  const waiting = t("pending_n", { items: parts.join(", ") });
  if (app.room.hasSnapshot && app.room.state.locked && state === "online") return `${waiting} · ${t("waiting_locked")}`;
  return `${t(state)} · ${waiting}`;
}
