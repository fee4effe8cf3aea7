/* The projection's pages, when a list does not fit at the smallest readable size (fit.js):
 * one page of every list at a time, the next one every PAGE_SECONDS (a page turns at once,
 * nothing slides, so reduced motion has nothing to reduce), all lists turning together, a
 * list with fewer pages starting again, so every card is shown within one cycle. From the
 * console the facilitator turns pages (`state.page_turns` counts the turns: screens move by
 * the difference) or holds them (`state.pages_held`). « Page 2 / 5 » says where we are. */
import { setText } from "../core/dom.js";
import { t } from "../core/strings.js";

export const PAGE_SECONDS = 12;

export function pager(indicator) {
  let lists = [];
  let pages = [];
  let index = 0;
  let held = false;
  let turns = null;
  const count = () => Math.max(1, ...pages.map((p) => p.length));

  function show() {
    lists.forEach((list, i) => {
      const [start, end] = pages[i][index % pages[i].length];
      [...list.children].forEach((item, j) => { item.hidden = j < start || j >= end; });
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
