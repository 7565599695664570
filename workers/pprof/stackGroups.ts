import { visitStacks, type StackView } from './stackView';

/**
 * A view's samples grouped by identical stacks (the same locations, in the same order). A Go heap
 * profile has one sample per stack and allocation size, so there are several times fewer groups
 * than samples, and aggregations over groups (flame, top, search) give the same sums: values are
 * int64s read as doubles, exact while sums stay below 2^53 (see model.ts).
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

/** Hashes every kept sample's location range into an open-addressing table of groups. */
function groupStacks(view: StackView): StackGroups {
  const { stackFrom, stackTo, stackLocations, value } = view;
  const count = stackFrom.length;
  let size = 16;
  while (size < count * 2) size *= 2;
  const mask = size - 1;
  // Group + 1 per slot, 0 for an empty slot.
  const slots = new Int32Array(size);
  const from = new Int32Array(count);
  const to = new Int32Array(count);
  const sums = new Float64Array(count);
  const nonzero = new Uint8Array(count);
  let groupCount = 0;
  for (let k = 0; k < count; k++) {
    const start = stackFrom[k];
    const end = stackTo[k];
    let hash = 0x811c9dc5 ^ (end - start);
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ stackLocations[i], 0x01000193);
    let at = (hash ^ (hash >>> 16)) & mask;
    let g = -1;
    for (;;) {
      const held = slots[at] - 1;
      if (held < 0) break;
      if (sameRange(stackLocations, from[held], to[held], start, end)) {
        g = held;
        break;
      }
      at = (at + 1) & mask;
    }
    if (g < 0) {
      g = groupCount++;
      slots[at] = g + 1;
      from[g] = start;
      to[g] = end;
    }
    const w = value[k];
    sums[g] += w;
    if (w !== 0) nonzero[g] = 1;
  }
  return {
    from: from.slice(0, groupCount),
    to: to.slice(0, groupCount),
    value: sums.slice(0, groupCount),
    nonzero: nonzero.slice(0, groupCount),
  };
}

function sameRange(
  locations: Int32Array,
  aFrom: number,
  aTo: number,
  bFrom: number,
  bTo: number,
): boolean {
  if (aTo - aFrom !== bTo - bFrom) return false;
  if (aFrom === bFrom) return true;
  for (let i = 0; i < aTo - aFrom; i++) {
    if (locations[aFrom + i] !== locations[bFrom + i]) return false;
  }
  return true;
}
