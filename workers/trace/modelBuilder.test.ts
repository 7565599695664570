import { describe, expect, it } from 'vitest';
import { EventKind, ResourceKind, sweepRow } from './model';
import { ModelBuilder } from './modelBuilder';

describe('ModelBuilder narrow columns', () => {
  it('keeps small values in narrow columns', () => {
    const b = new ModelBuilder(16);
    b.push(EventKind.StateTransition, 1, 7, 3, 5983, 1431, 7);
    b.setTransition(0, ResourceKind.Goroutine, 2, 3, 0);
    const model = b.finish('1.26', [], 0, 0);
    expect(model.p).toBeInstanceOf(Int16Array);
    expect(model.m).toBeInstanceOf(Int16Array);
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
    ];
    values.forEach(({ p, m, stack }, i) => b.push(EventKind.Log, i, -1, p, m, stack, i));
    // 300 distinct shapes: more rows than a byte can number.
    for (let reason = 0; reason < 300; reason++) {
      const e = b.push(EventKind.StateTransition, 10 + reason, 1, 0, 0, 0, 1);
      b.setTransition(e, ResourceKind.Goroutine, 2, 3, reason);
    }
    const model = b.finish('1.26', [], 0, 0);
    expect(Array.from(model.p.subarray(0, 5))).toEqual(values.map((v) => v.p));
    expect(Array.from(model.m.subarray(0, 5))).toEqual(values.map((v) => v.m));
    expect(Array.from(model.stack.subarray(0, 5))).toEqual(values.map((v) => v.stack));
    const rows = Array.from(model.transition.subarray(5), (row) => model.transitions.reason[row]);
    expect(rows).toEqual(Array.from({ length: 300 }, (_, reason) => reason));
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
