import { describe, expect, it } from 'vitest';
import { heapSeries } from './heapSeries';
import { TraceModelBuilder } from './testing/modelBuilder';
import { oneGcCycle } from './testing/oneGcCycle';

describe('heapSeries', () => {
  const model = oneGcCycle().build();

  it('gives heap live and goal as step series tagged with their GC cycle', () => {
    const series = heapSeries(model);
    expect([...series.live.time]).toEqual([5, 30, 95, 104]);
    expect([...series.live.value]).toEqual([1000, 1500, 1900, 800]);
    expect([...series.live.cycle]).toEqual([-1, 0, 0, 0]);
    expect([...series.goal.time]).toEqual([6, 106]);
    expect([...series.goal.value]).toEqual([2000, 3000]);
    expect(series.complete).toBe(true);
  });

  it('cuts a window with the point before it, whose value holds at its left edge', () => {
    const part = heapSeries(model, { from: 40, to: 100 });
    expect([...part.live.time]).toEqual([30, 95]);
    expect([...part.live.value]).toEqual([1500, 1900]);
    expect([...part.live.cycle]).toEqual([0, 0]);
    expect(part.complete).toBe(false);
    expect([...heapSeries(model, { from: 0, to: 4 }).live.time]).toEqual([]);
    expect([...heapSeries(model, { from: 104, to: 500 }).live.time]).toEqual([104]);
  });

  it('keeps first, lowest, highest and last point per pixel column when thinning', () => {
    const b = new TraceModelBuilder().gomaxprocs(0, 1);
    for (let t = 1; t < 101; t++) b.heapLive(t, t === 14 ? 50 : t === 18 ? 0.5 : (t % 3) + 1);
    const thin = heapSeries(b.build(), { from: 1, to: 101, pixelWidth: 10 });
    // Column 0 (t 1..10) has values 2, 3, 1, 2, 3, 1…: first t = 1, highest t = 2, lowest t = 3.
    expect([...thin.live.time].filter((t) => t <= 10)).toEqual([1, 2, 3, 10]);
    expect([...thin.live.time].filter((t) => t > 10 && t <= 20)).toEqual([11, 14, 18, 20]);
    // Column 2 (t 21..30): the first point is also the lowest, and comes once.
    expect([...thin.live.time].filter((t) => t > 20 && t <= 30)).toEqual([21, 23, 30]);
    expect(thin.complete).toBe(false);
  });
});
