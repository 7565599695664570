import { describe, expect, it } from 'vitest';
import { logBins } from './Histogram';

describe('logBins', () => {
  it('counts every value once in bins of equal width on a log scale', () => {
    const values = Float64Array.from([1e3, 2e3, 9.9e3, 1e4, 5e5, 0]);
    const { bins, nonPositive } = logBins(values, 1);
    expect(bins.map((b) => [b.from, b.to])).toEqual([
      [1e3, 1e4],
      [1e4, 1e5],
      [1e5, 1e6],
    ]);
    expect(bins.map((b) => b.count)).toEqual([4, 1, 1]);
    expect(nonPositive).toBe(1);
  });
  it('gives no bins for no values', () => {
    expect(logBins(new Float64Array(0), 5).bins).toEqual([]);
  });
});
