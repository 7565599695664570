import { describe, expect, it } from 'vitest';
import type { TopRow } from '../../../workers/pprof/topTable';
import { encodeSort, parseSort, sortTopRows } from './topRows';

const row = (name: string, flat: number, cum: number): TopRow => ({
  name,
  flat,
  flatPercent: flat,
  sumPercent: 0,
  cum,
  cumPercent: cum,
});

// pprof -top order: by flat, largest first.
const rows = [row('b.hash', 50, 60), row('a.main', 30, 100), row('c.gc', 20, 20)];

describe('sortTopRows', () => {
  it('keeps pprof order for flat and accumulates sum% as -top prints it', () => {
    const sorted = sortTopRows(rows, 'flat', false, 100);
    expect(sorted.map((r) => r.name)).toEqual(['b.hash', 'a.main', 'c.gc']);
    expect(sorted.map((r) => r.sumPercent)).toEqual([50, 80, 100]);
  });

  it('recomputes sum% in cum order like pprof -top -cum', () => {
    const sorted = sortTopRows(rows, 'cum', false, 100);
    expect(sorted.map((r) => r.name)).toEqual(['a.main', 'b.hash', 'c.gc']);
    expect(sorted.map((r) => r.sumPercent)).toEqual([30, 80, 100]);
  });

  it('sorts names A to Z, and either way on request', () => {
    expect(sortTopRows(rows, 'name', true, 100).map((r) => r.name)).toEqual([
      'a.main',
      'b.hash',
      'c.gc',
    ]);
    expect(sortTopRows(rows, 'flat', true, 100).map((r) => r.name)).toEqual([
      'c.gc',
      'a.main',
      'b.hash',
    ]);
  });
});

describe('sort in the URL', () => {
  it('omits the default and round-trips the rest', () => {
    expect(encodeSort('flat', false)).toBeUndefined();
    expect(parseSort(undefined)).toEqual({ column: 'flat', ascending: false });
    for (const [column, ascending] of [
      ['cum', false],
      ['cum', true],
      ['name', true],
      ['name', false],
    ] as const) {
      expect(parseSort(encodeSort(column, ascending))).toEqual({ column, ascending });
    }
  });
});
