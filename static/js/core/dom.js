/* Building and patching the DOM. User text only ever reaches the page as text nodes.
 *
 * h("button", {class: "x", onclick: fn, text: "Hi"}, child, "text") builds an element; a
 * prop given as a function (other than on…) is live: refresh(root) sets it again, where its
 * value changed, on root and everything in it. keyed(list, items, keyOf, create, update)
 * patches a list in place by key, so an element someone is using (a focused button, a text
 * box with a half-typed draft) is kept, never replaced, whatever the room sends meanwhile.
 * Markup that does not change is written by the server's templates: stamp("tpl-id", {ref:
 * props}) copies a <template> and binds its data-ref elements, wire(root, …) does the same on
 * what the page already holds. */

export function h(tag, props, ...children) {
  const el = bind(document.createElement(tag), props);
  append(el, children);
  return el;
}

/* Give an element that is already there (written by the server's template) the props h()
 * takes: listeners, live props, fixed ones. Returns the element. */
export function bind(el, props) {
  for (const [key, value] of Object.entries(props || {})) {
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (typeof value === "function") (el.live ||= []).push([key, value]);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else set(el, key, value);
  }
  if (el.live) el.dataset.live = "";
  return el;
}

/* The elements of `root` (itself included) named by a data-ref attribute, as {name: element};
 * with `props` ({name: props}), each named element is bound to its props first. The markup
 * lives in the template, with its text already in the page's language; the script only says
 * what changes. */
export function wire(root, props = {}) {
  const named = [root, ...root.querySelectorAll("[data-ref]")].filter((el) => el.dataset.ref);
  const refs = Object.fromEntries(named.map((el) => [el.dataset.ref, el]));
  for (const [name, value] of Object.entries(props)) {
    if (!refs[name]) throw new Error(`no data-ref="${name}" in the template`);
    bind(refs[name], value);
  }
  return refs;
}

/* A fresh copy of <template id="…">'s element, wired like wire(copy, props): a view or a
 * list item whose markup the server wrote once. Returns [copy, refs]. */
export function stamp(id, props) {
  const copy = document.getElementById(id).content.firstElementChild.cloneNode(true);
  return [copy, wire(copy, props)];
}

/* One prop, written only when it changed: text, hidden, class or an attribute (none when
 * null or false). A screen reader re-reads changed text; nothing else is disturbed. */
function set(el, key, value) {
  const absent = value === null || value === undefined || value === false;
  const text = absent || value === true ? "" : String(value);
  if (key === "text") setText(el, text);
  else if (key === "hidden") show(el, absent);
  else if (key === "class") { if (el.className !== text) el.className = text; }
  else if (absent) el.removeAttribute(key);
  else if (el.getAttribute(key) !== text) el.setAttribute(key, text);
}

/* Set the live props of `root` and of every element in it from their functions. */
export function refresh(root) {
  for (const el of [root, ...root.querySelectorAll("[data-live]")]) {
    for (const [key, value] of el.live || []) set(el, key, value());
  }
}

function append(el, child) {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) { child.forEach((c) => append(el, c)); return; }
  el.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
}

/* Make `list`'s element children stand for `items`, in order: an item whose key is already
 * shown keeps its element (update(node, item) refreshes it), a new key gets create(item),
 * a key gone loses its element. Only elements out of place move: an item added at the top
 * moves nothing else, so focus stays where it is (moving a focused element blurs it). */
export function keyed(list, items, keyOf, create, update) {
  const shown = new Map();
  for (let node = list.firstElementChild; node; node = node.nextElementSibling) {
    shown.set(node.dataset.key, node);
  }
  let cursor = list.firstElementChild;
  for (const item of items) {
    const key = String(keyOf(item));
    let node = shown.get(key);
    if (node) shown.delete(key);
    else { node = create(item); node.dataset.key = key; }
    if (update) update(node, item);
    if (node === cursor) cursor = cursor.nextElementSibling;
    else list.insertBefore(node, cursor);
  }
  for (const node of shown.values()) node.remove();
}

/* Rebuild a small panel from scratch with build() (its children); the control that had the
 * focus is found again by its id and keeps it, and what is being typed lives outside the
 * panel. Lists that change often use keyed() instead. */
export function redraw(node, build) {
  const focused = node.contains(document.activeElement) ? document.activeElement.id : "";
  // what someone typed and has not sent yet stays in the redrawn field of the same id
  const typed = [...node.querySelectorAll("input[id], textarea[id]")]
    .filter((field) => field.value !== field.defaultValue).map((field) => [field.id, field.value]);
  node.replaceChildren(...[build()].flat(Infinity).filter(Boolean));
  for (const [id, value] of typed) {
    const field = node.querySelector(`#${CSS.escape(id)}`);
    if (field) field.value = value;
  }
  if (focused) document.getElementById(focused)?.focus();
}

/* Set an element's text only when it changed (a screen reader re-reads changed text). */
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/* Show or hide, by the `hidden` attribute, only when it changes. */
export function show(node, visible) {
  if (node.hidden === visible) node.hidden = !visible;
}

/* Put `node` in the page with place(node) when `present`, take it out otherwise (for a
 * notice that should not linger, even hidden). */
export function presentIf(node, present, place) {
  if (present && !node.isConnected) place(node);
  else if (!present) node.remove();
}

export function readJSON(id) {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : null;
}
