import { describe, expect, it } from 'vitest';
import { stwPauses, stwStats } from './stwPauses';
import { oneGcCycle } from './testing/oneGcCycle';

describe('stwPauses', () => {
  const model = oneGcCycle().build();

  it('lists every stop-the-world with its runtime reason, start and length', () => {
    const pauses = stwPauses(model);
    expect([...pauses.reason].map((r) => pauses.reasons[r])).toEqual([
      'GC sweep termination',
      'GC mark termination',
      'read mem stats',
    ]);
    expect([...pauses.start]).toEqual([12, 100, 200]);
    expect([...pauses.duration]).toEqual([8, 10, 10]);
    expect([...pauses.g]).toEqual([1, 5, 1]);
  });

  it('keeps only pauses starting in the window [from, to)', () => {
    expect([...stwPauses(model, { from: 12, to: 200 }).start]).toEqual([12, 100]);
    expect([...stwPauses(model, { from: 13 }).start]).toEqual([100, 200]);
  });

  it('summarizes all pauses, the GC ones and each reason', () => {
    const stats = stwStats(stwPauses(model));
    expect(stats.all).toMatchObject({ count: 3, totalNs: 28, maxNs: 10, p50Ns: 10 });
    expect(stats.gc).toMatchObject({ count: 2, totalNs: 18, maxNs: 10, p50Ns: 8 });
    expect(stats.byReason['read mem stats']).toMatchObject({ count: 1, totalNs: 10 });
  });
});
