import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseTrace } from '../trace/parseTrace';
import type { TraceModel } from '../trace/model';
import { goroutineLanes, laneStateCount, LaneState, type GoroutineLanes } from './goroutineLanes';
import { goroutineSummaries } from './goroutineSummaries';
import { goroutineTimelines } from './goroutineTimelines';
import { twoGoroutines } from './testing/twoGoroutines';
import { eventTime } from '../trace/eventTimes';

const rows = (l: GoroutineLanes) =>
  Array.from(l.intervals.start, (start, i) => [
    l.goroutines[l.intervals.lane[i]],
    l.intervals.state[i],
    l.intervals.reason[i] < 0 ? '' : l.reasons[l.intervals.reason[i]],
    start,
    l.intervals.end[i],
  ]);

describe('goroutineLanes', () => {
  const model = twoGoroutines().build();
  const index = goroutineTimelines(model);
  const { running, runnable, syscall, blocked } = LaneState;

  it('gives each goroutine its states from transition to transition', () => {
    const lanes = goroutineLanes(model, index, { goroutines: [2, 1, 99], from: 0, to: 100 });
    expect(rows(lanes)).toEqual([
      [2, runnable, '', 10, 25],
      [2, running, '', 25, 40],
      [2, syscall, '', 40, 70],
      [2, runnable, '', 70, 80],
      [2, running, '', 80, 90],
      [1, running, '', 0, 20],
      [1, blocked, 'chan receive', 20, 75],
      [1, runnable, '', 75, 95],
      [1, running, '', 95, 100],
    ]);
  });

  it('keeps only what meets the window, uncut, so a click finds the whole interval', () => {
    const lanes = goroutineLanes(model, index, { goroutines: [1], from: 30, to: 31 });
    expect(rows(lanes)).toEqual([[1, blocked, 'chan receive', 20, 75]]);
  });

  it('sums intervals narrower than a pixel column into shares of the column', () => {
    // Five columns of 20 ns over 0–100. g2 is runnable 10–25 and running 25–40 (narrower:
    // summed), in a syscall 40–70 (wider: kept).
    const lanes = goroutineLanes(model, index, {
      goroutines: [2],
      from: 0,
      to: 100,
      pixelWidth: 5,
    });
    const share = (c: number, s: number) => lanes.shares[c * laneStateCount + s];
    expect([share(0, runnable), share(1, runnable), share(1, running)]).toEqual([0.5, 0.25, 0.75]);
    expect(rows(lanes)).toContainEqual([2, syscall, '', 40, 70]);
    expect(rows(lanes)).not.toContainEqual([2, runnable, '', 10, 25]);
  });
});

/** Per-state totals of a lane over the whole trace: kept intervals plus summed shares. */
function laneTotals(model: TraceModel, g: number, pixelWidth?: number) {
  const end = eventTime(model, model.count - 1);
  const lanes = goroutineLanes(model, goroutineTimelines(model), {
    goroutines: [g],
    from: 0,
    to: end,
    pixelWidth,
  });
  const totals = new Float64Array(laneStateCount);
  const byReason = new Map<string, number>();
  const { state, start, end: ends, reason } = lanes.intervals;
  for (let i = 0; i < start.length; i++) {
    totals[state[i]] += ends[i] - start[i];
    if (reason[i] >= 0) {
      const r = lanes.reasons[reason[i]];
      byReason.set(r, (byReason.get(r) ?? 0) + ends[i] - start[i]);
    }
  }
  const columnNs = end / Math.max(1, lanes.columns);
  lanes.shares.forEach((v, k) => (totals[k % laneStateCount] += v * columnNs));
  return { totals, byReason };
}

/** Equal up to the rounding of sums of shares (parts in 10^12), with a nanosecond to spare. */
function expectNear(actual: number, expected: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1 + 1e-9 * expected);
}

const sample = resolve(__dirname, '../../public/samples/trace.out.gz');
if (!existsSync(sample)) console.warn('public/samples/trace.out.gz is absent: skipping');

describe.skipIf(!existsSync(sample))('goroutine lanes of the bundled sample trace', () => {
  const model = parseTrace(new Uint8Array(gunzipSync(readFileSync(sample))), {
    progress: () => {},
  });
  const s = goroutineSummaries(model);
  // Goroutines with one summary row (an id seen again after exiting would have two).
  const ids = [...s.id];
  const once = ids.filter((g) => ids.indexOf(g) === ids.lastIndexOf(g));
  // The busiest, the most blocked, runnable and syscalling goroutines, and a few more.
  const rowOf = (g: number) => [...s.id].indexOf(g);
  const blockedNs = (r: number) =>
    s.blockReasons.reduce((sum, _, c) => sum + s.blockNs[r * s.blockReasons.length + c], 0);
  const pick = (key: (r: number) => number) =>
    [...once].sort((a, b) => key(rowOf(b)) - key(rowOf(a))).slice(0, 4);
  const goroutines = [
    ...new Set([
      ...pick((r) => s.execNs[r]),
      ...pick(blockedNs),
      ...pick((r) => s.schedWaitNs[r]),
      ...pick((r) => s.syscallNs[r] + s.syscallBlockNs[r]),
      ...once.slice(0, 5),
    ]),
  ];

  it('adds up, per state over the whole trace, to the goroutine summary', () => {
    expect(goroutines.length).toBeGreaterThan(8);
    for (const g of goroutines) {
      const r = rowOf(g);
      for (const width of [undefined, 300]) {
        const { totals } = laneTotals(model, g, width);
        expectNear(totals[LaneState.running], s.execNs[r]);
        expectNear(totals[LaneState.runnable], s.schedWaitNs[r]);
        expectNear(totals[LaneState.syscall], s.syscallNs[r] + s.syscallBlockNs[r]);
        expectNear(totals[LaneState.blocked], blockedNs(r));
      }
      const { byReason } = laneTotals(model, g);
      s.blockReasons.forEach((reason, c) => {
        expectNear(byReason.get(reason) ?? 0, s.blockNs[r * s.blockReasons.length + c]);
      });
    }
  });
});
