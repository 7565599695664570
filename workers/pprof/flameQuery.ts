import { CallTreeBuilder, type FlameTree, type StackSamples } from '../flame/flameTree';
import { grownInt32 } from '../flame/grownInt32';
import { compileGoRegexp } from './goRegexp';
import type { PprofModel } from './model';
import { forEachStackGroup, stackGroups } from './stackGroups';
import { buildStackView, type PprofViewOptions, type StackView } from './stackView';

export interface FlameResult {
  tree: FlameTree;
  /** pprof's percentage base (all samples, before focus-style filters). */
  total: number;
  sampleType: string;
  unit: string;
}

/** The flame graph of the samples left by the options, frames named for the granularity. */
export function flameQuery(model: PprofModel, options: PprofViewOptions = {}): FlameResult {
  const view = buildStackView(model, options);
  return {
    tree: groupsFlameTree(view),
    total: view.total,
    sampleType: view.sampleType,
    unit: view.unit,
  };
}

/**
 * buildFlameTree(mergedStacks(view)) without listing every frame of every stack: each group's
 * locations are read root first, and only the part that differs from the previous group's goes
 * through the tree's table, each location expanded into its frames as it is met. Values are added
 * at the leaves only and summed up the tree at the end.
 */
function groupsFlameTree(view: StackView): FlameTree {
  const groups = stackGroups(view);
  const { locNodeOffsets, locNodes, stackLocations } = view;
  // Groups' stacks share most frames, so the tree has a few nodes per group.
  const tree = new CallTreeBuilder(groups.value.length * 2);
  // The previous group's path: the location at each depth, and the node its last frame made.
  let pathLocation = new Int32Array(64);
  let pathNode = new Int32Array(64);
  let pathLength = 0;
  for (let g = 0; g < groups.value.length; g++) {
    const w = groups.value[g];
    const from = groups.from[g];
    const to = groups.to[g];
    if (w === 0 || to === from) continue;
    const depth = to - from;
    if (depth > pathNode.length) {
      pathLocation = grownInt32(pathLocation, depth);
      pathNode = grownInt32(pathNode, depth);
    }
    // Stacks are stored leaf first: read them reversed, root first.
    let k = 0;
    while (k < pathLength && k < depth && pathLocation[k] === stackLocations[to - 1 - k]) k++;
    let node = k > 0 ? pathNode[k - 1] : 0;
    for (; k < depth; k++) {
      const loc = stackLocations[to - 1 - k];
      for (let j = locNodeOffsets[loc + 1] - 1; j >= locNodeOffsets[loc]; j--) {
        node = tree.child(node, locNodes[j]);
      }
      pathLocation[k] = loc;
      pathNode[k] = node;
    }
    pathLength = depth;
    tree.self[node] += w;
  }
  tree.sumTotals();
  return tree.layout(view.names);
}

export interface SearchResult {
  /** Sum of the values of samples with at least one matching frame, each sample once. */
  total: number;
  /** Indexes into the names of the flame tree built with the same options. */
  nameIndexes: Int32Array;
}

/** Frames whose name matches `regex`, and the value of the samples that pass through them. */
export function searchQuery(
  model: PprofModel,
  args: PprofViewOptions & { regex: string },
): SearchResult {
  const view = buildStackView(model, args);
  const rx = compileGoRegexp('search', args.regex);
  const hit = view.names.map((name) => rx.test(name));
  let total = 0;
  forEachStackGroup(view, (g, frames, _inlined, depth, groups) => {
    for (let i = 0; i < depth; i++) {
      if (hit[frames[i]]) {
        total += groups.value[g];
        return;
      }
    }
  });
  const nameIndexes: number[] = [];
  hit.forEach((h, i) => h && nameIndexes.push(i));
  return { total, nameIndexes: Int32Array.from(nameIndexes) };
}

/**
 * The view's stacks as StackSamples, root first, one per group of samples with identical stacks;
 * groups of zero value and empty stacks are left out (a sample without frames has nowhere to go,
 * as in pprof's graph). `cut` may shorten each stack to frames[from..to) of its root-first frames.
 */
export function mergedStacks(
  view: StackView,
  cut?: (frames: Int32Array, depth: number) => [number, number] | undefined,
): StackSamples {
  const groups = stackGroups(view);
  let frames = new Int32Array(1024);
  const offsets = new Int32Array(groups.value.length + 1);
  const values = new Float64Array(groups.value.length);
  let count = 0;
  let length = 0;
  forEachStackGroup(view, (g, stack, _inlined, depth) => {
    const w = groups.value[g];
    if (w === 0) return;
    let from = 0;
    let to = depth;
    if (cut) {
      const range = cut(stack, depth);
      if (!range) return;
      [from, to] = range;
    }
    if (to === from) return;
    if (length + to - from > frames.length) {
      const grown = new Int32Array(Math.max(frames.length * 2, length + to - from));
      grown.set(frames.subarray(0, length));
      frames = grown;
    }
    frames.set(stack.subarray(from, to), length);
    length += to - from;
    values[count++] = w;
    offsets[count] = length;
  });
  return {
    names: view.names,
    frames: frames.slice(0, length),
    offsets: offsets.slice(0, count + 1),
    values: values.slice(0, count),
  };
}
