import { describe, expect, it } from 'vitest';
import { formatCount } from './formatCount';

describe('formatCount', () => {
  it("writes counts as toLocaleString('en-US') does", () => {
    for (const n of [0, 7, 999, 1000, 12345, 999999, 1234567, 10_000_000_000, -4321, 1234.5678]) {
      expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
    }
  });
});
