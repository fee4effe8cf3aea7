/* The heading of an activity on the phone: its question (or title), focusable so that it
 * receives the focus when the room moves to this activity. */
import { h } from "../core/dom.js";
import { contentLang } from "../core/strings.js";

export function activityHeading(app, sequence, kind, text = null) {
  const label = text || (sequence && (sequence.question || sequence.title)) || app.room.state.sequence_title || "";
  return h("h1", { class: "activity-question", id: "activity-title", tabindex: "-1", "data-activity": kind, lang: contentLang(), text: label });
}
