import { DecodeError } from '../decodeError';
import type { PprofModel } from '../pprof/model';
import { noProgress, type ProgressReporter } from '../progress';
import { parseMemStats, type MemStatsSection } from './parseMemStats';

/** A heap profile read from debug=1 text: a pprof model (so every pprof view works) plus MemStats. */
export interface HeapTextModel extends PprofModel {
  memStats: MemStatsSection | undefined;
  warnings: string[];
}

// google/pprof profile/legacy_profile.go heapHeaderRE / heapSampleRE, as Go writes them
// (runtime/pprof/pprof.go writeHeapInternal): "@ heap/N" carries twice the MemProfileRate.
const headerPattern = /^heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@ *heap\/?(\d*)/;
const recordPattern = /^(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@((?: 0x[0-9a-f]+)*)\s*$/;
// "#\t0xPC\tfunction+0xOFF\tfile:line", or "#\t0xPC" for a PC without symbol.
const framePattern = /^#\t(0x[0-9a-f]+)(?:\t(\S+?)(?:\+0x[0-9a-f]+)?\t+(.*):(\d+))?$/;

/**
 * Reads `/debug/pprof/heap?debug=1` text into the pprof model with pprof's own reading of legacy
 * heap text: sample types alloc_objects, alloc_space, inuse_objects, inuse_space; values unsampled
 * with the Poisson correction of scaleHeapSample; locations at return address - 1. Function names
 * and lines come from the "#" lines Go prints under each record; addresses Go hid there (runtime
 * allocation frames and runtime.goexit) are left out of the stacks, as pprof's drop_frames for Go
 * heap profiles would mostly do.
 */
export function decodeHeapText(
  bytes: Uint8Array,
  progress: ProgressReporter = noProgress,
): HeapTextModel {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const lines = text.split('\n');
  const endsWithNewline = text.endsWith('\n');
  if (endsWithNewline) lines.pop();
  const headerAt = lines.findIndex((l) => headerPattern.test(l));
  if (headerAt < 0) {
    throw new DecodeError(
      'heap-text',
      { line: 1 },
      '"heap profile: N: N [N: N] @ heap/R"',
      `"${(lines[0] ?? '').slice(0, 120)}"`,
    );
  }
  const header = headerPattern.exec(lines[headerAt])!;
  // Alloc columns equal to in-use (or zero) carry no information; pprof then keeps two types.
  const hasAlloc =
    (header[3] !== header[1] && header[3] !== '0') ||
    (header[4] !== header[2] && header[4] !== '0');
  const rate = header[5] === '' ? 0 : Math.trunc(Number(header[5]) / 2);

  const b = new ProfileBuilder();
  const warnings: string[] = [];
  let memStats: MemStatsSection | undefined;
  let record: { values: number[]; blockSize: number; pcs: string[]; line: number } | undefined;
  let frames: Array<{ pc: string; fn?: string; file: string; line: number }> = [];
  const flush = () => {
    if (record) b.addSample(record.values, record.blockSize, record.pcs, frames);
    record = undefined;
    frames = [];
  };

  for (let i = headerAt + 1; i < lines.length; i++) {
    if (i % 4096 === 0) progress('Reading heap profile text', i / lines.length);
    const line = lines[i].replace(/\r$/, '');
    if (line === '# runtime.MemStats') {
      flush();
      memStats = parseMemStats(lines, i, endsWithNewline, warnings);
      break;
    }
    const m = recordPattern.exec(line);
    if (m) {
      flush();
      const inuse = scaleHeapSample(Number(m[1]), Number(m[2]), rate);
      const alloc = scaleHeapSample(Number(m[3]), Number(m[4]), rate);
      // pprof's block size: bytes per object, of in-use if any are in use, else of allocations.
      const blockSize =
        Number(m[1]) > 0
          ? Math.trunc(Number(m[2]) / Number(m[1]))
          : Number(m[3]) > 0
            ? Math.trunc(Number(m[4]) / Number(m[3]))
            : 0;
      record = {
        values: hasAlloc ? [...alloc, ...inuse] : inuse,
        blockSize,
        pcs: m[5].trim().split(' '),
        line: i + 1,
      };
      continue;
    }
    const f = framePattern.exec(line);
    if (f && record) {
      frames.push({ pc: f[1], fn: f[2], file: f[3] ?? '', line: f[4] ? Number(f[4]) : 0 });
      continue;
    }
    if (line.trim() === '' || line.startsWith('#')) continue;
    const cut = i === lines.length - 1 && !endsWithNewline;
    warnings.push(
      cut
        ? `line ${i + 1}: the text ends mid-record (it looks truncated); that record was skipped`
        : `line ${i + 1}: unreadable heap record was skipped: "${line.slice(0, 120)}"`,
    );
    record = undefined;
    frames = [];
  }
  flush();
  progress('Reading heap profile text', 1);
  if (!memStats) warnings.push('the text has no "# runtime.MemStats" section');
  return { ...b.build(hasAlloc, rate), memStats, warnings };
}

/**
 * pprof's unsampling of a legacy heap record (profile/legacy_profile.go scaleHeapSample): a
 * sample of average size S is seen with probability 1 - exp(-S/R), so both numbers are divided
 * by it and truncated to integers, as Go's int64 conversion does.
 */
export function scaleHeapSample(count: number, size: number, rate: number): [number, number] {
  if (count === 0 || size === 0) return [0, 0];
  if (rate <= 1) return [count, size];
  const scale = 1 / (1 - Math.exp(-size / count / rate));
  return [Math.trunc(count * scale), Math.trunc(size * scale)];
}

/** Collects interned strings, functions, locations and samples into the pprof model's tables. */
class ProfileBuilder {
  private readonly strings = [''];
  private readonly stringIndex = new Map<string, number>([['', 0]]);
  private readonly functionIndex = new Map<string, number>();
  private readonly functions = { name: [] as number[], filename: [] as number[] };
  private readonly locationIndex = new Map<string, number>();
  private readonly locations = {
    address: [] as number[],
    lineOffsets: [0],
    lineFunction: [] as number[],
    lineNumber: [] as number[],
  };
  private readonly stackOffsets = [0];
  private readonly stackLocations: number[] = [];
  private readonly values: number[][] = [];
  private readonly blockSizes: number[] = [];

  intern(s: string): number {
    let i = this.stringIndex.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.stringIndex.set(s, i);
    }
    return i;
  }

  /**
   * Walks the record's addresses (leaf first) beside its "#" lines: Go prints one or more lines
   * per address, each with that address minus one, and none for the addresses it hides.
   */
  addSample(
    values: number[],
    blockSize: number,
    pcs: string[],
    frames: Array<{ pc: string; fn?: string; file: string; line: number }>,
  ): void {
    let next = 0;
    for (const pc of pcs) {
      const address = Number(BigInt(pc) - 1n);
      const own: typeof frames = [];
      while (next < frames.length && Number(BigInt(frames[next].pc)) === address) {
        own.push(frames[next++]);
      }
      // Text without any "#" lines (older or non-Go writers) keeps every address, unnamed.
      if (own.length === 0 && frames.length > 0) continue;
      this.stackLocations.push(this.location(address, own));
    }
    this.stackOffsets.push(this.stackLocations.length);
    this.values.push(values);
    this.blockSizes.push(blockSize);
  }

  private location(address: number, frames: Array<{ fn?: string; file: string; line: number }>) {
    const key = `${address}`;
    let index = this.locationIndex.get(key);
    if (index !== undefined) return index;
    index = this.locations.address.length;
    this.locationIndex.set(key, index);
    this.locations.address.push(address);
    for (const frame of frames) {
      if (frame.fn === undefined) continue; // an unsymbolized PC: the location keeps no lines
      this.locations.lineFunction.push(this.function(frame.fn, frame.file));
      this.locations.lineNumber.push(frame.line);
    }
    this.locations.lineOffsets.push(this.locations.lineFunction.length);
    return index;
  }

  private function(name: string, file: string): number {
    const key = `${name}\n${file}`;
    let index = this.functionIndex.get(key);
    if (index === undefined) {
      index = this.functions.name.length;
      this.functionIndex.set(key, index);
      this.functions.name.push(this.intern(name));
      this.functions.filename.push(this.intern(file));
    }
    return index;
  }

  build(hasAlloc: boolean, rate: number): PprofModel {
    const typeNames = hasAlloc
      ? ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']
      : ['objects', 'space'];
    const sampleTypes = typeNames.map((t) => ({
      type: this.intern(t),
      unit: this.intern(t.endsWith('objects') ? 'count' : 'bytes'),
    }));
    const periodType = { type: this.intern('space'), unit: this.intern('bytes') };
    const bytesKey = this.intern('bytes');
    const n = this.values.length;
    const fnCount = this.functions.name.length;
    const locCount = this.locations.address.length;
    const sequence = (count: number) => Float64Array.from({ length: count }, (_, i) => i + 1);
    return {
      strings: this.strings,
      sampleTypes,
      defaultSampleType: 0,
      dropFrames: 0,
      keepFrames: 0,
      comments: [],
      timeNanos: 0,
      durationNanos: 0,
      period: rate,
      periodType,
      mappings: [],
      functions: {
        id: sequence(fnCount),
        name: Int32Array.from(this.functions.name),
        systemName: Int32Array.from(this.functions.name),
        filename: Int32Array.from(this.functions.filename),
        startLine: new Float64Array(fnCount),
      },
      locations: {
        id: sequence(locCount),
        mapping: new Int32Array(locCount).fill(-1),
        address: Float64Array.from(this.locations.address),
        isFolded: new Uint8Array(locCount),
        lineOffsets: Int32Array.from(this.locations.lineOffsets),
        lineFunction: Int32Array.from(this.locations.lineFunction),
        lineNumber: Float64Array.from(this.locations.lineNumber),
        lineColumn: new Float64Array(this.locations.lineNumber.length),
      },
      samples: {
        count: n,
        stackOffsets: Int32Array.from(this.stackOffsets),
        stackLocations: Int32Array.from(this.stackLocations),
        values: typeNames.map((_, t) => Float64Array.from(this.values, (v) => v[t])),
        labelOffsets: Int32Array.from({ length: n + 1 }, (_, i) => i),
        labelKey: new Int32Array(n).fill(bytesKey),
        labelString: new Int32Array(n),
        labelNumber: Float64Array.from(this.blockSizes),
        labelUnit: new Int32Array(n).fill(bytesKey),
      },
    };
  }
}
