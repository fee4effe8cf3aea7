/* Ensemble — make a projected board fit its screen: shrink the text until nothing
 * overflows; past the smallest readable size, scroll slowly by itself instead. */
(function () {
  "use strict";
  var E = (window.Ensemble = window.Ensemble || {});

  function overflows(boxes) {
    return boxes.some(function (box) {
      return box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;
    });
  }

  /* root: element whose font-size is set (in px); boxes: elements that must not overflow. */
  E.fitBoard = function (root, boxes, options) {
    var max = options.max, min = options.min;
    root.classList.remove("autoscroll");
    boxes.forEach(stopScroll);
    var low = min, high = max, best = min;
    root.style.fontSize = max + "px";
    if (!overflows(boxes)) return max;
    for (var i = 0; i < 12 && high - low > 0.5; i++) {
      var mid = (low + high) / 2;
      root.style.fontSize = mid + "px";
      if (overflows(boxes)) high = mid; else { best = mid; low = mid; }
    }
    root.style.fontSize = best + "px";
    if (overflows(boxes)) {
      root.classList.add("autoscroll");
      boxes.forEach(startScroll);
    }
    return best;
  };

  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  function startScroll(box) {
    if (box._scroll) return;
    var direction = 1, pause = 0;
    box._scroll = setInterval(function () {
      if (pause > 0) { pause -= 1; return; }
      var limit = box.scrollHeight - box.clientHeight;
      if (limit <= 0) return;
      box.scrollTop += direction * (reduced ? 0 : 1);
      if (reduced) { box.scrollTop = direction > 0 ? limit : 0; direction = -direction; pause = 300; return; }
      if (box.scrollTop >= limit || box.scrollTop <= 0) { direction = -direction; pause = 120; }
    }, 40);
  }
  function stopScroll(box) {
    if (box._scroll) { clearInterval(box._scroll); box._scroll = null; }
    box.scrollTop = 0;
  }
})();
