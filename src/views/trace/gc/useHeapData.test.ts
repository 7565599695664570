import { describe, expect, it } from 'vitest';
import type { HeapSeries } from '../../../../workers/analysis/heapSeries';
import { needsNew, widened } from './useHeapData';

const series = {} as HeapSeries;
const extent = { from: 0, to: 10_000 };

describe('the heap series held across pans', () => {
  it('is asked for a window as wide again on each side, inside the trace', () => {
    expect(widened({ from: 4000, to: 5000 }, extent)).toEqual({ from: 3000, to: 6000 });
    expect(widened({ from: 500, to: 1500 }, extent)).toEqual({ from: 0, to: 2500 });
  });

  it('serves pans inside what is held, and asks again beyond it', () => {
    const held = { series, range: { from: 3000, to: 6000 }, complete: false };
    expect(needsNew(held, { from: 3200, to: 4200 })).toBe(false);
    expect(needsNew(held, { from: 4900, to: 5900 })).toBe(false);
    expect(needsNew(held, { from: 5500, to: 6500 })).toBe(true);
    expect(needsNew(undefined, { from: 3200, to: 4200 })).toBe(true);
  });

  it('asks again for finer points only after zooming in well past its resolution', () => {
    const held = { series, range: { from: 3000, to: 6000 }, complete: false };
    expect(needsNew(held, { from: 4000, to: 4500 })).toBe(false);
    expect(needsNew(held, { from: 4000, to: 4200 })).toBe(true);
  });

  it('never replaces an answer that holds the whole trace', () => {
    const held = { series, range: { from: 0, to: 10_000 }, complete: true };
    expect(needsNew(held, { from: 4000, to: 4001 })).toBe(false);
  });
});
