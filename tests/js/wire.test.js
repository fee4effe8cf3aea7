// wire() and stamp(): markup written by the server's template, bound to what changes.
import { test } from "node:test";
import assert from "node:assert/strict";

class FakeElement {
  constructor(ref, children = []) {
    Object.assign(this, { dataset: ref ? { ref } : {}, children, attributes: new Map(), listeners: [] });
    this.textContent = "";
    this.hidden = false;
  }
  setAttribute(name, value) { this.attributes.set(name, value); }
  getAttribute(name) { return this.attributes.has(name) ? this.attributes.get(name) : null; }
  removeAttribute(name) { this.attributes.delete(name); }
  addEventListener(type, fn) { this.listeners.push([type, fn]); }
  cloneNode() {
    const copy = new FakeElement(this.dataset.ref, this.children.map((child) => child.cloneNode(true)));
    copy.textContent = this.textContent;
    return copy;
  }
  querySelectorAll(selector) {
    const all = this.children.flatMap((child) => [child, ...child.querySelectorAll("*")]);
    if (selector === "[data-ref]") return all.filter((el) => "ref" in el.dataset);
    if (selector === "[data-live]") return all.filter((el) => "live" in el.dataset);
    return all;
  }
}
const template = { content: { firstElementChild: new FakeElement("card", [new FakeElement("title"), new FakeElement(null, [new FakeElement("count")])]) } };
globalThis.document = { getElementById: (id) => (id === "tpl-card" ? template : null) };
const { stamp, wire, refresh } = await import("../../static/js/core/dom.js");

test("stamp copies the template each time and names its data-ref elements", () => {
  const [first, refs] = stamp("tpl-card");
  const [second] = stamp("tpl-card");
  assert.notEqual(first, second);
  assert.equal(refs.card, first);
  assert.deepEqual(Object.keys(refs).sort(), ["card", "count", "title"]);
  assert.equal(template.content.firstElementChild.children[0].textContent, "");
});

test("wired props are live: refresh writes them again from the state", () => {
  const state = { n: 1 };
  const clicks = [];
  const [card, refs] = stamp("tpl-card", {
    count: { text: () => `${state.n} soutien`, hidden: () => state.n === 0 },
    title: { class: "title", onclick: () => clicks.push(1) },
  });
  refresh(card);
  assert.equal(refs.count.textContent, "1 soutien");
  assert.equal(refs.title.className, "title");
  assert.equal(refs.title.listeners.length, 1);
  state.n = 0;
  refresh(card);
  assert.equal(refs.count.hidden, true);
});

test("a prop for a name the template lacks is a mistake said at once", () => {
  const root = new FakeElement("view", [new FakeElement("title")]);
  assert.throws(() => wire(root, { titel: { text: "x" } }), /data-ref="titel"/);
});
