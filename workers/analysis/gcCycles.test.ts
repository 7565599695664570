import { describe, expect, it } from 'vitest';
import { RangeName } from '../trace/model';
import { gcCycles } from './gcCycles';
import { oneGcCycle } from './testing/oneGcCycle';

describe('gcCycles', () => {
  const cycles = gcCycles(oneGcCycle().build());
  const row = (name: keyof typeof cycles) => {
    const column = cycles[name];
    return typeof column === 'number' ? column : column[0];
  };

  it('finds the cycle with its two pauses and the concurrent mark between them', () => {
    expect(cycles.count).toBe(1);
    expect([row('start'), row('end'), row('flags')]).toEqual([10, 105, 0]);
    expect([row('sweepTermStart'), row('sweepTermNs')]).toEqual([12, 8]);
    expect([row('markTermStart'), row('markTermNs')]).toEqual([100, 10]);
    expect(row('concurrentMarkNs')).toBe(80);
  });

  it('adds up assists, labelled worker time and the sweep that follows', () => {
    expect([row('assistNs'), row('assistCount'), row('assistGoroutines')]).toEqual([20, 1, 1]);
    expect(row('assistCpuNs')).toBe(20);
    expect([row('dedicatedNs'), row('fractionalNs'), row('idleNs')]).toEqual([50, 0, 0]);
    expect([row('sweepNs'), row('sweptBytes')]).toEqual([10, 8192]);
  });

  it('pairs sweeps across generations: one re-announced, one already running, one unfinished', () => {
    const model = oneGcCycle()
      .range(310, 'begin', RangeName.gcSweep, { g: 1, p: 1 })
      .sync(400)
      // P1's sweep re-announced, P0's seen for the first time: it began by the generation start.
      .range(400, 'active', RangeName.gcSweep, { g: 1, p: 1 })
      .range(401, 'active', RangeName.gcSweep, { g: 2, p: 0 })
      .range(420, 'end', RangeName.gcSweep, { g: 1, p: 1 }, undefined, 100)
      .heapLive(450, 900, { g: 2, p: 0 })
      .build();
    const swept = gcCycles(model);
    // 120–130, 310–420 and 400 to the last event at 450, P0's sweep still running there.
    expect([swept.sweepNs[0], swept.sweptBytes[0]]).toEqual([10 + 110 + 50, 8192 + 100]);
  });

  it('reads the heap at begin, at mark termination and at GCEnd, and the goal in force', () => {
    expect([row('heapStart'), row('heapEnd'), row('heapMarked')]).toEqual([1000, 1900, 800]);
    expect([row('goal'), row('overshootBytes')]).toEqual([2000, -100]);
  });

  it('estimates the GC CPU share of the cycle', () => {
    // (8 + 10) ns of STW on 2 Ps + 20 assist + 50 worker, over 10–110 on 2 Ps.
    expect(row('gomaxprocs')).toBe(2);
    expect(row('cpuFraction')).toBeCloseTo(106 / 200, 12);
  });
});
