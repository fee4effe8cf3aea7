/* One-key shortcuts for what the facilitator does most, as listed on the console (« Raccourcis
 * clavier »; presentation clickers send Page up / down). Never while typing in a field, never
 * with Ctrl, Alt or Meta; they can be turned off (WCAG 2.1.4), remembered here. */
const KEY = "ensemble.console.shortcuts";
const KEYS = { s: "next", pagedown: "next", p: "previous", pageup: "previous", a: "show", f: "lock",
               e: "spotlight", n: "create", r: "reveal" };
const typing = (target) => target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/* actions: name → a button (pressed unless disabled), or a function of the key's event
 * returning the button to press, if any. */
export function shortcuts(actions) {
  const toggle = document.getElementById("shortcuts-on");
  toggle.checked = localStorage.getItem(KEY) !== "off";
  toggle.addEventListener("change", () => localStorage.setItem(KEY, toggle.checked ? "on" : "off"));
  document.addEventListener("keydown", (event) => {
    if (!toggle.checked || event.ctrlKey || event.altKey || event.metaKey || event.repeat) return;
    const action = actions[KEYS[event.key.toLowerCase()]];
    if (!action || typing(event.target)) return;
    event.preventDefault();
    const button = typeof action === "function" ? action(event) : action;
    if (button && !button.disabled) button.click();
  });
}
