import { describe, expect, it } from 'vitest';
import { StackInterner } from './stackInterner';

/** Interns the stacks in order; returns their indexes and the stored stacks. */
function intern(stacks: number[][], locationCount: number) {
  const interner = new StackInterner(16, locationCount);
  const indexes = stacks.map((s) => interner.intern(Int32Array.from(s), s.length));
  const { offsets, locations } = interner.finish();
  const stored = Array.from({ length: interner.count }, (_, k) =>
    Array.from(locations.subarray(offsets[k], offsets[k + 1])),
  );
  return { indexes, stored, locations };
}

describe('StackInterner', () => {
  const stacks = [[3, 2, 1], [3, 2], [3, 2, 1], [], [2, 3, 1], []];

  it('gives equal stacks one index, in order of first sight, and keeps each once', () => {
    const { indexes, stored, locations } = intern(stacks, 4);
    expect(indexes).toEqual([0, 1, 0, 2, 3, 2]);
    expect(stored).toEqual([[3, 2, 1], [3, 2], [], [2, 3, 1]]);
    expect(locations).toBeInstanceOf(Uint16Array);
  });

  it('keeps location indexes past 16 bits in 32-bit storage', () => {
    const big = stacks.map((s) => s.map((loc) => loc * 100_000));
    const { indexes, stored, locations } = intern(big, 400_000);
    expect(indexes).toEqual([0, 1, 0, 2, 3, 2]);
    expect(stored[0]).toEqual([300_000, 200_000, 100_000]);
    expect(locations).toBeInstanceOf(Int32Array);
  });

  it('tells apart thousands of distinct stacks through table growth', () => {
    const many = Array.from({ length: 5000 }, (_, i) => [i % 7, i % 11, i % 13, i]);
    const { indexes, stored } = intern([...many, ...many], 5000);
    expect(indexes).toEqual([...many.keys(), ...many.keys()]);
    expect(stored).toEqual(many);
  });
});
