import { GoState, type TraceModel } from '../trace/model';
import { eventTime } from '../trace/eventTimes';
import type { GoroutineTimelines } from './goroutineTimelines';

/** What a pinned goroutine's lane shows, in the summarizer's terms (goroutineSummaries). */
export const LaneState = {
  running: 0,
  /** Waiting for a P. */
  runnable: 1,
  /** In a syscall, holding its P or not. */
  syscall: 2,
  /** Blocked, for a reason the runtime names. */
  blocked: 3,
} as const;
export type LaneState = (typeof LaneState)[keyof typeof LaneState];
export const laneStateCount = 4;

/** State intervals of some goroutines over [from, to), for drawing at a pixel width. */
export interface GoroutineLanes {
  goroutines: Int32Array;
  /** Intervals at least a column wide (all of them without a pixel width), uncut by the window. */
  intervals: {
    /** Index into `goroutines`. */
    lane: Int32Array;
    state: Uint8Array;
    /** Block reason (index into `reasons`), -1 unless blocked. */
    reason: Int32Array;
    start: Float64Array;
    end: Float64Array;
  };
  reasons: string[];
  /**
   * With a pixel width: the narrower intervals summed per lane and column, as shares of the
   * column's time: shares[(lane × columns + column) × laneStateCount + state].
   */
  columns: number;
  shares: Float64Array;
  /** Per lane and column, the reason of the longest blocked piece in it, -1 for none. */
  columnReason: Int32Array;
}

export interface GoroutineLanesArgs {
  goroutines: number[];
  from: number;
  to: number;
  pixelWidth?: number;
}

/**
 * The state intervals of a few goroutines, read from their own transitions (a binary search to
 * the window, then only what lies in it), so a lane costs the same on a trace of any size. A
 * goroutine is running, runnable, in a syscall or blocked from each transition to the next; it
 * is in its first state since it was created or, if already alive, since the sync before it was
 * first named; it ends on exiting or on blocking "forever", as the summarizer has it.
 */
export function goroutineLanes(
  model: TraceModel,
  index: GoroutineTimelines,
  args: GoroutineLanesArgs,
): GoroutineLanes {
  const { from, to } = args;
  const columns = args.pixelWidth && args.pixelWidth > 0 ? Math.floor(args.pixelWidth) : 0;
  const columnNs = columns > 0 ? (to - from) / columns : Infinity;
  const lanes = args.goroutines.length;
  const shares = new Float64Array(lanes * columns * laneStateCount);
  const columnReason = new Int32Array(lanes * columns).fill(-1);
  const longestBlock = new Float64Array(lanes * columns);
  const reasonIndex = new Map<number, number>();
  const reasons: string[] = [];
  const kept = { lane: [] as number[], state: [] as number[], reason: [] as number[] };
  const starts: number[] = [];
  const ends: number[] = [];
  const { transition } = model;
  const { to: toState, reason: reasonOf } = model.transitions;
  const forever = model.strings.indexOf('forever');
  const { events, offsets } = index;

  for (let lane = 0; lane < lanes; lane++) {
    const g = index.ids.find(args.goroutines[lane]);
    if (g < 0) continue;
    const first = offsets[g];
    const last = offsets[g + 1];
    // The transition in force at `from`: the last one at or before it.
    let lo = first;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (eventTime(model, events[mid]) <= from) lo = mid + 1;
      else hi = mid;
    }
    for (let k = Math.max(first, lo - 1); k < last; k++) {
      const e = events[k];
      const start = k === first ? index.since[g] : eventTime(model, e);
      if (start >= to) break;
      const end = k + 1 < last ? eventTime(model, events[k + 1]) : index.traceEnd;
      if (end <= from || end <= start) continue;
      const row = transition[e];
      const state = laneStateOf(toState[row], reasonOf[row] === forever);
      if (state < 0) continue;
      let reason = -1;
      if (state === LaneState.blocked) {
        reason = reasonIndex.get(reasonOf[row]) ?? -1;
        if (reason < 0) {
          reason = reasons.push(model.strings[reasonOf[row]]) - 1;
          reasonIndex.set(reasonOf[row], reason);
        }
      }
      if (end - start >= columnNs || columns === 0) {
        kept.lane.push(lane);
        kept.state.push(state);
        kept.reason.push(reason);
        starts.push(start);
        ends.push(end);
        continue;
      }
      // Narrower than a column: spread over the (at most two) columns it touches.
      const a = Math.max(start, from);
      const b = Math.min(end, to);
      const lastColumn = Math.min(columns - 1, Math.floor((b - from) / columnNs));
      for (let c = Math.max(0, Math.floor((a - from) / columnNs)); c <= lastColumn; c++) {
        const piece = Math.min(b, from + (c + 1) * columnNs) - Math.max(a, from + c * columnNs);
        if (piece <= 0) continue;
        const cell = lane * columns + c;
        shares[cell * laneStateCount + state] += piece / columnNs;
        if (reason >= 0 && piece > longestBlock[cell]) {
          longestBlock[cell] = piece;
          columnReason[cell] = reason;
        }
      }
    }
  }
  return {
    goroutines: Int32Array.from(args.goroutines),
    intervals: {
      lane: Int32Array.from(kept.lane),
      state: Uint8Array.from(kept.state),
      reason: Int32Array.from(kept.reason),
      start: Float64Array.from(starts),
      end: Float64Array.from(ends),
    },
    reasons,
    columns,
    shares,
    columnReason,
  };
}

/** The lane state a transition leads to, -1 when the goroutine is gone. */
function laneStateOf(state: number, forever: boolean): number {
  switch (state) {
    case GoState.Running:
      return LaneState.running;
    case GoState.Runnable:
      return LaneState.runnable;
    case GoState.Syscall:
      return LaneState.syscall;
    case GoState.Waiting:
      return forever ? -1 : LaneState.blocked;
    default:
      return -1;
  }
}
