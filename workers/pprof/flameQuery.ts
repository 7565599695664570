import { CallTreeBuilder, type FlameTree, type StackSamples } from '../flame/flameTree';
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
 * buildFlameTree(mergedStacks(view)) without listing every frame of every stack: the groups'
 * stacks are merged into a tree of locations first, then each location node is expanded into its
 * frames once. A location adds at least one frame, so the frames a location node adds are on no
 * other node of the same stack, and their totals are the location node's.
 */
function groupsFlameTree(view: StackView): FlameTree {
  const groups = stackGroups(view);
  // A few new nodes per group: the groups' stacks differ near their leaves.
  const byLocation = new CallTreeBuilder(groups.value.length * 5);
  for (let g = 0; g < groups.value.length; g++) {
    const w = groups.value[g];
    // Stacks are stored leaf first: read them reversed, root first.
    if (w !== 0 && groups.to[g] > groups.from[g]) {
      byLocation.addStack(view.stackLocations, groups.from[g], groups.to[g], true, w);
    }
  }
  const { locNodeOffsets, locNodes } = view;
  const { parent, name: location, total, self } = byLocation;
  const byFrame = new CallTreeBuilder(byLocation.count);
  byFrame.total[0] = total[0];
  const frameOf = new Int32Array(byLocation.count);
  for (let node = 1; node < byLocation.count; node++) {
    let frame = frameOf[parent[node]];
    const loc = location[node];
    for (let j = locNodeOffsets[loc + 1] - 1; j >= locNodeOffsets[loc]; j--) {
      frame = byFrame.child(frame, locNodes[j]);
      byFrame.total[frame] += total[node];
    }
    byFrame.self[frame] += self[node];
    frameOf[node] = frame;
  }
  return byFrame.layout(view.names);
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
