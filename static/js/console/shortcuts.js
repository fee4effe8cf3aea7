/* One-key shortcuts for what the facilitator does most, listed on the console (« Raccourcis
 * clavier »): S / Page suivante next, P / Page précédente previous, A the current activity
 * on the projection, F posting closed or open, E the chosen card in the spotlight (or back
 * to the board), N a new activity (its form), R a poll's results revealed or hidden. Presentation clickers send Page up / down. Never while typing in a field,
 * never with Ctrl, Alt or Meta; they can be turned off (WCAG 2.1.4), remembered here. */
const KEY = "ensemble.console.shortcuts";
const typing = (target) => target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

export function shortcuts(actions) {
  const toggle = document.getElementById("shortcuts-on");
  toggle.checked = localStorage.getItem(KEY) !== "off";
  toggle.addEventListener("change", () => localStorage.setItem(KEY, toggle.checked ? "on" : "off"));
  const keys = { s: "next", pagedown: "next", p: "previous", pageup: "previous", a: "show", f: "lock", e: "spotlight",
                 n: "create", r: "reveal" };

  document.addEventListener("keydown", (event) => {
    if (!toggle.checked || event.ctrlKey || event.altKey || event.metaKey || event.repeat) return;
    if (typing(event.target)) return;
    const action = actions[keys[event.key.toLowerCase()]];
    if (!action) return;
    event.preventDefault();
    action(event);
  });
}
