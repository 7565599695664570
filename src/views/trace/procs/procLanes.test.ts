import { describe, expect, it } from 'vitest';
import { ProcActivity, type ProcIntervals } from '../../../../workers/analysis/procIntervalTable';
import { indexLanes, intervalAt, laneAt, layoutLanes, procLaneHeight } from './procLanes';

/** Two Ps: G1 runs on P0 with an assist inside it, G2 runs on P1 and then on P0. */
const intervals: ProcIntervals = {
  p: Int32Array.from([0, 1, 0, 0]),
  start: Float64Array.from([100, 150, 200, 500]),
  end: Float64Array.from([400, 450, 260, 700]),
  g: Int32Array.from([1, 2, 1, 2]),
  activity: Uint8Array.from([
    ProcActivity.running,
    ProcActivity.running,
    ProcActivity.markAssist,
    ProcActivity.running,
  ]),
};

describe('procs timeline lanes', () => {
  it('stacks Ps first, then pinned goroutines under a heading, without overlap', () => {
    const lanes = layoutLanes([0, 1], [7]);
    expect(lanes.map((l) => [l.kind, l.id])).toEqual([
      ['proc', 0],
      ['proc', 1],
      ['goroutine', 7],
    ]);
    expect(lanes[1].y).toBeGreaterThanOrEqual(lanes[0].y + procLaneHeight);
    expect(lanes[2].y).toBeGreaterThan(lanes[1].y + procLaneHeight + 10);
    expect(laneAt(lanes, lanes[1].y + 3)).toBe(lanes[1]);
    expect(laneAt(lanes, lanes[1].y + procLaneHeight + 1)).toBeUndefined();
  });

  it('finds the most specific interval under the pointer', () => {
    const index = indexLanes(intervals);
    expect(intervalAt(intervals, index.byProc.get(0), 120, 0)).toBe(0);
    // The assist lies inside G1's run: the assist is what the pointer is on.
    expect(intervalAt(intervals, index.byProc.get(0), 230, 0)).toBe(2);
    expect(intervalAt(intervals, index.byProc.get(1), 300, 0)).toBe(1);
  });

  it('takes a near interval within the slop, and nothing beyond it', () => {
    const index = indexLanes(intervals);
    expect(intervalAt(intervals, index.byProc.get(0), 420, 60)).toBe(0);
    expect(intervalAt(intervals, index.byProc.get(0), 420, 10)).toBe(-1);
    expect(intervalAt(intervals, index.byProc.get(5), 450, 1000)).toBe(-1);
  });
});
