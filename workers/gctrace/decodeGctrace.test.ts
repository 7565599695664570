import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../decodeError';
import { decodeGctrace } from './decodeGctrace';
import { otherLinesQuery, summarizeGctrace } from './gctraceQueries';

const corpusLog = '../shared/corpus/tebeka__gctrace/testdata/map.gctrace';
const ownLog = 'workers/gctrace/testdata/go126.gctrace.log';
const ownMemStats = 'workers/gctrace/testdata/go126.memstats.json';
const sampleLog = 'public/samples/gctrace.log';
const sampleMemStats = 'public/samples/memstats.json';
const hasCorpus = existsSync(corpusLog);
const hasSamples = existsSync(sampleLog) && existsSync(sampleMemStats);
if (!hasCorpus) console.warn(`skipping corpus gctrace tests: ${corpusLog} is absent`);
if (!hasSamples) console.warn(`skipping sample gctrace tests: ${sampleLog} is absent`);

const bytesOf = (text: string) => new TextEncoder().encode(text);
const mib = 1024 * 1024;

/** The oracle for "which lines are gc lines", independent of the decoder: `grep -c '^gc [0-9]* @'`. */
function grepGcLines(text: string): number {
  return text.split('\n').filter((l) => /^gc \d+ @/.test(l)).length;
}

describe('decodeGctrace on a real Go 1.18+ log (tebeka/gctrace map.gctrace)', () => {
  it.skipIf(!hasCorpus)('finds every gc line and keeps the two go-run lines aside', () => {
    const text = readFileSync(corpusLog, 'utf8');
    const model = decodeGctrace(bytesOf(text));
    // tebeka/gctrace's own TestScanner counts 95 traces in this file.
    expect(model.cycles.number.length).toBe(95);
    expect(model.cycles.number.length).toBe(grepGcLines(text));
    expect(otherLinesQuery(model, {})).toEqual({
      total: 2,
      lines: [
        { line: 19, text: '# command-line-arguments' },
        { line: 22, text: '# command-line-arguments' },
      ],
    });
    expect(model.warnings).toEqual([]);
  });

  it.skipIf(!hasCorpus)('reads gc 18 as tebeka/gctrace TestTrace does', () => {
    // "gc 18 @1.824s 13%: 0.030+44+0.015 ms clock, 0.12+29/43/0+0.060 ms cpu,
    //  173->203->101 MB, 203 MB goal, 0 MB stacks, 0 MB globals, 4 P"
    // The file holds two runs of the program (gc numbers restart); TestTrace's line is the second.
    const c = decodeGctrace(readFileSync(corpusLog)).cycles;
    const i = c.number.lastIndexOf(18);
    expect(c.line[i]).toBe(42);
    expect({
      startNs: c.startNs[i],
      gcCpuPercent: c.gcCpuPercent[i],
      clock: [c.clockSweepTermNs[i], c.clockMarkNs[i], c.clockMarkTermNs[i]],
      cpu: [
        c.cpuSweepTermNs[i],
        c.cpuAssistNs[i],
        c.cpuBackgroundNs[i],
        c.cpuIdleNs[i],
        c.cpuMarkTermNs[i],
      ],
      heap: [c.heapStartBytes[i], c.heapEndBytes[i], c.heapLiveBytes[i], c.heapGoalBytes[i]],
      stacks: c.stacksBytes[i],
      globals: c.globalsBytes[i],
      procs: c.procs[i],
      forced: c.forced[i],
    }).toEqual({
      startNs: 1_824_000_000,
      gcCpuPercent: 13,
      clock: [30_000, 44_000_000, 15_000],
      cpu: [120_000, 29_000_000, 43_000_000, 0, 60_000],
      heap: [173 * mib, 203 * mib, 101 * mib, 203 * mib],
      stacks: 0,
      globals: 0,
      procs: 4,
      forced: 0,
    });
  });
});

describe('decodeGctrace against the runtime’s own MemStats (Go 1.26 fixture)', () => {
  const text = readFileSync(ownLog, 'utf8');
  const memStats = JSON.parse(readFileSync(ownMemStats, 'utf8')) as {
    NumGC: number;
    NumForcedGC: number;
    PauseTotalNs: number;
  };
  const model = decodeGctrace(bytesOf(text));

  it('has one cycle per GC the runtime counted, and the same forced count', () => {
    expect(model.cycles.number.length).toBe(memStats.NumGC);
    expect(model.cycles.number.length).toBe(grepGcLines(text));
    expect(summarizeGctrace(model).forced).toBe(memStats.NumForcedGC);
  });

  it('sums STW pauses to PauseTotalNs within the two-digit rounding of the clock fields', () => {
    // TESTING-NOTES: gctrace clock fields keep 2 significant digits; totals agree to a few percent.
    const { stw } = summarizeGctrace(model);
    expect(stw.count).toBe(2 * memStats.NumGC);
    expect(Math.abs(stw.totalNs - memStats.PauseTotalNs) / memStats.PauseTotalNs).toBeLessThan(
      0.05,
    );
  });

  it('parses every scavtrace line into the scavenger series', () => {
    const scavLines = text.split('\n').filter((l) => l.startsWith('scav ')).length;
    const s = model.scavenger;
    expect(s.line.length).toBe(scavLines);
    expect(scavLines).toBeGreaterThan(0);
    // debug.FreeOSMemory ends the workload with a forced scavenge.
    expect(s.forced[s.forced.length - 1]).toBe(1);
    for (let i = 0; i < s.line.length; i++) {
      expect(s.releasedBytes[i] % 1024).toBe(0);
      expect(Number.isNaN(s.workEagerBytes[i])).toBe(false);
    }
  });

  it('keeps the program’s own log lines aside, counted and retrievable', () => {
    const expected = text
      .split('\n')
      .map((l, i) => ({ line: i + 1, text: l }))
      .filter((l) => l.text !== '' && !/^(gc|scav) /.test(l.text));
    expect(otherLinesQuery(model, { offset: 0, limit: 1000 })).toEqual({
      total: expected.length,
      lines: expected,
    });
    expect(otherLinesQuery(model, { offset: 1, limit: 1 }).lines).toEqual([expected[1]]);
  });
});

describe('decodeGctrace on the sample log (Go 1.26, traced run)', () => {
  it.skipIf(!hasSamples)('counts the cycles MemStats saw while the log was written', () => {
    const text = readFileSync(sampleLog, 'utf8');
    const mem = JSON.parse(readFileSync(sampleMemStats, 'utf8')) as {
      numGCBefore: number;
      numGCAfter: number;
      pauseTotalNsBefore: number;
      pauseTotalNsAfter: number;
    };
    const c = decodeGctrace(bytesOf(text)).cycles;
    expect(c.number.length).toBe(grepGcLines(text));
    // The program keeps running (and collecting) after its last ReadMemStats.
    expect(c.number.length).toBeGreaterThanOrEqual(mem.numGCAfter);
    let pauses = 0;
    for (let i = 0; i < c.number.length; i++) {
      if (c.number[i] > mem.numGCBefore && c.number[i] <= mem.numGCAfter) {
        pauses += c.clockSweepTermNs[i] + c.clockMarkTermNs[i];
      }
    }
    const runtimePauses = mem.pauseTotalNsAfter - mem.pauseTotalNsBefore;
    expect(Math.abs(pauses - runtimePauses) / runtimePauses).toBeLessThan(0.05);
  });
});

describe('decodeGctrace on line-format variants', () => {
  // Real lines from the Go 1.26 fixture, wrapped the way log collectors wrap them.
  const realLine = readFileSync(ownLog, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('gc 1 @'))!;

  it('tolerates timestamps, pod names and JSON around the line', () => {
    const wrapped = [
      `2026-01-02T03:04:05.678Z ${realLine}`,
      `api-7f9c6d-xk2p9 stderr F ${realLine}`,
      `{"log":"${realLine}\\n","stream":"stderr"}`,
    ].join('\n');
    const model = decodeGctrace(bytesOf(wrapped));
    expect(model.cycles.number.length).toBe(3);
    const plain = decodeGctrace(bytesOf(realLine)).cycles;
    for (let i = 0; i < 3; i++) {
      expect(model.cycles.heapGoalBytes[i]).toBe(plain.heapGoalBytes[0]);
      expect(model.cycles.procs[i]).toBe(plain.procs[0]);
    }
  });

  it('reads lines from before Go 1.18 (no stacks or globals) with NaN for the missing sizes', () => {
    // The Go 1.5–1.17 shape printed by runtime/mgc.go gcMarkTermination.
    const line =
      'gc 7 @2.104s 1%: 0.018+1.2+0.009 ms clock, 0.072+0.35/1.1/2.3+0.036 ms cpu, 4->5->1 MB, 5 MB goal, 4 P (forced)';
    const c = decodeGctrace(bytesOf(line)).cycles;
    expect([c.number[0], c.heapEndBytes[0], c.procs[0], c.forced[0]]).toEqual([7, 5 * mib, 4, 1]);
    expect([c.cpuIdleNs[0], c.clockMarkNs[0]]).toEqual([2_300_000, 1_200_000]);
    expect(Number.isNaN(c.stacksBytes[0]) && Number.isNaN(c.globalsBytes[0])).toBe(true);
  });

  it('reads Go 1.26 leak-check lines', () => {
    const line = realLine.replace(/%: /, '% (checking for goroutine leaks): ');
    const c = decodeGctrace(bytesOf(line)).cycles;
    expect([c.number[0], c.leakCheck[0]]).toEqual([1, 1]);
  });

  it('reads the older scavenger line shapes', () => {
    const lines = [
      realLine,
      'scav 12 345 KiB work, 6789 KiB total, 81% util',
      'scav 64 KiB work, 128 KiB total, 97% util [controller reset]',
      'scvg3: inuse: 5, idle: 2, sys: 8, released: 1, consumed: 7 (MB)',
      'scvg3: 2 MB released',
    ].join('\n');
    const s = decodeGctrace(bytesOf(lines)).scavenger;
    expect([...s.kind]).toEqual([0, 0, 1, 2]);
    expect([...s.workBgBytes]).toEqual([345 * 1024, 64 * 1024, NaN, 2 * mib]);
    expect([...s.releasedBytes]).toEqual([6789 * 1024, 128 * 1024, mib, NaN]);
    expect([...s.controllerReset]).toEqual([0, 1, 0, 0]);
    expect([...s.sysBytes]).toEqual([NaN, NaN, 8 * mib, NaN]);
    expect([...s.afterCycle]).toEqual([1, 1, 1, 1]);
  });
});

describe('decodeGctrace on bad input', () => {
  it('refuses a log without any gc line', () => {
    const decode = () => decodeGctrace(bytesOf('hello\nscav 1 KiB work, 2 KiB total, 3% util\n'));
    expect(decode).toThrow(DecodeError);
    expect(decode).toThrow(/no gc lines in 2 lines/);
  });

  it('skips a line with garbage numbers and names it', () => {
    const text = readFileSync(ownLog, 'utf8');
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('gc 2 @'));
    lines[at] = lines[at].replace(/ ms clock/, 'x ms clock');
    const model = decodeGctrace(bytesOf(lines.join('\n')));
    expect(model.cycles.number.length).toBe(grepGcLines(text) - 1);
    expect(model.cycles.number.includes(2)).toBe(false);
    expect(model.warnings).toHaveLength(1);
    expect(model.warnings[0]).toMatch(new RegExp(`^line ${at + 1}: gc line with unreadable`));
  });

  it('skips a gc line another writer split in two, and keeps the pieces as other lines', () => {
    // The runtime writes to stderr without the log package's lock, so a log.Printf during a
    // cycle can land inside a gc line (seen in a real run of tools/textfixtures).
    const lines = readFileSync(ownLog, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('gc 3 @'));
    const split = lines[at].indexOf('->') + 2;
    const spliced = [
      ...lines.slice(0, at),
      `${lines[at].slice(0, split)}2026/11/22 13:42:56 round 32 retained 5 buffers`,
      lines[at].slice(split),
      ...lines.slice(at + 1),
    ];
    const model = decodeGctrace(bytesOf(spliced.join('\n')));
    expect(model.cycles.number.includes(3)).toBe(false);
    expect(model.warnings).toHaveLength(1);
    expect(model.warnings[0]).toMatch(new RegExp(`^line ${at + 1}: `));
    expect(otherLinesQuery(model, { limit: 1000 }).lines).toContainEqual({
      line: at + 2,
      text: lines[at].slice(split),
    });
  });

  it('warns about a last line cut short and keeps the cycles before it', () => {
    const text = readFileSync(ownLog, 'utf8');
    const lastGc = text.lastIndexOf('\ngc ') + 1;
    const cut = text.slice(0, lastGc + 40);
    const model = decodeGctrace(bytesOf(cut));
    expect(model.cycles.number.length).toBe(grepGcLines(text) - 1);
    expect(model.warnings).toEqual([
      `line ${cut.split('\n').length}: the last gc line is cut short (the log looks truncated); it was skipped`,
    ]);
  });
});
