import { describe, expect, it } from 'vitest';
import { GoState, RangeName } from '../trace/model';
import {
  intervalClosed,
  intervalGoroutine,
  intervalOpened,
  intervalProc,
  ProcActivity,
} from './procIntervalTable';
import { procIntervals } from './procIntervals';
import { TraceModelBuilder } from './testing/modelBuilder';
import { oneGcCycle } from './testing/oneGcCycle';
import { twoGoroutines } from './testing/twoGoroutines';
import { eventTime } from '../trace/eventTimes';

const rows = (iv: ReturnType<typeof procIntervals>) =>
  Array.from(iv.activity, (activity, i) => [
    intervalProc(iv, i),
    eventTime(iv.model, intervalOpened(iv, i)),
    eventTime(iv.model, intervalClosed(iv, i)),
    intervalGoroutine(iv, i),
    activity,
  ]);

describe('procIntervals', () => {
  it('gives each P the goroutines that ran on it and the syscall holding it', () => {
    expect(rows(procIntervals(twoGoroutines().build()))).toEqual([
      [0, 0, 20, 1, ProcActivity.running],
      [0, 25, 40, 2, ProcActivity.running],
      [0, 40, 50, 2, ProcActivity.syscall],
      [0, 80, 90, 2, ProcActivity.running],
      [0, 95, 100, 1, ProcActivity.running],
    ]);
  });

  it('marks GC workers by mode and sweeps on their P', () => {
    const iv = rows(procIntervals(oneGcCycle().build()));
    expect(iv).toContainEqual([1, 40, 90, 5, ProcActivity.markDedicated]);
    expect(iv).toContainEqual([0, 120, 130, 1, ProcActivity.sweep]);
  });

  it('orders intervals opening together by when they closed, and closes the rest at the end', () => {
    // g7 assists across a block: its assist reopens with it at 40 and ends first, at 45. At the
    // end (60) g7 is still running and P1 still sweeping.
    const b = new TraceModelBuilder()
      .sync(0)
      .goState(10, 7, GoState.Runnable, GoState.Running, { p: 0 })
      .range(20, 'begin', RangeName.gcMarkAssist, { g: 7, p: 0 })
      .goState(30, 7, GoState.Running, GoState.Waiting, { g: 7, p: 0 })
      .goState(40, 7, GoState.Runnable, GoState.Running, { p: 0 })
      .range(45, 'end', RangeName.gcMarkAssist, { g: 7, p: 0 })
      .range(50, 'begin', RangeName.gcSweep, { g: 8, p: 1 })
      .goState(55, 7, GoState.Running, GoState.Runnable, { g: 7, p: 0 })
      .goState(58, 7, GoState.Runnable, GoState.Running, { p: 0 })
      .sync(60);
    expect(rows(procIntervals(b.build()))).toEqual([
      [0, 10, 30, 7, ProcActivity.running],
      [0, 20, 30, 7, ProcActivity.markAssist],
      [0, 40, 45, 7, ProcActivity.markAssist],
      [0, 40, 55, 7, ProcActivity.running],
      [1, 50, 60, 8, ProcActivity.sweep],
      [0, 58, 60, 7, ProcActivity.running],
    ]);
  });

  it('keeps rows exact that close far from their opener or lie on another P than it', () => {
    // g7's assist, in progress at 20, is reported from P1 (as a range in progress at a generation
    // start can be) while g7 runs on P0. It ends 300 events later, before g8's run that opened
    // with it, so the two rows trade places.
    const b = new TraceModelBuilder()
      .sync(0)
      .goState(10, 7, GoState.Runnable, GoState.Running, { p: 0 })
      .goState(20, 8, GoState.Runnable, GoState.Running, { p: 1 })
      .range(20, 'active', RangeName.gcMarkAssist, { p: 1 }, 7);
    for (let t = 21; t <= 320; t++) b.heapGoal(t, t);
    b.range(330, 'end', RangeName.gcMarkAssist, { g: 7, p: 0 })
      .goState(340, 8, GoState.Running, GoState.Waiting, { g: 8, p: 1 })
      .sync(350);
    expect(rows(procIntervals(b.build()))).toEqual([
      [0, 10, 350, 7, ProcActivity.running],
      [0, 20, 330, 7, ProcActivity.markAssist],
      [1, 20, 340, 8, ProcActivity.running],
    ]);
  });

  it('keeps the opening events exact when rows of a block open far apart', () => {
    // g7 runs twice, 70,000 events apart: more than two bytes of distance from its first row.
    const b = new TraceModelBuilder()
      .sync(0)
      .goState(10, 7, GoState.Runnable, GoState.Running, { p: 0 });
    for (let i = 0; i < 70_000; i++) b.heapGoal(20, i);
    b.goState(30, 7, GoState.Running, GoState.Runnable, { g: 7, p: 0 })
      .goState(40, 7, GoState.Runnable, GoState.Running, { p: 0 })
      .goState(50, 7, GoState.Running, GoState.Waiting, { g: 7, p: 0 })
      .sync(60);
    expect(rows(procIntervals(b.build()))).toEqual([
      [0, 10, 30, 7, ProcActivity.running],
      [0, 40, 50, 7, ProcActivity.running],
    ]);
  });
});
