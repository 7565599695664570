import { visitStacks, type StackView } from './stackView';

/**
 * A view's samples grouped by stack: the decoder stores each distinct stack once (a Go heap
 * profile has one sample per stack and allocation size), so a group is one of the view's stacks,
 * and aggregations over groups (flame, top, search) give the same sums as over samples: values
 * are int64s read as doubles, exact while sums stay below 2^53 (see model.ts).
 */
export interface StackGroups {
  /** Group g's stack is view.stackLocations[from[g]..to[g]), leaf first. */
  from: Int32Array;
  to: Int32Array;
  /** Sum of the group's sample values. */
  value: Float64Array;
  /** 1 when at least one sample of the group has a nonzero value (pprof skips zero samples). */
  nonzero: Uint8Array;
}

const groupsOfView = new WeakMap<StackView, StackGroups>();

/** The view's stack groups, computed once per view (views are shared, see buildStackView). */
export function stackGroups(view: StackView): StackGroups {
  let groups = groupsOfView.get(view);
  if (!groups) {
    groups = groupStacks(view);
    groupsOfView.set(view, groups);
  }
  return groups;
}

/**
 * Visits each group's stack as frames from the root to the leaf, as forEachStack does for samples;
 * `g` indexes the groups' arrays.
 */
export function forEachStackGroup(
  view: StackView,
  visit: (
    g: number,
    frames: Int32Array,
    inlined: Uint8Array,
    depth: number,
    groups: StackGroups,
  ) => void,
): void {
  const groups = stackGroups(view);
  visitStacks(view, groups.from, groups.to, (g, frames, inlined, depth) =>
    visit(g, frames, inlined, depth, groups),
  );
}

/** Sums the kept samples' values per view stack. */
function groupStacks(view: StackView): StackGroups {
  const { stack, value, stackFrom, stackTo } = view;
  const count = stackFrom.length;
  const sums = new Float64Array(count);
  const nonzero = new Uint8Array(count);
  for (let k = 0; k < stack.length; k++) {
    const w = value[k];
    sums[stack[k]] += w;
    if (w !== 0) nonzero[stack[k]] = 1;
  }
  return { from: stackFrom, to: stackTo, value: sums, nonzero };
}
