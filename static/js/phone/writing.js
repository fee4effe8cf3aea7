/* Individual writing on the phone: a private text, kept on the phone while typed, saved
 * through the outbox (so offline it waits and goes once back), and once the facilitator
 * reveals them, the room's texts without names. */
import { h, presentIf, setText, show } from "../core/dom.js";
import { plural, t } from "../core/strings.js";
import { forget, load, save } from "../core/storage.js";
import { activityHeading, countedList, textField } from "./parts.js";

const WRITING_MAX = 2000;

export function writingView(app) {
  const sequence = app.activities.sequence(app.room.state.sequence);
  const draftKey = `ensemble:${app.code}:writing:${sequence.id}`;
  const slot = `writing:${sequence.id}`;
  const heading = activityHeading(app, sequence, "individual_writing");
  const banner = h("p", { class: "locked-banner", role: "note", text: t("act_locked") });
  const field = textField({ id: "writing-text", label: t("act_your_text"), max: WRITING_MAX, rows: 7,
                            describedBy: "writing-private" });
  const mine = app.activities.myWriting(sequence.id);
  const waiting = app.outbox.waiting(slot);
  field.set(load(draftKey, null) ?? waiting?.data.text ?? mine?.text ?? "");
  field.area.addEventListener("input", () => { save(draftKey, field.area.value); setText(saved, ""); });
  const saved = h("p", { class: "saved", role: "status" });
  const keep = h("button", { type: "submit", class: "primary wide" });
  const form = h("form", { class: "compose writing-compose", novalidate: true },
    field.nodes[0], h("p", { id: "writing-private", class: "private-note", text: t("act_private") }),
    field.nodes.slice(1), saved, keep);
  form.addEventListener("submit", submit);
  const writers = h("p", { class: "hint writing-count" });
  const revealedNote = h("p", { class: "writing-status", role: "note", text: t("act_revealed") });
  const myText = h("p", { class: "text" });
  const myBox = h("section", { class: "my-writing", "aria-labelledby": "my-writing-title" },
    h("h2", { id: "my-writing-title", text: t("act_your_text") }), myText);
  const roomTexts = countedList({ class: "room-texts", "aria-labelledby": "room-texts-title" }, { id: "room-texts-title" },
    t("act_room_texts"), t("act_no_texts"), () => h("li", {}, h("article", { class: "card writing" }, h("p", { class: "text" }))),
    (item, w) => setText(item.querySelector(".text"), w.text));
  const node = h("div", {}, heading, banner, form, writers);

  function submit(event) {
    event.preventDefault();
    field.clear();
    const text = field.area.value.trim();
    if (!text && !app.activities.myWriting(sequence.id)) return field.fail(t("act_empty"));
    app.outbox.add("writing:save", { sequence: sequence.id, text }, slot);
    forget(draftKey);
    if (!app.live.connected()) setText(saved, t("act_writing_queued"));
    return undefined;
  }

  function update(change = {}) {
    const state = app.activities.writingOf(sequence.id);
    const own = app.activities.myWriting(sequence.id);
    const pending = app.outbox.waiting(slot);
    if (change.type === "ack" && change.data?.sequence === sequence.id) setText(saved, t("act_saved"));
    else if (!pending && own && !saved.textContent) setText(saved, t("act_saved"));
    const locked = app.room.state.locked;
    for (const part of [form, writers]) show(part, !state.revealed);
    show(banner, !state.revealed && locked);
    field.area.disabled = locked;
    keep.disabled = locked;
    setText(keep, own ? t("act_save") : t("act_keep"));
    setText(writers, plural(t, "act_writers_n", state.count));
    /* Once revealed, the texts replace the form (present only then: their headings say
     * « Votre texte » too). */
    presentIf(roomTexts.node, state.revealed, () => heading.after(roomTexts.node));
    presentIf(myBox, state.revealed && Boolean(own), () => heading.after(myBox));
    presentIf(revealedNote, state.revealed, () => heading.after(revealedNote));
    setText(myText, own ? own.text : "");
    roomTexts.fill(state.texts || []);
  }

  update();
  return { node, heading, update };
}
