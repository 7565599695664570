import { describe, expect, it } from 'vitest';
import { EventKind, eventProc, eventThread, ResourceKind, sweepRow } from './model';
import { ModelBuilder } from './modelBuilder';

describe('ModelBuilder narrow columns', () => {
  it('keeps small values in narrow columns', () => {
    const b = new ModelBuilder(16);
    b.push(EventKind.StateTransition, 1, 7, 3, 5983, 1431, 7);
    b.setTransition(0, ResourceKind.Goroutine, 2, 3, 0);
    const model = b.finish('1.26', [], 0, 0);
    expect(model.procThread).toBeInstanceOf(Uint8Array);
    expect(model.stack).toBeInstanceOf(Uint16Array);
    expect(model.transition).toBeInstanceOf(Uint8Array);
  });

  it('widens a column at the first value it cannot hold, keeping every earlier value', () => {
    const b = new ModelBuilder(16);
    const values = [
      { p: 1, m: -1, stack: 0 },
      { p: 40000, m: 12, stack: 65535 },
      { p: -1, m: 4_000_000, stack: 2 },
      { p: 2, m: 3, stack: 70_000 },
      { p: -40000, m: -1, stack: 1 },
      { p: 1, m: -1, stack: 3 },
    ];
    values.forEach(({ p, m, stack }, i) => b.push(EventKind.Log, i, -1, p, m, stack, i));
    // 300 distinct shapes: more rows than a byte can number.
    for (let reason = 0; reason < 300; reason++) {
      const e = b.push(EventKind.StateTransition, 10 + reason, 1, 0, 0, 0, 1);
      b.setTransition(e, ResourceKind.Goroutine, 2, 3, reason);
    }
    // 70,000 distinct (P, M) pairs: more than 16 bits can number.
    for (let k = 0; k < 70_000; k++) b.push(EventKind.Log, 400 + k, -1, k % 7, k, 0, 0);
    const model = b.finish('1.26', [], 0, 0);
    const first = values.map((_, i) => i);
    expect(first.map((i) => eventProc(model, i))).toEqual(values.map((v) => v.p));
    expect(first.map((i) => eventThread(model, i))).toEqual(values.map((v) => v.m));
    expect(model.procThread[5]).toBe(model.procThread[0]);
    expect(Array.from(model.stack.subarray(0, values.length))).toEqual(values.map((v) => v.stack));
    const shapes = model.transition.subarray(values.length, values.length + 300);
    const rows = Array.from(shapes, (row) => model.transitions.reason[row]);
    expect(rows).toEqual(Array.from({ length: 300 }, (_, reason) => reason));
    expect(model.procThread).toBeInstanceOf(Int32Array);
    const pairs = Array.from({ length: 70_000 }, (_, k) => values.length + 300 + k);
    expect(pairs.every((i, k) => eventProc(model, i) === k % 7)).toBe(true);
    expect(pairs.every((i, k) => eventThread(model, i) === k)).toBe(true);
  });
});

describe('ModelBuilder sweeps', () => {
  it('finds the bytes of each sweep end by its event, and none for other events', () => {
    const b = new ModelBuilder(16);
    for (let i = 0; i < 6; i++) b.push(EventKind.RangeEnd, i, -1, 0, 0, 0, i);
    b.addSweep(1, 8192, 4096);
    b.addSweep(4, 100, 0);
    const model = b.finish('1.26', [], 0, 0);
    const found = [0, 1, 2, 3, 4, 5].map((i) => sweepRow(model, i));
    expect(found).toEqual([-1, 0, -1, -1, 1, -1]);
    expect(Array.from(model.sweeps.sweptBytes)).toEqual([8192, 100]);
    expect(Array.from(model.sweeps.reclaimedBytes)).toEqual([4096, 0]);
  });

  it('drops the sweeps of a generation that is rolled back', () => {
    const b = new ModelBuilder(16);
    b.beginGeneration();
    b.push(EventKind.RangeEnd, 1, -1, 0, 0, 0, 0);
    b.addSweep(0, 1, 1);
    b.beginGeneration();
    b.push(EventKind.RangeEnd, 2, -1, 0, 0, 0, 1);
    b.addSweep(1, 2, 2);
    b.rollback();
    const model = b.finish('1.26', [], 0, 0);
    expect(model.count).toBe(1);
    expect(Array.from(model.sweeps.event)).toEqual([0]);
  });
});
