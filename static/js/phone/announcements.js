/* What the phone says in its polite live region when the room changes: a new activity (and
 * the focus then goes to its heading, see screen.js), a new axis, posting closed or
 * reopened, a poll opened or closed, the wall opened, writings revealed. */
import { t } from "../core/strings.js";

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
