import { describe, expect, it } from 'vitest';
import { procActivity } from './procActivity';
import { ProcActivity } from './procIntervalTable';
import { procIntervals } from './procIntervals';
import { TraceModelBuilder } from './testing/modelBuilder';
import { oneGcCycle } from './testing/oneGcCycle';
import { RangeName } from '../trace/model';

describe('procActivity', () => {
  // A dedicated worker on P1 over 40–90 and a sweep on P0 over 120–130.
  const all = procIntervals(oneGcCycle().build());

  it('keeps the intervals overlapping the window', () => {
    const view = procActivity(all, 100, 200);
    expect([...view.intervals.start]).toEqual([120]);
    expect([...view.intervals.activity]).toEqual([ProcActivity.sweep]);
  });

  it('sums intervals narrower than a pixel column into per-column shares', () => {
    const view = procActivity(all, 0, 200, 8); // 25 ns per column
    expect([...view.intervals.activity]).toEqual([ProcActivity.markDedicated]);
    expect([...view.procs]).toEqual([0, 1]);
    expect([...view.gc.subarray(0, 8)]).toEqual([0, 0, 0, 0, 0.2, 0.2, 0, 0]);
    expect([...view.busy]).toEqual(new Array(16).fill(0));
  });

  it('handles column widths that are not whole nanoseconds', () => {
    const view = procActivity(all, 0, 200, 7);
    expect(view.gc[4]).toBeCloseTo(10 / (200 / 7), 12);
    expect([...view.gc].reduce((a, b) => a + b)).toBeCloseTo(10 / (200 / 7), 12);
  });

  it('sums a row on its own P when its event reports another', () => {
    // A sweep of P0 reported from P1, 2 ns in a 10 ns column.
    const b = new TraceModelBuilder()
      .sync(0)
      .range(10, 'begin', RangeName.gcSweep, { p: 1 }, 0)
      .range(12, 'end', RangeName.gcSweep, { p: 1 }, 0)
      .sync(100);
    const view = procActivity(procIntervals(b.build()), 0, 100, 10);
    expect([...view.procs]).toEqual([0]);
    expect([...view.gc]).toEqual([0, 0.2, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
