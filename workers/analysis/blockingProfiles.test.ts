import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrace } from '../trace/parseTrace';
import { loadFixture } from '../trace/testdata/loadFixture';
import { eventTime } from '../trace/eventTimes';
import { GoState, type TraceModel } from '../trace/model';
import {
  blockingFlame,
  blockingKinds,
  blockingProfile,
  indexWaits,
  windowProfiles,
  type BlockingKind,
} from './blockingProfiles';
import type { TimeWindow } from './timeWindow';
import { TraceModelBuilder } from './testing/modelBuilder';
import { twoGoroutines } from './testing/twoGoroutines';
import type { StackProfile } from './stackProfile';

/** Each row of a profile as [leaf function, count, value]. */
function byLeaf(model: TraceModel, profile: StackProfile) {
  return [...profile.stack].map((stack, i) => {
    const from = model.stacks.stackOffsets[stack];
    const leaf = model.strings[model.stacks.funcName[model.stacks.stackFrames[from]]];
    return [leaf, profile.count[i], profile.value[i]];
  });
}

describe('blockingProfile', () => {
  const model = twoGoroutines().build();
  const byFunc = (profile: StackProfile) => byLeaf(model, profile);

  it('sums channel waits by the stack that blocked', () => {
    expect(byFunc(blockingProfile(model, 'sync'))).toEqual([['runtime.chanrecv1', 1, 55]]);
    expect(byFunc(blockingProfile(model, 'network'))).toEqual([]);
  });

  it('sums syscall time by the syscall stack, cut to a window', () => {
    expect(byFunc(blockingProfile(model, 'syscall'))).toEqual([['syscall.read', 1, 30]]);
    expect(byFunc(blockingProfile(model, 'syscall', { from: 60 }))).toEqual([
      ['syscall.read', 1, 10],
    ]);
  });

  it('counts a wait that ended before its goroutine ran only if it never ran', () => {
    // Two goroutines in a syscall when tracing starts lose it and become runnable; only g4 runs.
    const b = new TraceModelBuilder();
    const readStack = b.stack(['syscall.read', 'main.reader']);
    const writeStack = b.stack(['syscall.write', 'main.writer']);
    const started = b
      .sync(0)
      .goState(0, 3, GoState.Undetermined, GoState.Syscall, { stack: readStack })
      .goState(0, 4, GoState.Undetermined, GoState.Syscall, { stack: writeStack })
      .goState(30, 3, GoState.Syscall, GoState.Runnable, {})
      .goState(40, 4, GoState.Syscall, GoState.Runnable, {})
      .goState(60, 4, GoState.Runnable, GoState.Running, { p: 0 })
      .goState(70, 4, GoState.Running, GoState.NotExist, { g: 4, p: 0 })
      .sync(100)
      .build();
    expect(byLeaf(started, blockingProfile(started, 'syscall'))).toEqual([['syscall.read', 1, 30]]);
    expect(byLeaf(started, blockingProfile(started, 'sched'))).toEqual([]);
  });

  it('builds the flame graph root first', () => {
    const tree = blockingFlame(model, 'sync');
    expect([...tree.nameIndex].map((n) => tree.names[n])).toEqual([
      'root',
      'runtime.main',
      'main.main',
      'runtime.chanrecv1',
    ]);
    expect(tree.total[0]).toBe(55);
  });
});

describe.each(['gc-gogc25', 'test-encoding-json'])('windowed blocking profiles of %s', (name) => {
  const model = parseTrace(loadFixture(name), { progress: () => {} });
  // With no checkpoint, a window replays the whole trace and cuts every wait to it; checkpoints
  // every 64 events put most window edges between two, with waits open across both.
  const unindexed = indexWaits(model, 30);
  const checkpointed = indexWaits(model, 6);
  const at = (fraction: number) => fraction * eventTime(model, model.count - 1);
  const windows: TimeWindow[] = [
    { from: at(0.1), to: at(0.15) },
    { from: at(0.5), to: at(0.5001) },
    { from: at(0.3), to: at(0.9) },
    { from: at(0.42) },
    { to: at(0.07) },
    { from: eventTime(model, 1 << 10), to: eventTime(model, 5 << 10) },
  ];

  it('are those of one replay of the whole trace', () => {
    expect(unindexed.crossing.end.length).toBe(0);
    expect(checkpointed.crossing.end.length).toBeGreaterThan(0);
    expect(checkpointed.whole).toEqual(unindexed.whole);
    for (const window of windows) {
      const expected = windowProfiles(model, unindexed, window);
      const waits = blockingKinds.reduce((n, kind) => n + expected[kind].value.length, 0);
      expect(waits, JSON.stringify(window)).toBeGreaterThan(0);
      expect(windowProfiles(model, checkpointed, window), JSON.stringify(window)).toEqual(expected);
      for (const kind of blockingKinds) {
        expect(blockingProfile(model, kind, window), kind).toEqual(expected[kind]);
      }
    }
  });

  it("over the whole trace are the whole trace's", () => {
    expect(windowProfiles(model, checkpointed, { from: 0 })).toEqual(checkpointed.whole);
  });
});

// Totals checked against `go tool trace -pprof=TYPE`, read back with `go tool pprof -raw`.
const goBin = ['go', '/usr/local/go/bin/go'].find((bin) => {
  try {
    execFileSync(bin, ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
if (!goBin) console.warn('go not found: skipping blocking profiles checked against go tool trace');
const goKinds: Array<[BlockingKind, string]> = [
  ['sync', 'sync'],
  ['network', 'net'],
  ['syscall', 'syscall'],
  ['sched', 'sched'],
];

/** Sum of the [count, nanoseconds] sample values of a `go tool pprof -raw` listing. */
function rawTotals(raw: string): [number, number] {
  let count = 0;
  let ns = 0;
  for (const match of raw.matchAll(/^ +(\d+) +(\d+): /gm)) {
    count += Number(match[1]);
    ns += Number(match[2]);
  }
  return [count, ns];
}

describe.each(['gc-gogc25', 'gc-cpuprofile-generations'])('blocking profiles of %s', (name) => {
  it.skipIf(!goBin)(
    'add up to what go tool trace -pprof reports',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'blocking-'));
      const path = join(dir, `${name}.trace`);
      const bytes = loadFixture(name);
      writeFileSync(path, bytes);
      const model = parseTrace(bytes, { progress: () => {} });
      for (const [kind, goKind] of goKinds) {
        const profilePath = join(dir, `${goKind}.pprof`);
        writeFileSync(
          profilePath,
          execFileSync(goBin!, ['tool', 'trace', `-pprof=${goKind}`, path]),
        );
        const raw = execFileSync(goBin!, ['tool', 'pprof', '-raw', profilePath], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        });
        const ours = blockingProfile(model, kind);
        const [count, ns] = rawTotals(raw);
        expect(
          ours.count.reduce((a, b) => a + b, 0),
          kind,
        ).toBe(count);
        expect(Math.abs(ours.value.reduce((a, b) => a + b, 0) - ns), kind).toBeLessThanOrEqual(
          1000,
        );
      }
      rmSync(dir, { recursive: true });
    },
    120_000,
  );
});
