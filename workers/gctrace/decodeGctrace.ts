import { DecodeError } from '../decodeError';
import { noProgress, type ProgressReporter } from '../progress';
import { parseScavengerLine, ScavengerBuilder, type ScavengerSeries } from './scavengerLines';

/**
 * One column per field of the gc line, one row per cycle, in log order. Times are ns, sizes bytes.
 * The runtime prints sizes as `bytes >> 20` ("MB" is MiB, truncated), so bytes are multiples of
 * 1 MiB; phase times are rounded to two significant digits (runtime/mgc.go fmtNSAsMS).
 */
export interface GcCycles {
  /** `gc N`: the runtime's cycle number (memstats.numgc). */
  number: Int32Array;
  /** `@Ts`: time since program start at sweep termination. */
  startNs: Float64Array;
  /** `P%`: GC share of available CPU since program start (cumulative, truncated to an integer). */
  gcCpuPercent: Float64Array;
  /** Wall-clock phases: STW sweep termination, concurrent mark and scan, STW mark termination. */
  clockSweepTermNs: Float64Array;
  clockMarkNs: Float64Array;
  clockMarkTermNs: Float64Array;
  /** CPU split: STW sweep termination, mark assist, background (dedicated+fractional), idle, STW mark termination. */
  cpuSweepTermNs: Float64Array;
  cpuAssistNs: Float64Array;
  cpuBackgroundNs: Float64Array;
  cpuIdleNs: Float64Array;
  cpuMarkTermNs: Float64Array;
  /** `X->Y->Z MB`: heap at GC start, at GC end, and live (marked) heap. */
  heapStartBytes: Float64Array;
  heapEndBytes: Float64Array;
  heapLiveBytes: Float64Array;
  heapGoalBytes: Float64Array;
  /** Scannable stacks and globals; NaN on lines from before Go 1.18, which lack them. */
  stacksBytes: Float64Array;
  globalsBytes: Float64Array;
  /** `N P`: GOMAXPROCS. */
  procs: Int32Array;
  /** 1 when the line ends in "(forced)" (runtime.GC()). */
  forced: Uint8Array;
  /** 1 when the line says "(checking for goroutine leaks)" (Go 1.26 leak detection). */
  leakCheck: Uint8Array;
  /** 1-based line number in the input. */
  line: Int32Array;
}

export interface GctraceModel {
  cycles: GcCycles;
  scavenger: ScavengerSeries;
  /** Lines that are neither gc nor scavenger lines (blank lines are not counted). */
  otherLineNumbers: Int32Array;
  /** Their text, concatenated; line i is otherText.slice(otherTextOffsets[i], otherTextOffsets[i + 1]). */
  otherText: string;
  otherTextOffsets: Int32Array;
  warnings: string[];
}

const num = String.raw`(\d+(?:\.\d+)?)`;
const int = String.raw`(\d+)`;
// runtime/mgc.go gcMarkTermination. Go 1.18 added "MB stacks" and "MB globals"; Go 1.26 may add
// "(checking for goroutine leaks)" after the percentage. Anything after "N P" (a closing quote
// of a JSON log record, say) is ignored.
const gcLinePattern = new RegExp(
  String.raw`^gc ${int} @${num}s ${int}%( \(checking for goroutine leaks\))?: ` +
    String.raw`${num}\+${num}\+${num} ms clock, ` +
    String.raw`${num}\+${num}/${num}/${num}\+${num} ms cpu, ` +
    String.raw`${int}->${int}->${int} MB, ${int} MB goal, ` +
    String.raw`(?:${int} MB stacks, ${int} ?MB globals, )?${int} P( \(forced\))?`,
);
/** Where a gc line starts after any log prefix (timestamp, pod name, JSON field…). */
const gcStartPattern = /(?:^|[^\w.])(gc \d+ @)/;

const mib = 1024 * 1024;
const msToNs = (ms: string) => Math.round(Number(ms) * 1e6);

/**
 * Reads a GODEBUG=gctrace=1 log: gc lines become per-cycle columns, scavenger lines (scav/scvg)
 * their own series, and every other line is kept aside, counted and retrievable.
 */
export function decodeGctrace(
  bytes: Uint8Array,
  progress: ProgressReporter = noProgress,
): GctraceModel {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const lines = text.split('\n');
  const endsWithNewline = text.endsWith('\n');
  if (endsWithNewline) lines.pop();

  const rows: number[][] = [];
  const flags: Array<{ forced: boolean; leakCheck: boolean; line: number }> = [];
  const scavenger = new ScavengerBuilder();
  const otherLineNumbers: number[] = [];
  const otherParts: string[] = [];
  const warnings: string[] = [];
  let lastCycle = 0;

  for (let i = 0; i < lines.length; i++) {
    if (i % 4096 === 0) progress('Reading gctrace lines', i / lines.length);
    const raw = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    const lineNumber = i + 1;
    const isLastAndCut = i === lines.length - 1 && !endsWithNewline;
    const start = gcStartPattern.exec(raw);
    if (start) {
      const body = raw.slice(start.index + start[0].length - start[1].length);
      const match = gcLinePattern.exec(body);
      if (match) {
        rows.push(cycleRow(match));
        flags.push({ forced: !!match[20], leakCheck: !!match[4], line: lineNumber });
        lastCycle = Number(match[1]);
        continue;
      }
      warnings.push(
        isLastAndCut
          ? `line ${lineNumber}: the last gc line is cut short (the log looks truncated); it was skipped`
          : `line ${lineNumber}: gc line with unreadable fields was skipped: "${clip(raw)}"`,
      );
    } else if (scavenger.add(parseScavengerLine(raw), lineNumber, lastCycle)) {
      continue;
    } else if (raw.trim() === '') {
      continue;
    }
    otherLineNumbers.push(lineNumber);
    otherParts.push(raw);
  }
  progress('Reading gctrace lines', 1);

  if (rows.length === 0) {
    throw new DecodeError(
      'gctrace',
      { line: 1 },
      'gc lines ("gc N @Ts P%: … ms clock, … ms cpu, …")',
      `no gc lines in ${lines.length} lines`,
    );
  }
  const offsets = new Int32Array(otherParts.length + 1);
  for (let k = 0; k < otherParts.length; k++) offsets[k + 1] = offsets[k] + otherParts[k].length;
  return {
    cycles: cyclesFromRows(rows, flags),
    scavenger: scavenger.build(),
    otherLineNumbers: Int32Array.from(otherLineNumbers),
    otherText: otherParts.join(''),
    otherTextOffsets: offsets,
    warnings,
  };
}

/** The numeric fields of a matched gc line, in GcCycles column order (NaN when absent). */
function cycleRow(m: RegExpExecArray): number[] {
  const optionalMiB = (s: string | undefined) => (s === undefined ? NaN : Number(s) * mib);
  return [
    Number(m[1]),
    Math.round(Number(m[2]) * 1e9),
    Number(m[3]),
    ...[5, 6, 7, 8, 9, 10, 11, 12].map((g) => msToNs(m[g])),
    ...[13, 14, 15, 16].map((g) => Number(m[g]) * mib),
    optionalMiB(m[17]),
    optionalMiB(m[18]),
    Number(m[19]),
  ];
}

function cyclesFromRows(
  rows: number[][],
  flags: Array<{ forced: boolean; leakCheck: boolean; line: number }>,
): GcCycles {
  const column = (k: number) => Float64Array.from(rows, (r) => r[k]);
  return {
    number: Int32Array.from(rows, (r) => r[0]),
    startNs: column(1),
    gcCpuPercent: column(2),
    clockSweepTermNs: column(3),
    clockMarkNs: column(4),
    clockMarkTermNs: column(5),
    cpuSweepTermNs: column(6),
    cpuAssistNs: column(7),
    cpuBackgroundNs: column(8),
    cpuIdleNs: column(9),
    cpuMarkTermNs: column(10),
    heapStartBytes: column(11),
    heapEndBytes: column(12),
    heapLiveBytes: column(13),
    heapGoalBytes: column(14),
    stacksBytes: column(15),
    globalsBytes: column(16),
    procs: Int32Array.from(rows, (r) => r[17]),
    forced: Uint8Array.from(flags, (f) => (f.forced ? 1 : 0)),
    leakCheck: Uint8Array.from(flags, (f) => (f.leakCheck ? 1 : 0)),
    line: Int32Array.from(flags, (f) => f.line),
  };
}

function clip(line: string): string {
  return line.length > 120 ? `${line.slice(0, 120)}…` : line;
}
