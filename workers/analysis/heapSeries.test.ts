import { describe, expect, it } from 'vitest';
import { heapSeries, sliceStepSeries, thinStepSeries } from './heapSeries';
import { oneGcCycle } from './testing/oneGcCycle';

describe('heapSeries', () => {
  const series = heapSeries(oneGcCycle().build());

  it('gives heap live and goal as step series tagged with their GC cycle', () => {
    expect([...series.live.time]).toEqual([5, 30, 95, 104]);
    expect([...series.live.value]).toEqual([1000, 1500, 1900, 800]);
    expect([...series.live.cycle]).toEqual([-1, 0, 0, 0]);
    expect([...series.goal.time]).toEqual([6, 106]);
    expect([...series.goal.value]).toEqual([2000, 3000]);
  });

  it('cuts a window with the point before it, whose value holds at its left edge', () => {
    const part = sliceStepSeries(series.live, 40, 100);
    expect([...part.time]).toEqual([30, 95]);
    expect([...part.value]).toEqual([1500, 1900]);
    expect([...sliceStepSeries(series.live, 0, 4).time]).toEqual([]);
    expect([...sliceStepSeries(series.live, 104, 500).time]).toEqual([104]);
  });

  it('keeps first, lowest, highest and last point per pixel column when thinning', () => {
    const time = Float64Array.from({ length: 100 }, (_, i) => i);
    const value = Float64Array.from(time, (t) => (t === 13 ? 50 : t === 17 ? -5 : t % 3));
    const thin = thinStepSeries({ time, value, cycle: new Int32Array(100) }, 0, 100, 10);
    // Column 0 (t 0..9) cycles 0, 1, 2: its lowest is the first point, its highest t = 2.
    expect([...thin.time].filter((t) => t < 10)).toEqual([0, 2, 9]);
    expect([...thin.time].filter((t) => t >= 10 && t < 20)).toEqual([10, 13, 17, 19]);
  });
});
