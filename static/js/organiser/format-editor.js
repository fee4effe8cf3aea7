/* The format editor: after a refused save, put the cursor on the line at fault. */
const error = document.getElementById("format-error");
const source = document.getElementById("format-source");
const line = Number(error?.dataset.line);
if (source && line) {
  const lines = source.value.split("\n");
  const start = lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0);
  source.focus();
  source.setSelectionRange(start, start + (lines[line - 1] || "").length);
  // Scroll the textarea so the line is visible (about the same height per line).
  source.scrollTop = Math.max(0, (line - 4) * (source.scrollHeight / Math.max(lines.length, 1)));
}
