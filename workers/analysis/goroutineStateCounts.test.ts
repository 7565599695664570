import { describe, expect, it } from 'vitest';
import { noProgress } from '../progress';
import { parseTrace } from '../trace/parseTrace';
import { loadFixture } from '../trace/testdata/loadFixture';
import { goroutineStateCounts, type GoroutineStateCounts } from './goroutineStateCounts';
import { eventTime } from '../trace/eventTimes';

describe('goroutineStateCounts at a pixel width', () => {
  const model = parseTrace(loadFixture('gc-gogc25'), { progress: noProgress });
  const all = goroutineStateCounts(model);
  const states = ['running', 'runnable', 'waiting', 'syscall'] as const;
  const end = eventTime(model, model.count - 1);
  const row = (c: GoroutineStateCounts, i: number) => states.map((s) => c[s][i]);
  const rowAt = new Map([...all.time].map((t, i) => [t, i]));

  const cases = [
    { title: 'the whole trace', view: { pixelWidth: 40 } },
    { title: 'a window', view: { from: end * 0.3, to: end * 0.6, pixelWidth: 25 } },
  ];
  it.each(cases)('keeps what draws $title: per column the first, last, lows and highs', (c) => {
    const thin = goroutineStateCounts(model, c.view);
    const from = c.view.from ?? 0;
    const to = c.view.to ?? end;
    expect(all.time.length).toBeGreaterThan(20 * thin.time.length);
    // Every kept point is a point of the whole series, with its counts.
    for (let i = 0; i < thin.time.length; i++) {
      expect(row(thin, i)).toEqual(row(all, rowAt.get(thin.time[i]) ?? -1));
    }
    // The first kept point is the one holding at `from`.
    const holding = all.time.findLastIndex((t) => t <= from);
    expect(thin.time[0]).toBe(all.time[Math.max(0, holding)]);
    // Per column: its first and last points are kept, and each state spans the same range.
    const width = (to - from) / c.view.pixelWidth;
    const columns = new Map<number, number[]>();
    all.time.forEach((t, i) => {
      if (t < from || t > to) return;
      const column = Math.floor((t - from) / width);
      if (!columns.has(column)) columns.set(column, []);
      columns.get(column)!.push(i);
    });
    const keptTimes = new Set(thin.time);
    for (const inColumn of columns.values()) {
      const kept = inColumn.filter((i) => keptTimes.has(all.time[i]));
      expect([kept[0], kept.at(-1)]).toEqual([inColumn[0], inColumn.at(-1)]);
      for (const s of states) {
        const range = (list: number[]) => {
          const values = list.map((i) => all[s][i]);
          return [Math.min(...values), Math.max(...values)];
        };
        expect(range(kept)).toEqual(range(inColumn));
      }
    }
  });
});
