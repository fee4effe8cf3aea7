// Live props: h() takes a function for a prop, refresh() writes it again only where its
// value changed, so text a screen reader has read, or an attribute, is not rewritten.
import { test } from "node:test";
import assert from "node:assert/strict";

class FakeElement {
  constructor(tag) {
    Object.assign(this, { tag, dataset: {}, children: [], attributes: new Map(), writes: 0, hidden: false });
    this.text = "";
    this.className = "";
  }
  get textContent() { return this.text; }
  set textContent(value) { this.text = value; this.writes += 1; }
  setAttribute(name, value) { this.attributes.set(name, value); this.writes += 1; }
  getAttribute(name) { return this.attributes.has(name) ? this.attributes.get(name) : null; }
  removeAttribute(name) { this.attributes.delete(name); }
  appendChild(child) { this.children.push(child); }
  addEventListener() {}
  querySelectorAll() {
    const all = this.children.flatMap((child) => [child, ...child.querySelectorAll()]);
    return all.filter((el) => "live" in el.dataset);
  }
}
globalThis.document = { createElement: (tag) => new FakeElement(tag) };
const { h, refresh } = await import("../../static/js/core/dom.js");

test("refresh writes a live prop when its value changed, and only then", () => {
  const state = { n: 1, shown: true };
  const count = h("p", { text: () => `${state.n} cartes`, "aria-label": () => `n=${state.n}` });
  const note = h("p", { hidden: () => !state.shown, text: "fixe" });
  const root = h("div", {}, count, note);
  refresh(root);
  assert.equal(count.textContent, "1 cartes");
  const writes = count.writes;
  refresh(root);
  assert.equal(count.writes, writes);
  state.n = 2;
  state.shown = false;
  refresh(root);
  assert.equal(count.textContent, "2 cartes");
  assert.equal(count.getAttribute("aria-label"), "n=2");
  assert.equal(note.hidden, true);
  assert.equal(note.textContent, "fixe");
});
