/* The projection's views of private writing (a count, then the revealed texts), a poll
 * (live horizontal bars, a word cloud, or « Résultats bientôt affichés » until revealed) and
 * the feedback form (the QR code of its page). Their markup is the template's
 * (activities/_projection.html): the script fills in what changes. */
import { h, refresh, stamp, wire } from "../core/dom.js";
import { contentLang, pageLocale, plural, t } from "../core/strings.js";
import { cardNode, fitBoard, fitLater, kickerOf, pagedList, pager, scaleLabel, section, textRange } from "./view.js";

const current = (app) => app.activities.sequence(app.room.state.sequence);

export function writingView(app) {
  const node = section("individual_writing");
  const state = () => app.activities.writingOf(current(app).id);
  const refs = wire(node, {
    kicker: { text: () => kickerOf(current(app), app.room.state) },
    title: { text: () => current(app).question || current(app).title },
    counting: { hidden: () => state().revealed },
    count: { text: () => state().count },
    writers: { text: () => plural(t, "pa_writers", state().count) },
    body: { hidden: () => !state().revealed },
    foot: { hidden: () => !state().revealed },
    total: { text: () => `${state().count} ${plural(t, "pa_writers", state().count)}` },
  });
  const { pages, fit } = pagedList(node, refs, { ...textRange(36), maxColumns: 4 });
  function update() {
    for (const part of [refs.head, refs.counting, refs.body, refs.foot]) part.hidden = !current(app);
    if (!current(app)) return;
    refresh(node);
    const texts = state().texts || [];
    const item = (w) => h("li", { class: "item" }, cardNode({ ...w, kind: "writing" }));
    refs.list.replaceChildren(...texts.map(item));
    if (!texts.length) refs.list.replaceChildren(h("li", { class: "placeholder", text: t("pa_no_texts") }));
    pages.follow(app.room.state);
    if (state().revealed) fit();
  }
  return { node, update, fit };
}

export function pollView(app) {
  const node = section("poll");
  const refs = wire(node);
  const pages = pager(refs.page);
  let shownList = null; // the bars or the cloud, when shown: fitted like the boards
  const fit = fitLater(() => {
    if (!shownList) return;
    const fitted = fitBoard(node, [shownList], [refs.body], { ...textRange(30), maxColumns: 3 });
    pages.set([shownList], fitted);
    // what fits at once is centred in the screen's height (fitBoard gave it the whole of it)
    if (fitted[0].length === 1) shownList.style.height = "";
  });
  function update() {
    const poll = app.activities.poll(current(app)?.poll);
    for (const part of [refs.head, refs.body, refs.foot]) part.hidden = !poll;
    if (!poll) return;
    const max = Math.max(1, ...poll.options.map((o) => o.count));
    const number = new Intl.NumberFormat(pageLocale(), { maximumFractionDigits: 1 });
    const words = poll.kind === "words";
    wire(node, {
      kicker: { text: poll.open ? t("pa_poll_open") : t("pa_poll_closed") },
      title: { text: poll.question },
      soon: { hidden: poll.shown },
      cloud: { hidden: !poll.shown || !words },
      bars: { hidden: !poll.shown || words, class: `poll-bars${poll.kind === "scale" ? " scale" : ""}` },
      total: { text: `${plural(t, "pa_total", poll.total)}${poll.kind === "scale" && poll.average != null
        ? ` · ${t("pa_average", { avg: number.format(poll.average) })}` : ""}` },
    });
    // words sized by frequency: 1× to 3× the smallest
    refs.cloud.replaceChildren(...(words ? poll.options : []).map((o) => {
      const word = h("li", { lang: contentLang() }, o.label,
        h("span", { class: "visually-hidden", text: ` (${o.count})` }));
      word.style.fontSize = `${1 + (2 * (o.count - 1)) / Math.max(1, max - 1)}em`;
      return word;
    }));
    refs.bars.replaceChildren(...(words ? [] : poll.options).map((o) => {
      const label = poll.kind === "scale" ? scaleLabel(o.key) : o.label;
      const [bar, parts] = stamp("tpl-poll-bar", {
        label: { text: label }, count: { text: o.count }, percent: { text: ` · ${o.percent}\u00a0%` },
        said: { text: plural(t, "pa_bar_text", o.count, { label, pct: o.percent }) },
      });
      parts.fill.style.width = `${(100 * o.count) / max}%`; // CSSOM: allowed by the CSP
      return bar;
    }));
    shownList = poll.shown ? (words ? refs.cloud : refs.bars) : null;
    pages.follow(app.room.state);
    fit();
  }
  return { node, update, fit };
}

export function feedbackView(app) {
  const node = section("feedback_form");
  const s = () => app.room.state;
  const title = node.querySelector("h1").textContent;
  const answers = () => app.activities.feedback.answers ?? 0;
  wire(node, {
    // the sequence is often named like the form: then the day, not the same words twice
    kicker: { text: () => (s().sequence_title && s().sequence_title !== title ? s().sequence_title
      : s().day_title) },
    count: { text: answers },
    answers: { text: () => plural(t, "pa_answers", answers()) },
  });
  return { node, update: () => refresh(node) };
}
