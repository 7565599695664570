import { grownInt32 } from './grownInt32';

/**
 * The one flame-graph model every source feeds: pprof samples, trace CPU samples, blocking
 * profiles, goroutine stacks. Nodes are in preorder with children sorted by name, as typed arrays
 * so a tree with a million nodes crosses to the UI thread without copying.
 */
export interface FlameTree {
  /** Display names; nodes refer to them by index. */
  names: string[];
  /** Per node, in preorder. Node 0 is the synthetic root holding the whole total. */
  nameIndex: Int32Array;
  depth: Int32Array;
  /** Value of the node's subtree (pprof's cum) and of the node alone (flat). */
  total: Float64Array;
  self: Float64Array;
  /** Offset of the node's left edge, in value units from the root's left edge. */
  start: Float64Array;
  /** Index one past the node's last descendant, so drawing can skip whole subtrees. */
  subtreeEnd: Int32Array;
  maxDepth: number;
}

/** Stacks with one value each, frames root first, all stacks concatenated. */
export interface StackSamples {
  names: string[];
  /** Frame name indexes of every stack, root first. */
  frames: Int32Array;
  /** Stack i is frames[offsets[i]..offsets[i+1]); length is the stack count + 1. */
  offsets: Int32Array;
  values: Float64Array;
}

export const rootName = 'root';

/** A tree without nodes, for a view to show while its real tree is computed. */
export const emptyFlameTree: FlameTree = {
  names: [],
  nameIndex: new Int32Array(0),
  depth: new Int32Array(0),
  total: new Float64Array(0),
  self: new Float64Array(0),
  start: new Float64Array(0),
  subtreeEnd: new Int32Array(0),
  maxDepth: 0,
};

/**
 * Merges stacks into a call tree. With `invert`, every stack is read leaf first, which gives the
 * callers tree of the leaf functions (pprof's bottom-up view).
 */
export function buildFlameTree(samples: StackSamples, invert = false): FlameTree {
  const { frames, offsets, values } = samples;
  // Stacks share most frames: their count overstates the nodes, so start small and grow.
  const tree = new CallTreeBuilder(Math.min(frames.length + 1, 1 << 16));
  for (let s = 0; s + 1 < offsets.length; s++) {
    if (values[s] !== 0) tree.addStack(frames, offsets[s], offsets[s + 1], invert, values[s]);
  }
  return tree.layout(samples.names);
}

/**
 * A call tree as it is built: nodes in creation order, node 0 the root, each node a name index
 * (a frame name, or anything else a caller merges by, e.g. a location) under its parent.
 * Children are found through one open-addressing table keyed by (parent, name) in typed arrays,
 * so profiles with millions of frames allocate no object per frame or per node.
 */
export class CallTreeBuilder {
  count = 1;
  parent: Int32Array;
  name: Int32Array;
  /** Value of the node's subtree and of the node alone. */
  total: Float64Array;
  self: Float64Array;
  /** Node + 1 per slot, 0 for an empty slot; at most half full. */
  private slots: Int32Array;
  private mask: number;
  /** The previous stack's path, reused for the prefix the next stack shares with it. */
  private path: Int32Array = new Int32Array(64);
  private pathNames: Int32Array = new Int32Array(64);
  private pathLength = 0;

  /** `capacityHint`: the nodes expected; the arrays grow past it as needed. */
  constructor(capacityHint: number) {
    const size = Math.max(16, Math.min(capacityHint, 1 << 22));
    this.parent = new Int32Array(size).fill(-1, 0, 1);
    this.name = new Int32Array(size).fill(-1, 0, 1);
    this.total = new Float64Array(size);
    this.self = new Float64Array(size);
    let slots = 16;
    while (slots < size * 2) slots *= 2;
    this.slots = new Int32Array(slots);
    this.mask = slots - 1;
  }

  /**
   * Adds `value` along the stack names[from..to), root first, or root last when `reversed`.
   * Neighbouring stacks often share their outer frames: the previous stack's nodes are reused for
   * the common prefix, and only the rest goes through the hash table.
   */
  addStack(names: Int32Array, from: number, to: number, reversed: boolean, value: number): void {
    const depth = to - from;
    if (depth > this.path.length) {
      this.path = grownInt32(this.path, depth);
      this.pathNames = grownInt32(this.pathNames, depth);
    }
    const { path, pathNames, total } = this;
    total[0] += value;
    let k = 0;
    let node = 0;
    for (; k < this.pathLength && k < depth; k++) {
      const name = names[reversed ? to - 1 - k : from + k];
      if (pathNames[k] !== name) break;
      node = path[k];
      total[node] += value;
    }
    for (; k < depth; k++) {
      const name = names[reversed ? to - 1 - k : from + k];
      node = this.child(node, name);
      this.total[node] += value;
      path[k] = node;
      pathNames[k] = name;
    }
    this.pathLength = depth;
    this.self[node] += value;
  }

  /** The child of `parent` named `name`, created on first use. */
  child(parent: number, name: number): number {
    const { slots, mask } = this;
    let at = slotHash(parent, name) & mask;
    for (;;) {
      const held = slots[at];
      if (held === 0) break;
      if (this.parent[held - 1] === parent && this.name[held - 1] === name) return held - 1;
      at = (at + 1) & mask;
    }
    const node = this.count++;
    if (node === this.parent.length) this.grow();
    this.parent[node] = parent;
    this.name[node] = name;
    if (this.count * 2 > this.slots.length) this.rehash();
    else slots[at] = node + 1;
    return node;
  }

  /**
   * Sets every node's total to its self value plus its children's totals, for callers that add
   * values to `self` alone. A child is always made after its parent, so one backward pass does.
   */
  sumTotals(): void {
    const { parent, total, self } = this;
    for (let node = 0; node < this.count; node++) total[node] = self[node];
    for (let node = this.count - 1; node > 0; node--) total[parent[node]] += total[node];
  }

  /** The FlameTree of the nodes, named by `names`. */
  layout(names: string[]): FlameTree {
    return layoutPreorder(names, this);
  }

  private grow(): void {
    const size = this.parent.length * 2;
    const parent = new Int32Array(size);
    parent.set(this.parent);
    this.parent = parent;
    const name = new Int32Array(size);
    name.set(this.name);
    this.name = name;
    const total = new Float64Array(size);
    total.set(this.total);
    this.total = total;
    const self = new Float64Array(size);
    self.set(this.self);
    this.self = self;
  }

  /** Doubles the table and re-enters every node but the root. */
  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let node = 1; node < this.count; node++) {
      let at = slotHash(this.parent[node], this.name[node]) & mask;
      while (slots[at] !== 0) at = (at + 1) & mask;
      slots[at] = node + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

function slotHash(parent: number, name: number): number {
  const h = Math.imul(parent, 0x9e3779b1) ^ Math.imul(name, 0x85ebca6b);
  return (h ^ (h >>> 15)) >>> 0;
}

/**
 * Lays the trie out in preorder with children sorted by name: nodes are bucketed by the rank of
 * their name and then, stably, by parent (two counting sorts), which gives every node's children
 * in name order without a comparison sort per node.
 */
function layoutPreorder(names: string[], trie: CallTreeBuilder): FlameTree {
  const count = trie.count;
  const { parent, name: nameOf, total: totals, self: selfs } = trie;
  const rank = nameRanks(names);
  const byRank = countingSort(count, names.length, (n) => rank[nameOf[n]]);
  const childStart = new Int32Array(count + 1);
  for (let n = 1; n < count; n++) childStart[parent[n] + 1]++;
  for (let p = 0; p < count; p++) childStart[p + 1] += childStart[p];
  const children = new Int32Array(Math.max(0, count - 1));
  const fill = childStart.slice(0, count);
  for (let i = 0; i < byRank.length; i++) {
    const n = byRank[i];
    children[fill[parent[n]]++] = n;
  }

  const tree: FlameTree = {
    names: [...names, rootName],
    nameIndex: new Int32Array(count),
    depth: new Int32Array(count),
    total: new Float64Array(count),
    self: new Float64Array(count),
    start: new Float64Array(count),
    subtreeEnd: new Int32Array(count),
    maxDepth: 0,
  };
  // Iterative preorder walk: deep stacks must not overflow the JS call stack.
  const nodeStart = new Float64Array(count);
  const nodeDepth = new Int32Array(count);
  const stack = new Int32Array(count);
  let top = 0;
  stack[top++] = 0;
  let slot = 0;
  while (top > 0) {
    const node = stack[--top];
    const depth = nodeDepth[node];
    tree.nameIndex[slot] = node === 0 ? names.length : nameOf[node];
    tree.depth[slot] = depth;
    tree.total[slot] = totals[node];
    tree.self[slot] = selfs[node];
    tree.start[slot] = nodeStart[node];
    if (depth > tree.maxDepth) tree.maxDepth = depth;
    slot++;
    let offset = nodeStart[node];
    for (let i = childStart[node]; i < childStart[node + 1]; i++) {
      const kid = children[i];
      nodeStart[kid] = offset;
      nodeDepth[kid] = depth + 1;
      offset += totals[kid];
    }
    for (let i = childStart[node + 1] - 1; i >= childStart[node]; i--) stack[top++] = children[i];
  }
  // A node's subtree ends where the next node at the same or a shallower depth begins.
  const open = stack;
  top = 0;
  for (let at = 0; at < count; at++) {
    while (top > 0 && tree.depth[open[top - 1]] >= tree.depth[at]) {
      tree.subtreeEnd[open[--top]] = at;
    }
    open[top++] = at;
  }
  while (top > 0) tree.subtreeEnd[open[--top]] = count;
  return tree;
}

/** Each name's position in sorted order; equal names share a rank. */
function nameRanks(names: string[]): Int32Array {
  const order = Array.from(names.keys()).sort((a, b) => compareNames(names[a], names[b]));
  const rank = new Int32Array(names.length);
  for (let i = 1; i < order.length; i++) {
    const same = names[order[i]] === names[order[i - 1]];
    rank[order[i]] = same ? rank[order[i - 1]] : i;
  }
  return rank;
}

/** Nodes 1..count-1 ordered by key (0..keys-1), keeping node order among equal keys. */
function countingSort(count: number, keys: number, keyOf: (node: number) => number): Int32Array {
  const starts = new Int32Array(keys + 1);
  for (let n = 1; n < count; n++) starts[keyOf(n) + 1]++;
  for (let k = 0; k < keys; k++) starts[k + 1] += starts[k];
  const out = new Int32Array(Math.max(0, count - 1));
  for (let n = 1; n < count; n++) out[starts[keyOf(n)]++] = n;
  return out;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
