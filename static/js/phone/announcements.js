/* What the phone says in its polite live region when the room changes: a new activity (and
 * the focus then goes to its heading, see screen.js), a new axis, posting closed or
 * reopened, a poll opened or closed, the wall opened, writings revealed. */
import { h } from "../core/dom.js";
import { t } from "../core/strings.js";

/* One's own card hidden by the facilitator: said, and shown until read, not just gone. */
export function boardChange(app, change) {
  const card = change.data;
  if (change.type !== "card" || !card?.hidden || !(card.mine || app.board.mine?.has(card.id))) return;
  const text = card.text.length > 60 ? `${card.text.slice(0, 60)}…` : card.text;
  const said = t("own_hidden", { text });
  const close = h("button", { type: "button", class: "small", text: t("understood") });
  const notice = h("div", { class: "notice own-hidden" }, h("p", { text: said }), close);
  close.addEventListener("click", () => notice.remove());
  document.getElementById("board").prepend(notice);
  app.announce(said);
}

export function roomChange(app, change) {
  const { previous, data } = change;
  if (!previous || change.type !== "state") return;
  if (previous.sequence !== data.sequence || previous.activity !== data.activity) {
    if (data.sequence) app.announce(t("new_activity", { title: data.sequence_title || "" }));
    else if (data.day && data.day !== previous.day) app.announce(t("new_day", { title: data.day_title || "" }));
  } else if (previous.axis !== data.axis && app.room.axis()) {
    app.announce(t("new_axis", { title: app.room.axis().title }));
  }
  if (Boolean(previous.locked) !== Boolean(data.locked)) {
    app.announce(t(data.locked ? "now_locked" : "now_open"));
  }
}

export function activitiesChange(app, change) {
  if (change.type === "poll" && change.previous && change.previous.open !== change.data.open) {
    app.announce(t(change.data.open ? "poll_opened" : "poll_closed", { question: change.data.question }));
  } else if (change.type === "writing_reveal" && change.data.revealed) {
    app.announce(t("act_revealed"));
  }
}

export function groupsChange(app, change, groupStrings) {
  if (change.type === "wall" && change.opened) app.announce(groupStrings("wall_opened"));
}
