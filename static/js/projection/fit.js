/* Make a projected list fit its screen: choose the number of columns and the largest text
 * size with which nothing overflows; below the smallest readable size, keep that size and
 * let the list scroll slowly by itself instead. */

const reduced = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
const scrolling = new WeakMap();

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

/* root: the element whose font size is set; lists: the lists whose column count is chosen;
 * boxes: the elements that must not overflow. */
export function fitBoard(root, lists, boxes, { min, max, maxColumns }) {
  root.classList.remove("autoscroll");
  boxes.forEach(stopScroll);
  const columns = (n) => lists.forEach((list) => { list.style.columnCount = n; });
  let best = null;
  for (let n = 1; n <= maxColumns; n += 1) {
    columns(n);
    const size = largestFitting(root, boxes, min, max);
    if (size !== null && (best === null || size > best.size + 0.5)) best = { size, columns: n };
    if (size === max) break;
  }
  const autoscroll = best === null;
  best ||= { size: min, columns: maxColumns };
  columns(best.columns);
  root.style.fontSize = `${best.size}px`;
  root.classList.toggle("autoscroll", autoscroll);
  if (autoscroll) boxes.forEach(startScroll);
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

function startScroll(box) {
  if (scrolling.has(box)) return;
  let direction = 1;
  let pause = 50;
  scrolling.set(box, setInterval(() => {
    if (pause > 0) { pause -= 1; return; }
    const limit = box.scrollHeight - box.clientHeight;
    if (limit <= 0) return;
    if (reduced) { // no sliding: jump between top and bottom every 12 s
      box.scrollTop = direction > 0 ? limit : 0;
      direction = -direction;
      pause = 300;
      return;
    }
    box.scrollTop += direction;
    if (box.scrollTop >= limit || box.scrollTop <= 0) { direction = -direction; pause = 120; }
  }, 40));
}

function stopScroll(box) {
  clearInterval(scrolling.get(box));
  scrolling.delete(box);
  box.scrollTop = 0;
}
