import { buildFlameTree, type FlameTree } from '../flame/flameTree';
import type { GoroutinesModel } from './goroutineModel';

export interface GoroutineGroupRow {
  /** Stable group index (first-seen order), the argument of `group({index})`. */
  index: number;
  /** Goroutines in the group. */
  count: number;
  /** Wait state ("chan receive"); '' for debug=1 profiles, which do not print states. */
  state: string;
  /** debug=1 labels text ("{"k":"v"}"), or ''. */
  labels: string;
  maxWaitMinutes: number;
  /** Sum of every member's wait, in goroutine-minutes. */
  totalWaitMinutes: number;
  lockedToThread: number;
  /** "created by" function of the first member, or ''. */
  createdBy: string;
  /** Innermost frame's function, or ''. */
  topFunction: string;
  frameCount: number;
}

export interface GoroutineSummary {
  goroutines: number;
  groups: number;
  /** Goroutines per wait state; empty for debug=1 profiles. */
  byState: Record<string, number>;
  maxWaitMinutes: number;
}

/** The fields the goroutine dump adds to `summarize --json`. */
export function summarizeGoroutines(model: GoroutinesModel): GoroutineSummary {
  const byState: Record<string, number> = {};
  let goroutines = 0;
  let maxWaitMinutes = 0;
  for (let r = 0; r < model.count.length; r++) {
    goroutines += model.count[r];
    maxWaitMinutes = Math.max(maxWaitMinutes, model.waitMinutes[r]);
    if (model.state[r] >= 0) {
      const state = model.strings[model.state[r]];
      byState[state] = (byState[state] ?? 0) + model.count[r];
    }
  }
  return { goroutines, groups: model.groupCount, byState, maxWaitMinutes };
}

/**
 * `groups({sort, search})`: one row per group of identical stacks. 'count' puts the biggest
 * groups first (then longest wait); 'wait' is the leak view: longest-blocked first, then the
 * biggest. Ties keep first-seen order. `search` keeps groups whose state, labels, "created by",
 * or any frame's function or file contains it (case-insensitive).
 */
export function groupsQuery(
  model: GoroutinesModel,
  args: { sort?: 'count' | 'wait'; search?: string } = {},
): GoroutineGroupRow[] {
  const rows = groupRows(model);
  const needle = args.search?.trim().toLowerCase() ?? '';
  const kept = needle === '' ? rows : rows.filter((row) => groupMatches(model, row.index, needle));
  const byCount = (a: GoroutineGroupRow, b: GoroutineGroupRow) => b.count - a.count;
  const byWait = (a: GoroutineGroupRow, b: GoroutineGroupRow) =>
    b.maxWaitMinutes - a.maxWaitMinutes;
  const order = args.sort === 'wait' ? [byWait, byCount] : [byCount, byWait];
  return kept.sort((a, b) => order[0](a, b) || order[1](a, b) || a.index - b.index);
}

export interface GoroutineGroupDetail extends GoroutineGroupRow {
  frames: Array<{ function: string; file: string; line: number }>;
  createdByFile: string;
  createdByLine: number;
  /** Members (one per goroutine in a dump, one record in a profile), in input order. */
  goroutines: Array<{
    id: number;
    state: string;
    waitMinutes: number;
    lockedToThread: boolean;
    createdBy: string;
    parentId: number;
    line: number;
  }>;
}

/** `group({index})`: a group's shared stack (leaf first) and its goroutines. */
export function groupQuery(model: GoroutinesModel, args: { index: number }): GoroutineGroupDetail {
  const row = groupRows(model)[args.index];
  if (!row) throw new RangeError(`no goroutine group ${args.index}`);
  const members: number[] = [];
  for (let r = 0; r < model.groupOfRecord.length; r++) {
    if (model.groupOfRecord[r] === args.index) members.push(r);
  }
  const first = members[0];
  const s = (i: number) => (i >= 0 ? model.strings[i] : '');
  const frames = [];
  for (let f = model.frameOffsets[first]; f < model.frameOffsets[first + 1]; f++) {
    frames.push({
      function: s(model.frameFunction[f]),
      file: s(model.frameFile[f]),
      line: model.frameLine[f],
    });
  }
  return {
    ...row,
    frames,
    createdByFile: s(model.createdByFile[first]),
    createdByLine: model.createdByLine[first],
    goroutines: members.map((r) => ({
      id: model.id[r],
      state: s(model.state[r]),
      waitMinutes: model.waitMinutes[r],
      lockedToThread: model.lockedToThread[r] === 1,
      createdBy: s(model.createdBy[r]),
      parentId: model.parentId[r],
      line: model.line[r],
    })),
  };
}

/** `flame({invert?})`: every goroutine's stack, root first, weighted by goroutine count. */
export function flameQuery(model: GoroutinesModel, args: { invert?: boolean } = {}): FlameTree {
  const { frameOffsets, frameFunction } = model;
  const frames = new Int32Array(frameFunction.length);
  // Dumps print the innermost frame first; flame graphs want the root first.
  for (let r = 0; r + 1 < frameOffsets.length; r++) {
    const from = frameOffsets[r];
    const to = frameOffsets[r + 1];
    for (let k = 0; k < to - from; k++) frames[from + k] = frameFunction[to - 1 - k];
  }
  return buildFlameTree(
    {
      names: model.strings,
      frames,
      offsets: frameOffsets.slice(),
      values: Float64Array.from(model.count),
    },
    args.invert ?? false,
  );
}

function groupRows(model: GoroutinesModel): GoroutineGroupRow[] {
  const s = (i: number) => (i >= 0 ? model.strings[i] : '');
  const rows: GoroutineGroupRow[] = [];
  for (let r = 0; r < model.groupOfRecord.length; r++) {
    const g = model.groupOfRecord[r];
    let row = rows[g];
    if (!row) {
      const from = model.frameOffsets[r];
      const to = model.frameOffsets[r + 1];
      row = rows[g] = {
        index: g,
        count: 0,
        state: s(model.state[r]),
        labels: s(model.labels[r]),
        maxWaitMinutes: 0,
        totalWaitMinutes: 0,
        lockedToThread: 0,
        createdBy: s(model.createdBy[r]),
        topFunction: to > from ? s(model.frameFunction[from]) : '',
        frameCount: to - from,
      };
    }
    const n = model.count[r];
    row.count += n;
    row.maxWaitMinutes = Math.max(row.maxWaitMinutes, model.waitMinutes[r]);
    row.totalWaitMinutes += model.waitMinutes[r] * n;
    row.lockedToThread += model.lockedToThread[r] * n;
  }
  return rows;
}

function groupMatches(model: GoroutinesModel, group: number, needle: string): boolean {
  const has = (i: number) => i >= 0 && model.strings[i].toLowerCase().includes(needle);
  // Members share state, labels and stack; "created by" may differ, so check it for each.
  let first = true;
  for (let r = 0; r < model.groupOfRecord.length; r++) {
    if (model.groupOfRecord[r] !== group) continue;
    if (has(model.createdBy[r])) return true;
    if (!first) continue;
    first = false;
    if (has(model.state[r]) || has(model.labels[r])) return true;
    for (let f = model.frameOffsets[r]; f < model.frameOffsets[r + 1]; f++) {
      if (has(model.frameFunction[f]) || has(model.frameFile[f])) return true;
    }
  }
  return false;
}
