import { buildFlameTree, type FlameTree, type StackSamples } from '../flame/flameTree';
import { compileGoRegexp } from './goRegexp';
import type { PprofModel } from './model';
import { buildStackView, forEachStack, type PprofViewOptions, type StackView } from './stackView';

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
    tree: buildFlameTree(mergedStacks(view)),
    total: view.total,
    sampleType: view.sampleType,
    unit: view.unit,
  };
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
  forEachStack(view, (k, frames, _inlined, depth) => {
    for (let i = 0; i < depth; i++) {
      if (hit[frames[i]]) {
        total += view.value[k];
        return;
      }
    }
  });
  const nameIndexes: number[] = [];
  hit.forEach((h, i) => h && nameIndexes.push(i));
  return { total, nameIndexes: Int32Array.from(nameIndexes) };
}

/**
 * The view's stacks as StackSamples, root first, with identical stacks merged (a Go heap profile
 * has one sample per stack and allocation size, so many share a stack); zero values and empty
 * stacks are dropped.
 * `cut` may shorten each stack to frames[from..to) of its root-first frames.
 */
export function mergedStacks(
  view: StackView,
  cut?: (frames: Int32Array, depth: number) => [number, number] | undefined,
): StackSamples {
  const frames: number[] = [];
  const offsets: number[] = [0];
  const values: number[] = [];
  const byHash = new Map<number, number>();
  const nextSameHash: number[] = [];
  forEachStack(view, (k, stack, _inlined, depth) => {
    const w = view.value[k];
    if (w === 0) return;
    let from = 0;
    let to = depth;
    if (cut) {
      const range = cut(stack, depth);
      if (!range) return;
      [from, to] = range;
    }
    // A sample without frames has nowhere to go, as in pprof's graph.
    if (to === from) return;
    let hash = 0x811c9dc5 ^ (to - from);
    for (let i = from; i < to; i++) hash = Math.imul(hash ^ stack[i], 0x01000193);
    for (let s = byHash.get(hash) ?? -1; s >= 0; s = nextSameHash[s]) {
      if (sameFrames(frames, offsets[s], offsets[s + 1], stack, from, to)) {
        values[s] += w;
        return;
      }
    }
    const index = values.length;
    nextSameHash.push(byHash.get(hash) ?? -1);
    byHash.set(hash, index);
    for (let i = from; i < to; i++) frames.push(stack[i]);
    offsets.push(frames.length);
    values.push(w);
  });
  return {
    names: view.names,
    frames: Int32Array.from(frames),
    offsets: Int32Array.from(offsets),
    values: Float64Array.from(values),
  };
}

function sameFrames(
  frames: number[],
  start: number,
  end: number,
  stack: Int32Array,
  from: number,
  to: number,
): boolean {
  if (end - start !== to - from) return false;
  for (let i = 0; i < to - from; i++) if (frames[start + i] !== stack[from + i]) return false;
  return true;
}
