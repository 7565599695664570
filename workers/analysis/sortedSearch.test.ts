import { describe, expect, it } from 'vitest';
import { lastAtOrBefore } from './sortedSearch';

describe('lastAtOrBefore', () => {
  const times = Float64Array.of(10, 20, 20, 30);

  it('finds the last value at or before the one asked, ties included', () => {
    expect([9, 10, 15, 20, 29, 30, 99].map((t) => lastAtOrBefore(times, t))).toEqual([
      -1, 0, 0, 2, 2, 3, 3,
    ]);
  });

  it('says -1 for an empty array', () => {
    expect(lastAtOrBefore(new Int32Array(0), 5)).toBe(-1);
  });
});
