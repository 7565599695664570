import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../decodeError';
import { topTable } from '../pprof/topTable';
import { decodeHeapText, type HeapTextModel } from './decodeHeapText';
import { heapTextFormat } from './format';
import { memStatsQuery } from './memStatsQuery';
import { chronologicalPauses } from './parseMemStats';

const own = 'workers/heaptext/testdata/go126.heap.debug1.txt';
const gobench = '../shared/corpus/google__pprof/profile/testdata/gobench.heap';
const sample = 'public/samples/heap.debug1.txt';
const hasCorpus = existsSync(gobench);
const hasSample = existsSync(sample);
if (!hasCorpus) console.warn(`skipping corpus heap text tests: ${gobench} is absent`);
if (!hasSample) console.warn(`skipping sample heap text tests: ${sample} is absent`);
const bytesOf = (text: string) => new TextEncoder().encode(text);
const sampleTypes = ['inuse_objects', 'inuse_space', 'alloc_objects', 'alloc_space'];

/** The "Samples:" section of pprof's -raw (or profile.String()): values and block size per sample. */
function pprofSamples(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const body = text.slice(text.indexOf('Samples:'), text.indexOf('Locations'));
  const rows: string[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const values = /^\s+(-?\d+(?:\s+-?\d+)*):/.exec(lines[i]);
    if (!values) continue;
    const block = /bytes:\[(\d+)\]/.exec(lines[i + 1] ?? '');
    rows.push(`${values[1].trim().split(/\s+/).join(' ')} bytes=${block ? block[1] : '-'}`);
  }
  return rows.sort();
}

function ourSamples(model: HeapTextModel): string[] {
  const rows: string[] = [];
  for (let s = 0; s < model.samples.count; s++) {
    const values = model.samples.values.map((column) => column[s]).join(' ');
    rows.push(`${values} bytes=${model.samples.labelNumber[s]}`);
  }
  return rows.sort();
}

/** pprof -top rows: name -> flat and cum in bytes or counts, with the display's units undone. */
function pprofTop(path: string): {
  total: number;
  rows: Map<string, { flat: number; cum: number }>;
} {
  const units: Record<string, number> = { B: 1, kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, '': 1 };
  const value = (s: string) => {
    const m = /^(-?[\d.]+)(B|kB|MB|GB)?$/.exec(s)!;
    return Number(m[1]) * units[m[2] ?? ''];
  };
  const text = readFileSync(path, 'utf8');
  const total = value(/of ([\d.]+\w*) total/.exec(text)![1]);
  const rows = new Map<string, { flat: number; cum: number }>();
  for (const line of text.split('\n')) {
    const m = /^\s*(\S+)\s+\S+%\s+\S+%\s+(\S+)\s+\S+%\s+(.+)$/.exec(line);
    if (m && m[1] !== 'flat') rows.set(m[3], { flat: value(m[1]), cum: value(m[2]) });
  }
  return { total, rows };
}

/** Display rounding of -top: 2 decimals of the printed unit, so allow 0.5% (TESTING-NOTES). */
const closeTo = (ours: number, theirs: number) =>
  Math.abs(ours - theirs) <= Math.max(0.005 * Math.abs(theirs), 0.01 * 1024);

describe('decodeHeapText against go tool pprof (Go 1.26 fixture)', () => {
  const model = decodeHeapText(readFileSync(own));

  it('unsamples every record exactly as pprof -raw reports it', () => {
    expect(ourSamples(model)).toEqual(pprofSamples(`${own}.raw`));
  });

  it('picks inuse_space by default and reads the sampling period', () => {
    const summary = heapTextFormat!.summarize(model);
    expect(summary.defaultSampleType).toBe('inuse_space');
    expect(summary.period).toBe(Number(/@ heap\/(\d+)/.exec(readFileSync(own, 'utf8'))![1]) / 2);
  });

  it.each(sampleTypes)('top -sample_index=%s matches pprof -top', (sampleIndex) => {
    const golden = pprofTop(`${own}.top.${sampleIndex}`);
    const ours = topTable(model, { sampleIndex });
    expect(closeTo(ours.total, golden.total)).toBe(true);
    // pprof symbolizes the addresses with the binary: it also names runtime.goexit, which Go's
    // "#" lines hide, and it does not expand inlined calls, which the "#" lines (from
    // runtime.CallersFrames) list as frames of their own. So pprof's rows (but goexit) must all
    // be ours with the same flat and cum; our extra rows are inlined pass-through frames (flat 0).
    golden.rows.delete('runtime.goexit');
    const ourRows = new Map(ours.rows.map((r) => [r.name, r]));
    for (const [name, row] of golden.rows) {
      expect(ourRows.has(name), name).toBe(true);
      expect(closeTo(ourRows.get(name)!.flat, row.flat), `${name} flat`).toBe(true);
      expect(closeTo(ourRows.get(name)!.cum, row.cum), `${name} cum`).toBe(true);
    }
    const extra = ours.rows.filter((r) => !golden.rows.has(r.name));
    expect(extra.filter((r) => r.flat !== 0)).toEqual([]);
    expect(extra.length).toBeLessThan(golden.rows.size / 2);
  });
});

describe('decodeHeapText on pprof’s own legacy fixture (gobench.heap)', () => {
  it.skipIf(!hasCorpus)('gives the samples of pprof’s profile.String() golden', () => {
    const model = decodeHeapText(readFileSync(gobench));
    expect(ourSamples(model)).toEqual(pprofSamples(`${gobench}.string`));
    // Totals from the corpus MANIFEST: [83134 350314738 11445 7721316].
    expect(heapTextFormat!.summarize(model).totals).toEqual({
      alloc_objects: 83134,
      alloc_space: 350314738,
      inuse_objects: 11445,
      inuse_space: 7721316,
    });
  });
});

describe('the runtime.MemStats section', () => {
  const text = readFileSync(own, 'utf8');
  const model = decodeHeapText(bytesOf(text));
  const printed = (name: string) => Number(new RegExp(`^# ${name} = (\\S+)$`, 'm').exec(text)![1]);

  it('keeps every scalar field under its Go name, grouped as runtime/mstats.go documents them', () => {
    const result = memStatsQuery(model);
    expect(result.groups.map((g) => g.name)).toEqual(['general', 'heap', 'offHeap', 'gc', 'other']);
    const fields = Object.fromEntries(
      result.groups.flatMap((g) => g.fields).map((f) => [f.name, f.value]),
    );
    for (const name of ['Alloc', 'HeapObjects', 'NextGC', 'NumGC', 'GCCPUFraction', 'MaxRSS']) {
      expect(fields[name]).toBe(printed(name));
    }
    const stack = /^# Stack = (\d+) \/ (\d+)$/m.exec(text)!;
    expect([fields.StackInuse, fields.StackSys]).toEqual([Number(stack[1]), Number(stack[2])]);
    expect(fields.DebugGC).toBe(0);
    expect(result.groups.find((g) => g.name === 'other')!.fields.map((f) => f.name)).toEqual([
      'MaxRSS',
    ]);
  });

  it('orders the pause ring chronologically from NumGC', () => {
    const numGC = printed('NumGC');
    const ring = /^# PauseNs = \[(.*)\]$/m.exec(text)![1].split(' ').map(Number);
    const { pauses } = memStatsQuery(model);
    // Fewer than 256 cycles: the ring has not wrapped, so slots 0..NumGC-1 are cycles 1..NumGC.
    expect([...pauses.gc]).toEqual(Array.from({ length: numGC }, (_, i) => i + 1));
    expect([...pauses.durationNs]).toEqual(ring.slice(0, numGC));
    expect(pauses.endOffsetNs[0]).toBe(0);
    for (let i = 1; i < numGC; i++) expect(pauses.endOffsetNs[i]).toBeGreaterThan(0);
    const summary = heapTextFormat!.summarize(model);
    expect(summary.pauses).toEqual({
      count: numGC,
      maxNs: Math.max(...ring.slice(0, numGC)),
      totalNs: ring.slice(0, numGC).reduce((a, b) => a + b, 0),
    });
    expect((summary.memstats as Record<string, number>).NumGC).toBe(numGC);
  });

  it('unwraps a ring after more than 256 cycles', () => {
    // NumGC = 300: cycle 300 sits at slot 299 % 256 = 43, the oldest kept (45) at slot 44.
    const pauseNs = Array.from({ length: 256 }, (_, i) => i);
    const pauseEnd = pauseNs.map(
      (i) => 1_700_000_000_000_000_000n + BigInt(((i + 256 - 44) % 256) * 1000),
    );
    const pauses = chronologicalPauses({ scalars: { NumGC: 300 }, pauseNs, pauseEnd, line: 1 });
    expect(pauses.gc[0]).toBe(45);
    expect(pauses.gc[255]).toBe(300);
    expect(pauses.durationNs[0]).toBe(44);
    expect(pauses.durationNs[255]).toBe(43);
    expect(pauses.endOffsetNs[255]).toBe(255_000);
  });

  it('keeps what it read of a section cut in the middle, with a warning', () => {
    const cut = text.slice(0, text.indexOf('# PauseEnd = [') + 40);
    const partial = decodeHeapText(bytesOf(cut));
    expect(partial.samples.count).toBe(model.samples.count);
    expect(partial.memStats!.scalars.Alloc).toBe(printed('Alloc'));
    expect(partial.memStats!.scalars.NumGC).toBeUndefined();
    expect(partial.warnings.join('\n')).toMatch(/PauseEnd holds \d+ of its 256 entries/);
    expect(partial.warnings.join('\n')).toMatch(
      /missing NumGC, NumForcedGC, GCCPUFraction, DebugGC/,
    );
  });
});

describe('decodeHeapText on the sample', () => {
  it.skipIf(!hasSample)('reads the records and the MemStats section without warnings', () => {
    const model = decodeHeapText(readFileSync(sample));
    const records = readFileSync(sample, 'utf8')
      .split('\n')
      .filter((l) => / @ 0x/.test(l)).length;
    expect(model.samples.count).toBe(records);
    expect(model.warnings).toEqual([]);
  });
});

describe('decodeHeapText on bad input', () => {
  it('refuses text without the heap profile header', () => {
    const decode = () => decodeHeapText(bytesOf('goroutine profile: total 3\n'));
    expect(decode).toThrow(DecodeError);
    expect(decode).toThrow(/heap profile text at line 1: expected "heap profile: N: N/);
  });

  it('skips a pause ring with an unreadable entry, names its line and keeps the rest', () => {
    const lines = readFileSync(own, 'utf8').split('\n');
    for (const key of ['PauseNs', 'PauseEnd']) {
      const at = lines.findIndex((l) => l.startsWith(`# ${key} = [`));
      const damaged = lines.slice();
      damaged[at] = damaged[at].replace(/ (\d+) /, ' 12x4 ');
      const model = decodeHeapText(bytesOf(damaged.join('\n')));
      expect(model.warnings).toContain(
        `line ${at + 1}: MemStats field ${key} has an unreadable entry "12x4"`,
      );
      expect(model.memStats!.scalars.NumGC).toBeGreaterThan(0);
      expect(key === 'PauseNs' ? model.memStats!.pauseNs : model.memStats!.pauseEnd).toEqual([]);
    }
  });

  it('skips an unreadable record and names its line', () => {
    const lines = readFileSync(own, 'utf8').split('\n');
    const at = lines.findIndex((l, i) => i > 0 && / @ 0x/.test(l));
    lines[at] = lines[at].replace(/^\d+:/, 'x:');
    const model = decodeHeapText(bytesOf(lines.join('\n')));
    expect(model.warnings[0]).toMatch(new RegExp(`^line ${at + 1}: unreadable heap record`));
  });
});
