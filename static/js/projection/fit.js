/* Make a projected list fit its screen: choose the number of columns and the largest text
 * size with which nothing overflows. When even the smallest readable size overflows (a full
 * room: 150 cards on one axis), keep that size and cut each list into pages that fit
 * (pages.js turns them); nothing ever scrolls. The smallest readable size is the 10 m rule
 * (docs/projection.md): 1/33.75 of the screen's height, never under 24 px. */

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
function paginate(list, box) {
  const items = [...list.children];
  const showOnly = (start, end) => items.forEach((item, i) => { item.hidden = i < start || i >= end; });
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
  items.forEach((item) => { item.hidden = false; });
  return pages.length ? pages : [[0, 0]];
}

/* root: the element whose font size is set; lists: the lists whose column count is chosen
 * (and that are paged); boxes: the elements that must not overflow, boxes[i] holding
 * lists[i]. Returns each list's pages, [[0, n]] when everything fits at once. */
export function fitBoard(root, lists, boxes, { min, max, maxColumns, columnEm = 20 }) {
  lists.forEach((list, i) => {
    [...list.children].forEach((item) => { item.hidden = false; });
    // a definite height, so columns fill one after the other (a percentage balances them)
    if (boxes[i]) list.style.height = `${boxes[i].clientHeight}px`;
  });
  const columns = (n) => lists.forEach((list) => { list.style.columnCount = n; });
  let best = null;
  for (let n = 1; n <= maxColumns; n += 1) {
    columns(n);
    const size = largestFitting(root, boxes, min, max);
    if (size !== null && (best === null || size > best.size + 0.5)) best = { size, columns: n };
    if (size === max) break;
  }
  root.classList.toggle("paged", best === null);
  if (best) {
    columns(best.columns);
    root.style.fontSize = `${best.size}px`;
    return lists.map((list) => [[0, list.children.length]]);
  }
  root.style.fontSize = `${min}px`;
  return lists.map((list, i) => {
    // as many columns as keep a readable line (about `columnEm` em each)
    list.style.columnCount = Math.max(1, Math.min(maxColumns, Math.floor(list.clientWidth / (columnEm * min))));
    return paginate(list, boxes[i]);
  });
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
