/* The one announcer of a page: a polite live region (#announcer) that screen readers read
 * when they are free. Emptied first, so the same sentence said twice is heard twice; what
 * is said at the same moment (a new activity that is also closed) is said together. */

const SETTLE_MS = 50;
let queued = [];
let timer = null;

export function announce(text) {
  const node = document.getElementById("announcer");
  if (!node || !text) return;
  queued.push(text);
  if (timer) return;
  node.textContent = "";
  timer = setTimeout(() => {
    node.textContent = queued.join(" ");
    queued = [];
    timer = null;
  }, SETTLE_MS);
}
