import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseTrace } from '../trace/parseTrace';
import { fixtureNames, loadFixture, loadGolden } from '../trace/testdata/loadFixture';
import { cpuSamples } from './cpuSamples';
import { goroutineSummaries } from './goroutineSummaries';
import { oneGcCycle } from './testing/oneGcCycle';
import { traceAnalysisSummary } from './traceSummary';

describe('traceAnalysisSummary', () => {
  it('counts cycles, pauses, assists and heap peaks of a small trace', () => {
    expect(traceAnalysisSummary(oneGcCycle().build())).toEqual({
      gc: {
        cycles: 1,
        stw: { count: 2, totalNs: 18, maxNs: 10, p50Ns: 8, p95Ns: 10, p99Ns: 10 },
        assistNs: 20,
      },
      stw: { count: 3, totalNs: 28, maxNs: 10, p50Ns: 10, p95Ns: 10, p99Ns: 10 },
      stwByReason: {
        'GC sweep termination': { count: 1, totalNs: 8 },
        'GC mark termination': { count: 1, totalNs: 10 },
        'read mem stats': { count: 1, totalNs: 10 },
      },
      heap: { maxLiveBytes: 1900, maxGoalBytes: 3000 },
    });
  });
});

// Real traces, checked against tools/traceoracle (golang.org/x/exp/trace) run on the same file.
const repo = resolve(__dirname, '../..');
const goBin = ['go', '/usr/local/go/bin/go'].find((bin) => {
  try {
    execFileSync(bin, ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
const hasGo = goBin !== undefined;
if (!hasGo)
  console.warn('go not found: skipping trace summaries checked against tools/traceoracle');

const fixtures = [
  'public/samples/trace.out.gz',
  '../shared/corpus/felixge__traceutils/testdata/1.25/test-encoding-json.trace',
  '../shared/corpus/felixge__traceutils/testdata/1.21/fgprof.trace',
  '../shared/corpus/felixge__traceutils/testdata/1.21/task.trace',
  '../shared/corpus/felixge__traceutils/testdata/1.19/staticcheck.trace',
].filter((f) => {
  const present = existsSync(resolve(repo, f));
  if (!present) console.warn(`${f} is absent: skipping its trace-summary check`);
  return present;
});

type Stats = Record<string, number>;
interface OracleSummary {
  goroutines: number;
  cpuSamples: number;
  gc: { cycles: number; stw: Stats; assistNs: number };
  stw: Stats;
  stwByReason: Record<string, Stats>;
  heap: { maxLiveBytes: number; maxGoalBytes: number };
}

/** Counts must match exactly, durations to the microsecond. */
function expectStats(summary: object, go: Stats) {
  const ours = summary as Stats;
  expect(ours.count).toBe(go.count);
  for (const key of Object.keys(go).filter((k) => k !== 'count')) {
    expect(Math.abs(ours[key] - go[key]), key).toBeLessThanOrEqual(1000);
  }
}

/** Compares our figures for a trace with the oracle's summary of the same file. */
function expectOracleFigures(bytes: Uint8Array, go: OracleSummary) {
  const model = parseTrace(bytes, { progress: () => {} });
  const ours = traceAnalysisSummary(model);

  expect(goroutineSummaries(model).count).toBe(go.goroutines);
  expect(cpuSamples(model).time.length).toBe(go.cpuSamples);
  expect(ours.gc.cycles).toBe(go.gc.cycles);
  expectStats(ours.gc.stw, go.gc.stw);
  expectStats(ours.stw, go.stw);
  expect(Object.keys(ours.stwByReason).sort()).toEqual(Object.keys(go.stwByReason).sort());
  for (const [reason, stats] of Object.entries(go.stwByReason)) {
    expectStats(ours.stwByReason[reason], stats);
  }
  expect(ours.heap).toEqual(go.heap);
  // An assist running across a generation boundary is re-announced by RangeActive; it is the
  // same assist (runtime traceAdvance), so it keeps its first start, as summary.go does.
  expect(Math.abs(ours.gc.assistNs - go.gc.assistNs)).toBeLessThanOrEqual(1000);
}

describe.each(fixtureNames)('traceAnalysisSummary of fixture %s', (name) => {
  it('matches its x/exp/trace golden', () => {
    expectOracleFigures(loadFixture(name), loadGolden(name) as OracleSummary);
  }, 60_000);
});

describe.each(fixtures)('traceAnalysisSummary of %s', (fixture) => {
  it.skipIf(!hasGo)(
    'matches x/exp/trace',
    () => {
      const path = resolve(repo, fixture);
      const go = JSON.parse(
        execFileSync(goBin!, ['run', './traceoracle', path], {
          cwd: resolve(repo, 'tools'),
          encoding: 'utf8',
        }),
      ) as OracleSummary;
      const raw = readFileSync(path);
      expectOracleFigures(new Uint8Array(path.endsWith('.gz') ? gunzipSync(raw) : raw), go);
    },
    120_000,
  );
});
