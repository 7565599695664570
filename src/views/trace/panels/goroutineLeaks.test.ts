import { describe, expect, it } from 'vitest';
import type { GoroutineSummaries } from '../../../../workers/analysis/goroutineSummaries';
import { blockedTotal, possibleLeaks, topBlockReason } from './goroutineLeaks';

const f = (...v: number[]) => Float64Array.from(v);

/** Three goroutines over a 1 s trace, two block reasons (chan receive, select). */
const summaries = {
  count: 3,
  id: Int32Array.from([1, 2, 3]),
  endTime: f(NaN, NaN, 500e6),
  blockReasons: ['chan receive', 'select'],
  // G1 waits 0.9 s on a channel until the end; G2 only 0.3 s; G3 blocked long but exited.
  blockNs: f(900e6, 0, 100e6, 200e6, 900e6, 0),
} as unknown as GoroutineSummaries;

describe('possible goroutine leaks', () => {
  it('flags goroutines alive at the end and blocked for most of the trace', () => {
    expect([...possibleLeaks(summaries, 1e9)]).toEqual([1, 0, 0]);
  });

  it('sums and names the blocking of a row', () => {
    expect(blockedTotal(summaries.blockNs, 2, 1)).toBe(300e6);
    expect(topBlockReason(summaries.blockNs, summaries.blockReasons, 1)).toBe('select');
    expect(topBlockReason(f(0, 0), ['a', 'b'], 0)).toBe('');
  });
});
