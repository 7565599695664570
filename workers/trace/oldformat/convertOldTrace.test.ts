import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../decodeError';
import { noProgress } from '../../progress';
import {
  EventKind,
  eventProc,
  GoState,
  ProcState,
  ResourceKind,
  rangeName,
  type TraceModel,
} from '../model';
import { convertOldTrace } from './convertOldTrace';
import { eventTime } from '../eventTimes';

// Expected values: tools/traceoracle -detail (Go's x/exp/trace reader) on the same files,
// committed in testdata/goldens (see its README for the regenerating command).
const goldens = join(__dirname, 'testdata/goldens');
const repo = resolve(__dirname, '../../..');
const goroot = findGoroot();
const gorootTraces = goroot && join(goroot, 'src/internal/trace/internal/tracev1/testdata');

/** The part of the oracle's output this test compares (the summary has more fields). */
interface Golden {
  events: number;
  durationNs: number;
  cpuSamples: number;
  gc: { cycles: number };
  detail: {
    eventsByKind: Record<string, number>;
    goroutinesSeen: number;
    procsSeen: number;
    rangeBegins: Record<string, number>;
    metrics: Record<string, number>;
    transitions: Record<string, number>;
    stwPauses: { reason: string; startNs: number; durNs: number }[];
  };
  error?: string;
}

const cases = readdirSync(goldens)
  .filter((name) => name.endsWith('.json'))
  .map((name) => {
    const [source, rest] = name.replace(/\.json$/, '').split('--');
    const file =
      source === 'corpus'
        ? resolve(repo, '../shared/corpus', rest.replaceAll('+', '/'))
        : gorootTraces && join(gorootTraces, rest);
    return { name, file };
  })
  .filter(({ name, file }) => {
    const present = file !== undefined && existsSync(file);
    if (!present) console.warn(`${name}: its trace is absent (no corpus or no Go), skipping`);
    return present;
  });

describe.each(cases)('convertOldTrace on $name', ({ name, file }) => {
  const golden: Golden = JSON.parse(readFileSync(join(goldens, name), 'utf8'));
  const bytes = new Uint8Array(readFileSync(file!));
  const version = new TextDecoder().decode(bytes.subarray(3, 7));

  it.runIf(golden.error !== undefined)('fails like Go does', () => {
    // These mirrored copies had import paths rewritten inside their string tables.
    expect(() => convertOldTrace(bytes, version, { progress: noProgress })).toThrow(DecodeError);
  });

  it.runIf(golden.error === undefined)('matches what x/exp/trace reads', () => {
    const ours = summarize(convertOldTrace(bytes, version, { progress: noProgress }));
    const want = golden.detail;
    expect(ours.events).toBe(golden.events);
    expect(ours.detail.eventsByKind).toEqual(want.eventsByKind);
    expect(ours.durationNs).toBe(golden.durationNs);
    expect(ours.detail.goroutinesSeen).toBe(want.goroutinesSeen);
    expect(ours.detail.procsSeen).toBe(want.procsSeen);
    expect(ours.cpuSamples).toBe(golden.cpuSamples);
    expect(ours.gc.cycles).toBe(golden.gc.cycles);
    expect(ours.detail.rangeBegins).toEqual(want.rangeBegins);
    expect(ours.detail.metrics).toEqual(want.metrics);
    expect(ours.detail.transitions).toEqual(want.transitions);
    const pauses = ours.detail.stwPauses;
    expect(pauses.length).toBe(want.stwPauses.length);
    want.stwPauses.forEach((go, k) => {
      expect(pauses[k].reason).toBe(go.reason);
      expect(Math.abs(pauses[k].startNs - go.startNs)).toBeLessThanOrEqual(1000);
      expect(Math.abs(pauses[k].durNs - go.durNs)).toBeLessThanOrEqual(1000);
    });
  });
});

describe('convertOldTrace on damaged input', () => {
  const sample = resolve(
    repo,
    '../shared/corpus/felixge__traceutils/testdata/1.21/test-encoding-json.trace',
  );
  const hasSample = existsSync(sample);
  if (!hasSample) console.warn(`${sample} is absent: skipping the truncation tests`);

  it.skipIf(!hasSample)('reports a truncated trace as a DecodeError at every cut', () => {
    const bytes = new Uint8Array(readFileSync(sample));
    for (const fraction of [0.001, 0.1, 0.5, 0.9, 0.999]) {
      const cut = bytes.subarray(0, Math.floor(bytes.length * fraction));
      expect(() => convertOldTrace(cut, '1.21', { progress: noProgress })).toThrow(DecodeError);
    }
  });

  it('names the missing frequency event when only the header is there', () => {
    const header = new TextEncoder().encode('go 1.21 trace\0\0\0');
    expect(() => convertOldTrace(header, '1.21', { progress: noProgress })).toThrow(
      /frequency event/,
    );
  });

  it('rejects an event type the format does not have', () => {
    // A batch header for P 0 at tick 1, then type 50, which no old format defines.
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('go 1.21 trace\0\0\0'),
      0x41,
      0,
      1,
      50,
    ]);
    expect(() => convertOldTrace(bytes, '1.21', { progress: noProgress })).toThrow(
      /byte 19: expected an event type of the go 1.21 format, found type 50/,
    );
  });

  it('rejects CPU samples in a 1.11 trace, where they did not exist yet', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('go 1.11 trace\0\0\0'),
      0x41,
      0,
      1,
      49,
    ]);
    expect(() => convertOldTrace(bytes, '1.11', { progress: noProgress })).toThrow(/type 49/);
  });
});

/** The figures of tools/traceoracle -detail that this test compares, computed from our model. */
function summarize(model: TraceModel): Omit<Golden, 'error'> {
  const kindNames = Object.fromEntries(Object.entries(EventKind).map(([k, v]) => [v, k]));
  const goNames = Object.fromEntries(Object.entries(GoState).map(([k, v]) => [v, k]));
  const procNames = Object.fromEntries(Object.entries(ProcState).map(([k, v]) => [v, k]));
  const eventsByKind: Record<string, number> = {};
  const rangeBegins: Record<string, number> = {};
  const metrics: Record<string, number> = {};
  const transitions: Record<string, number> = {};
  const goroutines = new Set<number>();
  const procs = new Set<number>();
  // Pauses pair by name: only one stop-the-world runs at a time (the oracle pairs by goroutine).
  const stwPrefix = 'stop-the-world (';
  const openStw = new Map<string, number>();
  const stwPauses: Golden['detail']['stwPauses'] = [];
  const count = (table: Record<string, number>, key: string) => {
    table[key] = (table[key] ?? 0) + 1;
  };
  const first = eventTime(model, 0);
  for (let i = 0; i < model.count; i++) {
    const kind = model.kind[i];
    count(eventsByKind, kindNames[kind]);
    if (model.g[i] !== -1) goroutines.add(model.g[i]);
    const p = eventProc(model, i);
    if (p !== -1) procs.add(p);
    if (kind === EventKind.Metric) count(metrics, model.strings[model.metrics.name[model.arg[i]]]);
    if (kind === EventKind.StateTransition) {
      const row = model.transition[i];
      const { resourceKind, from, to, reason } = model.transitions;
      if (resourceKind[row] === ResourceKind.Goroutine) {
        goroutines.add(model.arg[i]);
        const text = `G ${goNames[from[row]]}->${goNames[to[row]]} ${model.strings[reason[row]]}`;
        count(transitions, text);
      } else {
        procs.add(model.arg[i]);
        count(transitions, `P ${procNames[from[row]]}->${procNames[to[row]]}`);
      }
    }
    if (kind === EventKind.RangeBegin) {
      const name = rangeName(model, i);
      count(rangeBegins, name);
      if (name.startsWith(stwPrefix)) openStw.set(name, eventTime(model, i));
    }
    if (kind === EventKind.RangeEnd) {
      const name = rangeName(model, i);
      const start = openStw.get(name);
      if (start !== undefined) {
        const reason = name.slice(stwPrefix.length, -1);
        stwPauses.push({ reason, startNs: start - first, durNs: eventTime(model, i) - start });
        openStw.delete(name);
      }
    }
  }
  return {
    events: model.count,
    durationNs: eventTime(model, model.count - 1) - first,
    cpuSamples: eventsByKind.StackSample ?? 0,
    gc: { cycles: rangeBegins['GC concurrent mark phase'] ?? 0 },
    detail: {
      eventsByKind,
      goroutinesSeen: goroutines.size,
      procsSeen: procs.size,
      rangeBegins,
      metrics,
      transitions,
      stwPauses: stwPauses.sort((a, b) => a.startNs - b.startNs),
    },
  };
}

function findGoroot(): string | undefined {
  for (const bin of ['go', '/usr/local/go/bin/go']) {
    try {
      return execFileSync(bin, ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
    } catch {
      // try the next location
    }
  }
  console.warn('go not found: skipping the goldens of the traces shipped with Go');
  return undefined;
}
