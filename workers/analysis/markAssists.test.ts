import { describe, expect, it } from 'vitest';
import { assistFlame, markAssistsByGoroutine } from './markAssists';
import { oneGcCycle } from './testing/oneGcCycle';

describe('mark assists', () => {
  const model = oneGcCycle().build();

  it('totals assist time per goroutine, cut to a window', () => {
    expect(markAssistsByGoroutine(model)).toEqual({
      g: Int32Array.of(7),
      count: Int32Array.of(1),
      totalNs: Float64Array.of(20),
    });
    expect([...markAssistsByGoroutine(model, { from: 60 }).totalNs]).toEqual([10]);
  });

  it('draws the allocation stacks that paid for the assists', () => {
    const tree = assistFlame(model);
    expect([...tree.nameIndex].map((n) => tree.names[n])).toEqual([
      'root',
      'main.alloc',
      'runtime.mallocgc',
      'runtime.gcAssistAlloc',
    ]);
    expect(tree.total[0]).toBe(20);
  });
});
