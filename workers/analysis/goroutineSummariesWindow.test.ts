import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseTrace } from '../trace/parseTrace';
import type { TraceModel } from '../trace/model';
import { goroutineGroups, type GoroutineGroups } from './goroutineGroups';
import { goroutineSummaries } from './goroutineSummaries';
import type { TimeWindow } from './timeWindow';
import { twoGoroutines } from './testing/twoGoroutines';
import { eventTime } from '../trace/eventTimes';

const timeColumns = ['totalNs', 'execNs', 'schedWaitNs', 'syscallNs', 'syscallBlockNs'] as const;

/** Group times by start function name (and block reason), for comparing windows. */
function byName(g: GoroutineGroups): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const reasons = [...g.blockReasons].sort();
  g.name.forEach((name, i) => {
    const block = reasons.map(
      (r) => g.blockNs[i * g.blockReasons.length + g.blockReasons.indexOf(r)],
    );
    out.set(name, [...timeColumns.map((c) => g[c][i]), ...block]);
  });
  return out;
}

function expectSums(model: TraceModel, a: TimeWindow, b: TimeWindow, union: TimeWindow) {
  const [left, right, both] = [a, b, union].map((w) =>
    byName(goroutineGroups(goroutineSummaries(model, w))),
  );
  for (const [name, sum] of both) {
    const l = left.get(name);
    const r = right.get(name);
    sum.forEach((v, k) => expect((l?.[k] ?? 0) + (r?.[k] ?? 0)).toBeCloseTo(v, 3));
  }
  const groups = (m: Map<string, number[]>) => [...m.keys()].sort();
  expect(groups(both)).toEqual([...new Set([...groups(left), ...groups(right)])].sort());
}

describe('goroutineSummaries in a window', () => {
  const model = twoGoroutines().build();

  it('counts only the part of each state inside the window', () => {
    // g1 runs 0–20, blocks 20–75; g2 is runnable 10–25, runs 25–40, syscall from 40.
    const s = goroutineSummaries(model, { from: 15, to: 45 });
    expect([...s.id]).toEqual([1, 2]);
    expect([s.execNs[0], s.blockNs[0], s.totalNs[0]]).toEqual([5, 25, 30]);
    expect([s.schedWaitNs[1], s.execNs[1], s.syscallNs[1], s.totalNs[1]]).toEqual([10, 15, 5, 30]);
  });

  it('lists only the goroutines alive in the window', () => {
    expect([...goroutineSummaries(model, { from: 0, to: 5 }).id]).toEqual([1]);
    expect([...goroutineSummaries(model, { from: 91, to: 100 }).id]).toEqual([1]);
    expect(goroutineGroups(goroutineSummaries(model, { from: 91, to: 100 })).name).toEqual([
      'runtime.main',
    ]);
  });

  it('gives the whole-trace answer for a window over the whole trace', () => {
    expect(goroutineSummaries(model, { from: 0, to: 100 })).toEqual(goroutineSummaries(model));
  });

  it('adds up over adjacent windows', () => {
    expectSums(model, { from: 0, to: 45 }, { from: 45, to: 100 }, { from: 0, to: 100 });
    expectSums(model, { from: 12, to: 55 }, { from: 55, to: 78 }, { from: 12, to: 78 });
  });
});

const sample = resolve(__dirname, '../../public/samples/trace.out.gz');
if (!existsSync(sample)) console.warn('public/samples/trace.out.gz is absent: skipping');

describe.skipIf(!existsSync(sample))('goroutine groups of the bundled sample in windows', () => {
  const model = parseTrace(new Uint8Array(gunzipSync(readFileSync(sample))), {
    progress: () => {},
  });
  const end = eventTime(model, model.count - 1);

  it('gives the whole-trace groups for a window over the whole trace', () => {
    expect(goroutineGroups(goroutineSummaries(model, { from: 0, to: end }))).toEqual(
      goroutineGroups(goroutineSummaries(model)),
    );
  });

  it('adds up over two adjacent windows', () => {
    const a = Math.round(end * 0.3);
    const b = Math.round(end * 0.55);
    const c = Math.round(end * 0.8);
    expectSums(model, { from: a, to: b }, { from: b, to: c }, { from: a, to: c });
  });
});
