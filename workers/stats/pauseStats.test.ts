import { describe, expect, it } from 'vitest';
import { nearestRank, pauseStats } from './pauseStats';

describe('pauseStats', () => {
  it('gives zeros for no pauses', () => {
    expect(pauseStats(new Float64Array(0))).toEqual({
      count: 0,
      totalNs: 0,
      maxNs: 0,
      p50Ns: 0,
      p95Ns: 0,
      p99Ns: 0,
    });
  });

  it('picks nearest-rank percentiles from the measured values, whatever the input order', () => {
    // 1..100 shuffled: the p-th percentile of 1..100 by nearest rank is exactly p.
    const values = Float64Array.from({ length: 100 }, (_, i) => ((i * 37) % 100) + 1);
    expect(pauseStats(values)).toEqual({
      count: 100,
      totalNs: 5050,
      maxNs: 100,
      p50Ns: 50,
      p95Ns: 95,
      p99Ns: 99,
    });
  });

  it('uses rank ceil(p/100 × n), so a small set gives its own values', () => {
    const sorted = Float64Array.from([10, 20, 30, 40]);
    expect(nearestRank(sorted, 50)).toBe(20);
    expect(nearestRank(sorted, 51)).toBe(30);
    expect(nearestRank(sorted, 95)).toBe(40);
    expect(nearestRank(sorted, 0)).toBe(10);
  });

  it('does not reorder the caller’s array', () => {
    const values = Float64Array.from([3, 1, 2]);
    pauseStats(values);
    expect([...values]).toEqual([3, 1, 2]);
  });
});
