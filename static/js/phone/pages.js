/* The phone's simple pages: a day's welcome, the feedback form's link, the restitution. */
import { h, setText, show } from "../core/dom.js";
import { pageLocale, t } from "../core/strings.js";
import { activityHeading } from "./parts.js";

export function welcomeView(app) {
  const heading = h("h1", { tabindex: "-1" });
  const node = h("div", { class: "welcome", "data-activity": "welcome" }, heading, h("p", { class: "waiting", text: t("welcome_wait") }));
  const update = () => setText(heading, app.room.state.day_title || "");
  update();
  return { node, heading, update };
}

export function feedbackView(app) {
  const heading = activityHeading(app, null, "feedback_form", app.room.state.sequence_title || t("act_feedback"));
  const none = h("p", { class: "waiting", text: t("act_feedback_none") });
  const until = h("p", { class: "hint" });
  const offer = h("div", {}, h("p", { text: t("act_feedback_intro") }),
    h("p", {}, h("a", { class: "button primary wide", href: `/f/${encodeURIComponent(app.code)}`, text: t("act_feedback_go") })), until);
  const node = h("div", {}, heading, none, offer);
  function update() {
    const feedback = app.activities.feedback;
    show(none, !feedback.available);
    show(offer, Boolean(feedback.available));
    show(until, Boolean(feedback.expires_at));
    if (feedback.expires_at) {
      setText(until, t("act_feedback_until", { date: new Date(feedback.expires_at).toLocaleDateString(pageLocale()) }));
    }
  }
  update();
  return { node, heading, update };
}

/* The room watches the projection; the phone follows the screen's title. */
export function restitutionView(app) {
  const heading = h("h1", { tabindex: "-1" });
  const where = h("p", { class: "hint" });
  const now = h("span", {});
  const current = h("p", { class: "restitution-now" }, h("span", { class: "visually-hidden", text: `${t("on_screen")} ` }), now);
  const node = h("div", { class: "restitution-phone", "data-activity": "restitution" }, heading, where, current);
  function update() {
    const screen = app.room.restitution;
    setText(heading, screen ? t("restitution_of", { title: screen.day_title }) : app.room.state.sequence_title || "");
    show(where, Boolean(screen));
    show(current, Boolean(screen));
    if (!screen) return;
    setText(where, t("screen_of", { n: screen.index + 1, total: screen.count }));
    setText(now, screen.screen.title);
  }
  update();
  return { node, heading, update };
}
