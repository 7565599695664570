import { describe, expect, it } from 'vitest';
import { oneGcCycle } from './testing/oneGcCycle';
import { traceAnalysisQueries as q } from './traceQueries';

describe('traceAnalysisQueries', () => {
  const model = oneGcCycle().build();

  it('offers the queries the trace views ask for', () => {
    expect(Object.keys(q).sort()).toEqual(
      [
        'annotations',
        'assistFlame',
        'blockingFlame',
        'cpuFlame',
        'cpuSamples',
        'gcCycles',
        'goroutineGroups',
        'goroutineLanes',
        'goroutineNames',
        'goroutineStateCounts',
        'goroutines',
        'heapSeries',
        'markAssists',
        'mmu',
        'mmuWorstWindows',
        'procs',
        'stwPauses',
        'stwStats',
      ].sort(),
    );
  });

  it('returns new arrays on every call, never the cached ones', () => {
    const first = q.gcCycles(model, {}) as { start: Float64Array };
    first.start[0] = -1;
    expect((q.gcCycles(model, {}) as { start: Float64Array }).start[0]).toBe(10);
    const heap = q.heapSeries(model, {}) as { live: { value: Float64Array } };
    heap.live.value[0] = -1;
    expect((q.heapSeries(model, {}) as typeof heap).live.value[0]).toBe(1000);
  });

  it('cuts the heap series to a window, and says when an answer holds the whole trace', () => {
    const part = q.heapSeries(model, { from: 40, to: 100, pixelWidth: 500 }) as {
      live: { time: Float64Array };
      complete: boolean;
    };
    expect([...part.live.time]).toEqual([30, 95]);
    expect(part.complete).toBe(false);
    const whole = q.heapSeries(model, { pixelWidth: 500 }) as typeof part;
    expect([...whole.live.time]).toEqual([5, 30, 95, 104]);
    expect(whole.complete).toBe(true);
  });

  it('answers windowed questions', () => {
    const stats = q.stwStats(model, { from: 0, to: 150 }) as { all: { count: number } };
    expect(stats.all.count).toBe(2);
    const mmu = q.mmu(model, { flags: { stw: true }, windowsNs: [10] }) as { mmu: Float64Array };
    expect([...mmu.mmu]).toEqual([0]);
    const windowed = q.mmu(model, { flags: { stw: true }, from: 115, windowsNs: [10] }) as {
      mmu: Float64Array;
    };
    expect([...windowed.mmu]).toEqual([1]);
    const worst = q.mmuWorstWindows(model, {
      flags: { stw: true },
      from: 105,
      windowNs: 10,
      count: 1,
    }) as { start: Float64Array; util: Float64Array };
    expect([worst.start[0], worst.util[0]]).toEqual([105, 0.5]);
    const flame = q.blockingFlame(model, { kind: 'sync' }) as { total: Float64Array };
    expect(flame.total[0]).toBe(0);
  });
});
