import { describe, expect, it } from 'vitest';
import type { GcCycles } from '../../../../workers/analysis/gcCycles';
import { cycleSpan, cycleUnder } from './cycleSpan';

const f = (...v: number[]) => Float64Array.from(v);

/** Two cycles: [100, 300] finished; [1000, …) still marking when the trace ended at 2000. */
const cycles = {
  count: 2,
  start: f(100, 1000),
  end: f(290, NaN),
  sweepTermStart: f(105, 1002),
  sweepTermNs: f(10, 20),
  markTermStart: f(280, NaN),
  markTermNs: f(20, NaN),
} as unknown as GcCycles;

describe('GC cycles on the timeline', () => {
  it('span from GCBegin to the end of mark termination, or to the trace end', () => {
    expect(cycleSpan(cycles, 0, 2000)).toEqual([100, 300]);
    expect(cycleSpan(cycles, 1, 2000)).toEqual([1000, 2000]);
  });

  it('are found under the pointer, with a few pixels of slack around them', () => {
    expect(cycleUnder(cycles, 200, 0, 2000)).toBe(0);
    expect(cycleUnder(cycles, 305, 10, 2000)).toBe(0);
    expect(cycleUnder(cycles, 500, 10, 2000)).toBe(-1);
    expect(cycleUnder(cycles, 95, 10, 2000)).toBe(0);
    expect(cycleUnder(cycles, 1500, 0, 2000)).toBe(1);
  });
});
