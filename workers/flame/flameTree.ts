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

/**
 * Merges stacks into a call tree. With `invert`, every stack is read leaf first, which gives the
 * callers tree of the leaf functions (pprof's bottom-up view).
 */
export function buildFlameTree(samples: StackSamples, invert = false): FlameTree {
  const { frames, offsets, values } = samples;
  // Trie with children found through one map keyed by parent × names + name: a number key,
  // exact below 2^53, is much cheaper than a string per frame on profiles with millions of frames.
  const nameCount = samples.names.length;
  const parent: number[] = [-1];
  const nameOf: number[] = [-1];
  const totals: number[] = [0];
  const selfs: number[] = [0];
  const childKey = new Map<number, number>();
  for (let s = 0; s + 1 < offsets.length; s++) {
    const value = values[s];
    if (value === 0) continue;
    let node = 0;
    totals[0] += value;
    const from = offsets[s];
    const to = offsets[s + 1];
    for (let k = 0; k < to - from; k++) {
      const name = frames[invert ? to - 1 - k : from + k];
      const key = node * nameCount + name;
      let child = childKey.get(key);
      if (child === undefined) {
        child = parent.length;
        parent.push(node);
        nameOf.push(name);
        totals.push(0);
        selfs.push(0);
        childKey.set(key, child);
      }
      totals[child] += value;
      node = child;
    }
    selfs[node] += value;
  }
  return layoutPreorder(samples.names, parent, nameOf, totals, selfs);
}

function layoutPreorder(
  names: string[],
  parent: number[],
  nameOf: number[],
  totals: number[],
  selfs: number[],
): FlameTree {
  const count = parent.length;
  const children: number[][] = Array.from({ length: count }, () => []);
  for (let n = 1; n < count; n++) children[parent[n]].push(n);
  const allNames = [...names, rootName];
  const rootIndex = names.length;
  for (const list of children)
    list.sort((a, b) => compareNames(names[nameOf[a]], names[nameOf[b]]));

  const tree: FlameTree = {
    names: allNames,
    nameIndex: new Int32Array(count),
    depth: new Int32Array(count),
    total: new Float64Array(count),
    self: new Float64Array(count),
    start: new Float64Array(count),
    subtreeEnd: new Int32Array(count),
    maxDepth: 0,
  };
  // Iterative preorder walk: deep stacks must not overflow the JS call stack.
  const stack: Array<{ node: number; depth: number; start: number; slot: number }> = [
    { node: 0, depth: 0, start: 0, slot: -1 },
  ];
  const slotOfNode: number[] = [];
  let next = 0;
  while (stack.length > 0) {
    const { node, depth, start } = stack.pop()!;
    const slot = next++;
    slotOfNode[node] = slot;
    tree.nameIndex[slot] = node === 0 ? rootIndex : nameOf[node];
    tree.depth[slot] = depth;
    tree.total[slot] = totals[node];
    tree.self[slot] = selfs[node];
    tree.start[slot] = start;
    if (depth > tree.maxDepth) tree.maxDepth = depth;
    const kids = children[node];
    let offset = start;
    const starts = kids.map((kid) => {
      const s = offset;
      offset += totals[kid];
      return s;
    });
    for (let i = kids.length - 1; i >= 0; i--) {
      stack.push({ node: kids[i], depth: depth + 1, start: starts[i], slot: -1 });
    }
  }
  // A node's subtree ends where the next node at the same or a shallower depth begins.
  const open: number[] = [];
  for (let slot = 0; slot < count; slot++) {
    while (open.length > 0 && tree.depth[open[open.length - 1]] >= tree.depth[slot]) {
      tree.subtreeEnd[open.pop()!] = slot;
    }
    open.push(slot);
  }
  for (const slot of open) tree.subtreeEnd[slot] = count;
  return tree;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
