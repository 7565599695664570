import type { ProcIntervals } from '../../../../workers/analysis/procIntervalTable';

/** One row of the procs timeline: a P, or a goroutine pinned below the Ps. */
export interface Lane {
  kind: 'proc' | 'goroutine';
  /** P id or goroutine id. */
  id: number;
  y: number;
  height: number;
}

export const procLaneHeight = 20;
export const goroutineLaneHeight = 16;
const laneGap = 2;
/** Space between the Ps and the pinned goroutines, for their heading. */
const pinnedHeading = 18;

/** Ps from the top in id order, then the pinned goroutines in pinning order. */
export function layoutLanes(procs: ArrayLike<number>, pins: readonly number[]): Lane[] {
  const lanes: Lane[] = [];
  let y = laneGap;
  for (let i = 0; i < procs.length; i++) {
    lanes.push({ kind: 'proc', id: procs[i], y, height: procLaneHeight });
    y += procLaneHeight + laneGap;
  }
  if (pins.length > 0) y += pinnedHeading;
  for (const g of pins) {
    lanes.push({ kind: 'goroutine', id: g, y, height: goroutineLaneHeight });
    y += goroutineLaneHeight + laneGap;
  }
  return lanes;
}

export function lanesHeight(lanes: readonly Lane[]): number {
  const last = lanes[lanes.length - 1];
  return last ? last.y + last.height + laneGap : 0;
}

/** The lane under a y coordinate, or undefined between and around lanes. */
export function laneAt(lanes: readonly Lane[], y: number): Lane | undefined {
  return lanes.find((l) => y >= l.y && y < l.y + l.height);
}

/** Interval indexes of each P's lane, in start order, for drawing and hit testing. */
export interface LaneIndex {
  byProc: Map<number, Int32Array>;
}

export function indexLanes(intervals: ProcIntervals): LaneIndex {
  const procs = new Map<number, number[]>();
  for (let i = 0; i < intervals.start.length; i++) {
    const list = procs.get(intervals.p[i]);
    if (list) list.push(i);
    else procs.set(intervals.p[i], [i]);
  }
  return { byProc: new Map([...procs].map(([k, v]) => [k, Int32Array.from(v)] as const)) };
}

/** How far back from the pointer to look for an interval still open under it. */
const backScan = 256;

/**
 * The interval of a lane under time t, within `slop` ns (a few pixels) when none covers t
 * exactly. Of overlapping intervals (an assist inside the run that made it), the shortest wins:
 * it is the most specific thing under the pointer. -1 if nothing is near.
 */
export function intervalAt(
  intervals: ProcIntervals,
  rows: Int32Array | undefined,
  t: number,
  slop: number,
): number {
  if (!rows || rows.length === 0) return -1;
  // Last row starting at or before t + slop.
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (intervals.start[rows[mid]] <= t + slop) lo = mid + 1;
    else hi = mid;
  }
  let best = -1;
  let bestScore = Infinity;
  for (let k = lo - 1; k >= 0 && k >= lo - backScan; k--) {
    const i = rows[k];
    const start = intervals.start[i];
    const end = intervals.end[i];
    const distance = t < start ? start - t : t > end ? t - end : 0;
    if (distance > slop) continue;
    // Covering intervals rank by length; near misses after all covering ones, by distance.
    const score = distance === 0 ? end - start : 1e18 + distance;
    if (score < bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}
