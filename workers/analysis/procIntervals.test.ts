import { describe, expect, it } from 'vitest';
import { procIntervals, ProcActivity } from './procIntervals';
import { oneGcCycle } from './testing/oneGcCycle';
import { twoGoroutines } from './testing/twoGoroutines';

const rows = (iv: ReturnType<typeof procIntervals>) =>
  [...iv.start].map((start, i) => [iv.p[i], start, iv.end[i], iv.g[i], iv.activity[i]]);

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
});
