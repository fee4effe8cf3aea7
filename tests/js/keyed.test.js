// The keyed renderer keeps the elements of items still shown, in place: what a person is
// using is never replaced. Runs on a minimal stand-in for the DOM (no browser needed).
import { test } from "node:test";
import assert from "node:assert/strict";

import { keyed } from "../../static/js/core/dom.js";

class FakeNode {
  constructor(name) { this.name = name; this.dataset = {}; this.parent = null; this.children = []; this.moves = 0; }
  get firstElementChild() { return this.children[0] || null; }
  get nextElementSibling() {
    const siblings = this.parent.children;
    return siblings[siblings.indexOf(this) + 1] || null;
  }
  insertBefore(node, before) {
    if (node.parent) { node.parent.children.splice(node.parent.children.indexOf(node), 1); node.moves += 1; }
    node.parent = this;
    const at = before ? this.children.indexOf(before) : this.children.length;
    this.children.splice(at, 0, node);
  }
  remove() { this.parent.children.splice(this.parent.children.indexOf(this), 1); this.parent = null; }
}

function render(list, items, log) {
  keyed(list, items, (item) => item.id, (item) => { log.created.push(item.id); return new FakeNode(item.id); },
        (node, item) => { node.text = item.text; });
}

test("a new item at the top moves nothing else and replaces nothing", () => {
  const list = new FakeNode("ul");
  const log = { created: [] };
  render(list, [{ id: 2, text: "b" }, { id: 1, text: "a" }], log);
  const [two, one] = list.children;
  render(list, [{ id: 3, text: "c" }, { id: 2, text: "b2" }, { id: 1, text: "a" }], log);
  assert.deepEqual(log.created, [2, 1, 3]);
  assert.equal(list.children[1], two);
  assert.equal(list.children[2], one);
  assert.equal(two.moves + one.moves, 0);
  assert.equal(two.text, "b2");
});

test("removed items go, reordered items follow the new order", () => {
  const list = new FakeNode("ul");
  const log = { created: [] };
  render(list, [{ id: 1 }, { id: 2 }, { id: 3 }], log);
  const three = list.children[2];
  render(list, [{ id: 3 }, { id: 1 }], log);
  assert.deepEqual(list.children.map((n) => n.dataset.key), ["3", "1"]);
  assert.equal(list.children[0], three);
  assert.deepEqual(log.created, [1, 2, 3]);
});
