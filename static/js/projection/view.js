/* What the projection's views share: a view is {node, update(change), fit?()}, its node the
 * section #view-<name> the template wrote, with its fixed markup and text; card lists are
 * drawn one way for all; lists are fitted to the screen and, when too long for the readable
 * size, cut into pages. */
import { h, keyed, setText } from "../core/dom.js";
import { plural, t } from "../core/strings.js";

export const section = (name) => document.getElementById(`view-${name}`);

/* A 1–5 scale's ends say what they meant, as on the form: « 1 — pas du tout », « 5 — tout à fait ». */
export const scaleLabel = (key) => ({ 1: t("pa_scale_1"), 5: t("pa_scale_5") })[key] || key;

export function cardNode(card, reply = false) {
  return h("article", { class: `card ${card.kind}${card.verbatim ? " verbatim" : ""}${reply ? " reply" : ""}` },
    reply ? h("p", { class: "reply-label", text: t("limit") }) : null,
    h("p", { class: "text", text: card.text }),
    card.supports ? h("p", { class: "supports", "aria-label": plural(t, "supports", card.supports), text: `+${card.supports}` }) : null);
}

/* What a projected activity belongs to, above its question: its sequence's title, or the day's
 * when that title is only the question's first words (an activity made from the console). */
export function kickerOf(sequence, state) {
  return sequence.question?.startsWith(sequence.title.replace(/…$/, "")) ? state.day_title : sequence.title;
}

/* Cards in `list` by key, in the order given; one that arrives live flashes once. `below`
 * gives the cards shown under a card (a lever's « Oui, mais… »): each its own item, so a
 * long thread can go on over the next page instead of being cut. */
export function fillCards(list, cards, change, placeholder, below = () => []) {
  const fresh = change.type === "card";
  const items = cards.flatMap((card) => [{ card, reply: false }, ...below(card).map((reply) => ({ card: reply, reply: true }))]);
  keyed(list, items, (item) => item.card.id, ({ reply }) => {
    const item = h("li", { class: `item${reply ? " reply-item" : ""}${fresh ? " fresh" : ""}` });
    item.addEventListener("animationend", () => item.classList.remove("fresh"), { once: true });
    return item;
  }, (item, { card, reply }) => {
    item.classList.toggle("reply-item", reply);
    item.replaceChildren(cardNode(card, reply));
  });
  if (!cards.length) list.replaceChildren(h("li", { class: "placeholder", text: placeholder }));
}

/* The smallest text read from 10 m (docs/projection.md): 1/33.75 of the screen's height,
 * never under 24 px — 32 px at 1920×1080, 24 px at 1280×720. */
export function readable() {
  return Math.max(24, window.innerHeight / 33.75);
}

/* The type of a projected list: from width/max px down to the readable size. */
export function textRange(max) {
  const min = readable();
  return { max: Math.max(min, window.innerWidth / max), min };
}

/* Make a projected list fit its screen: choose the number of columns and the largest text
 * size with which nothing overflows. When even the smallest readable size overflows (a full
 * room: 150 cards on one axis), keep that size (readable()) and cut each list into pages
 * that fit (pager() turns them); nothing ever scrolls. */

/* A list's items: its <li>s, or the innermost ones in a list of lists (the wall: targets,
 * their themes, the recommendations), whose headings show while one of their items does. */
const itemsOf = (list) => [...list.querySelectorAll("li:not(:has(li))")];

const overflows = (boxes) => boxes.some((box) =>
  box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1);

/* The largest font size in [min, max] that fits, or null if even min overflows. */
function largestFitting(root, boxes, min, max) {
  const at = (size) => { root.style.fontSize = `${size}px`; return !overflows(boxes); };
  if (!at(min)) return null;
  if (at(max)) return max;
  let [low, high] = [min, max];
  for (let i = 0; i < 10 && high - low > 0.5; i += 1) {
    const mid = (low + high) / 2;
    if (at(mid)) low = mid; else high = mid;
  }
  return low;
}

/* Cut `list`'s items into pages [start, end) that each fit `box`: the longest run from each
 * start that does not overflow (found by halving), at least one item per page. */
function paginate(list, box, arrange) {
  const items = itemsOf(list);
  const showOnly = (start, end) => { items.forEach((item, i) => { item.hidden = i < start || i >= end; }); arrange(list); };
  const pages = [];
  for (let start = 0; start < items.length;) {
    let [low, high] = [1, items.length - start]; // low always fits (or is alone)
    showOnly(start, start + high);
    if (!overflows([box])) low = high;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      showOnly(start, start + mid);
      if (overflows([box])) high = mid - 1; else low = mid;
    }
    pages.push([start, start + low]);
    start += low;
  }
  showOnly(0, items.length);
  return pages.length ? pages : [[0, 0]];
}

/* root: the element whose font size is set; lists: the lists whose column count is chosen
 * (and that are paged); boxes: the elements that must not overflow, boxes[i] holding
 * lists[i]. Words wrap whole (CSS): a paragraph of a list's items overflows when one of its
 * words is wider than the item, and the text shrinks or the columns widen instead. Returns
 * each list's pages, [[0, n]] when everything fits at once. The root is `.paged` when even
 * the smallest size overflows (CSS then lets a word longer than a whole column break).
 * arrange(list), given to the pager too, adapts a list to the items shown before it is
 * measured (the groups name again one that goes on in the next column). */
export function fitBoard(root, lists, boxes, { min, max, maxColumns, columnEm = 20, arrange = () => {} }) {
  root.classList.remove("paged"); // measured as laid out unpaged: a word too long overflows
  lists.forEach((list, i) => {
    itemsOf(list).forEach((item) => { item.hidden = false; });
    arrange(list);
    // a definite height, so columns fill one after the other (a percentage balances them)
    if (boxes[i]) list.style.height = `${boxes[i].clientHeight}px`;
  });
  const words = (list) => [...list.querySelectorAll("p")];
  const columns = (n) => lists.forEach((list) => { list.style.columnCount = n; });
  let best = null;
  for (let n = 1; n <= maxColumns; n += 1) {
    columns(n);
    const size = largestFitting(root, [...boxes, ...lists.flatMap(words)], min, max);
    if (size !== null && (best === null || size > best.size + 0.5)) best = { size, columns: n };
    if (size === max) break;
  }
  if (best) {
    columns(best.columns);
    root.style.fontSize = `${best.size}px`;
    return lists.map((list) => [[0, itemsOf(list).length]]);
  }
  root.style.fontSize = `${min}px`;
  return lists.map((list, i) => {
    // the fewest pages among the column counts that keep a readable line (about `columnEm` em
    // each) and every word whole, the most columns if equal: narrow columns can hold a tall
    // item each and leave the rest of the screen empty
    let best = null;
    for (let n = Math.max(1, Math.min(maxColumns, Math.floor(list.clientWidth / (columnEm * min)))); n >= 1; n -= 1) {
      root.classList.remove("paged");
      list.style.columnCount = n;
      if (n > 1 && overflows(words(list))) continue;
      root.classList.add("paged");
      const pages = paginate(list, boxes[i], arrange);
      if (!best || pages.length < best.pages.length) best = { n, pages };
    }
    list.style.columnCount = best.n;
    return best.pages;
  });
}

/* One list in its box (`refs`: page, list, body), fitted and turned in pages with the same
 * `arrange`: a view's {pages, fit}. */
export function pagedList(node, { page, list, body }, options) {
  const pages = pager(page, options.arrange);
  return { pages, fit: fitLater(() => pages.set([list], fitBoard(node, [list], [body], options))) };
}

/* Fitting lays the view out a few dozen times: at most once per animation frame. */
export function fitLater(fit) {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; fit(); });
  };
}

/* The projection's pages, when a list does not fit at the smallest readable size (fitBoard):
 * one page of every list at a time, the next one every PAGE_SECONDS (a page turns at once,
 * nothing slides, so reduced motion has nothing to reduce), all lists turning together, a
 * list with fewer pages starting again, so every card is shown within one cycle. From the
 * console the facilitator turns pages (`state.page_turns` counts the turns: screens move by
 * the difference) or holds them (`state.pages_held`). « Page 2 / 5 » says where we are. */
const PAGE_SECONDS = 12;

export function pager(indicator, arrange = () => {}) {
  let lists = [];
  let pages = [];
  let index = 0;
  let held = false;
  let turns = null;
  const count = () => Math.max(1, ...pages.map((p) => p.length));

  function show() {
    lists.forEach((list, i) => {
      const [start, end] = pages[i][index % pages[i].length];
      itemsOf(list).forEach((item, j) => { item.hidden = j < start || j >= end; });
      arrange(list);
    });
    const total = count();
    indicator.hidden = total <= 1;
    setText(indicator, total > 1 ? t(held ? "page_of_held" : "page_of", { n: (index % total) + 1, total }) : "");
  }

  setInterval(() => {
    if (held || count() <= 1 || document.hidden) return;
    index = (index + 1) % count();
    show();
  }, PAGE_SECONDS * 1000);

  return {
    /* New pages after fitting: stay on the same page number if it still exists. */
    set(newLists, newPages) {
      lists = newLists;
      pages = newPages;
      index %= count();
      show();
    },
    /* The room state: held or not, and the pages turned from the console since last time. */
    follow(state) {
      held = Boolean(state.pages_held);
      if (turns !== null && state.page_turns !== turns) {
        index = (((index + state.page_turns - turns) % count()) + count()) % count();
      }
      turns = state.page_turns;
      show();
    },
  };
}
