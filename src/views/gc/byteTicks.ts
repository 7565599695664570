import { ticks } from 'd3';

/**
 * Axis ticks for byte values at round binary sizes (4 MB, 8 MB… as the runtime counts MB), not at
 * round decimal byte counts that would print as 4.77MB.
 */
export function byteTicks([lo, hi]: [number, number], count: number): number[] {
  let unit = 1;
  for (const u of [1024, 1024 ** 2, 1024 ** 3, 1024 ** 4])
    if (Math.max(Math.abs(lo), hi) >= u) unit = u;
  return ticks(lo / unit, hi / unit, count).map((t) => t * unit);
}
