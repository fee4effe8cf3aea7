/* Ensemble — make a projected board fit its screen: choose the number of columns and
 * the largest text size with which nothing overflows; past the smallest readable
 * size, keep that size and scroll slowly by itself instead. */
(function () {
  "use strict";
  var E = (window.Ensemble = window.Ensemble || {});

  function overflows(boxes) {
    return boxes.some(function (box) {
      return box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;
    });
  }

  /* Largest font size in [min, max] that fits, or null if even min overflows. */
  function largestFitting(root, boxes, min, max) {
    root.style.fontSize = min + "px";
    if (overflows(boxes)) return null;
    var low = min, high = max;
    root.style.fontSize = max + "px";
    if (!overflows(boxes)) return max;
    for (var i = 0; i < 10 && high - low > 0.5; i++) {
      var mid = (low + high) / 2;
      root.style.fontSize = mid + "px";
      if (overflows(boxes)) high = mid; else low = mid;
    }
    return low;
  }

  /* root: element whose font-size is set (px); lists: the multi-column lists (their
   * column-count is chosen); boxes: elements that must not overflow. */
  E.fitBoard = function (root, lists, boxes, options) {
    root.classList.remove("autoscroll");
    boxes.forEach(stopScroll);
    var best = null;
    for (var columns = 1; columns <= options.maxColumns; columns++) {
      lists.forEach(function (list) { list.style.columnCount = columns; });
      var size = largestFitting(root, boxes, options.min, options.max);
      if (size !== null && (best === null || size > best.size + 0.5)) best = { size: size, columns: columns };
      if (size === options.max) break;
    }
    if (best === null) {
      best = { size: options.min, columns: options.maxColumns };
      root.classList.add("autoscroll");
    }
    lists.forEach(function (list) { list.style.columnCount = best.columns; });
    root.style.fontSize = best.size + "px";
    if (root.classList.contains("autoscroll")) boxes.forEach(startScroll);
    return best;
  };

  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  function startScroll(box) {
    if (box._scroll) return;
    var direction = 1, pause = 50;
    box._scroll = setInterval(function () {
      if (pause > 0) { pause -= 1; return; }
      var limit = box.scrollHeight - box.clientHeight;
      if (limit <= 0) return;
      if (reduced) {  /* no sliding: jump between top and bottom every 12 s */
        box.scrollTop = direction > 0 ? limit : 0; direction = -direction; pause = 300; return;
      }
      box.scrollTop += direction;
      if (box.scrollTop >= limit || box.scrollTop <= 0) { direction = -direction; pause = 120; }
    }, 40);
  }
  function stopScroll(box) {
    if (box._scroll) { clearInterval(box._scroll); box._scroll = null; }
    box.scrollTop = 0;
  }
})();
