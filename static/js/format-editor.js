/* Ensemble — the format editor: after a refused save, put the cursor on the line at fault. */
(function () {
  "use strict";
  var error = document.getElementById("format-error");
  var source = document.getElementById("format-source");
  if (!error || !source || !error.dataset.line) return;
  var line = Number(error.dataset.line), start = 0;
  var lines = source.value.split("\n");
  for (var i = 0; i < line - 1 && i < lines.length; i++) start += lines[i].length + 1;
  var end = start + (lines[line - 1] || "").length;
  source.focus();
  source.setSelectionRange(start, end);
  // Scroll the textarea so the line is visible (about the same height per line).
  var lineHeight = source.scrollHeight / Math.max(lines.length, 1);
  source.scrollTop = Math.max(0, (line - 4) * lineHeight);
})();
