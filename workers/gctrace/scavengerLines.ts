/**
 * The scavenger's lines (GODEBUG=scavtrace=1 or gctrace), one row per line, NaN where a Go
 * version does not print a field. Sizes are bytes (the runtime prints KiB or MB, both binary).
 */
export interface ScavengerSeries {
  /** Which line shape: 0 `scav …` (Go 1.14+), 1 `scvgN: inuse: …` (older), 2 `scvgN: X MB released`. */
  kind: Uint8Array;
  /** The gc cycle number printed last before this line (0 before the first gc line). */
  afterCycle: Int32Array;
  /** Memory returned to the OS by this scavenger round: background work (all of it before 1.19). */
  workBgBytes: Float64Array;
  /** Eager (allocation-time) scavenging, Go 1.19+. */
  workEagerBytes: Float64Array;
  /** Heap memory released to the OS so far ("KiB now", "KiB total", or scvg's "released"). */
  releasedBytes: Float64Array;
  /** In-use heap as a share of retained heap. */
  utilPercent: Float64Array;
  /** scvg lines: inuse, idle, sys and consumed MB. */
  inuseBytes: Float64Array;
  idleBytes: Float64Array;
  sysBytes: Float64Array;
  consumedBytes: Float64Array;
  forced: Uint8Array;
  controllerReset: Uint8Array;
  line: Int32Array;
}

export interface ScavengerLine {
  kind: number;
  workBgBytes: number;
  workEagerBytes: number;
  releasedBytes: number;
  utilPercent: number;
  inuseBytes: number;
  idleBytes: number;
  sysBytes: number;
  consumedBytes: number;
  forced: boolean;
  controllerReset: boolean;
}

const kib = 1024;
const mib = 1024 * 1024;

// runtime/mgcscavenge.go printScavTrace:
//   Go 1.19+   "scav W KiB work (bg), E KiB work (eager), N KiB now, U% util"
//   Go 1.17/18 "scav W KiB work, N KiB total, U% util"; 1.14–1.16 put a generation number first.
// Each may end in " (forced)" or " [controller reset]".
const scavPattern =
  /(?:^|\s)scav (?:\d+ )?(\d+) KiB work(?: \(bg\), (\d+) KiB work \(eager\))?, (\d+) KiB (?:now|total), (\d+)% util( \(forced\))?( \[controller reset\])?/;
// Before Go 1.13 (runtime/mheap.go scavenge): a summary line and a "released" line.
const scvgSummaryPattern =
  /(?:^|\s)scvg\d+: inuse: (\d+), idle: (\d+), sys: (\d+), released: (\d+), consumed: (\d+) \(MB\)/;
const scvgReleasedPattern = /(?:^|\s)scvg\d+: (\d+) MB released/;

/** Reads one scavenger line, or returns undefined when the line is something else. */
export function parseScavengerLine(line: string): ScavengerLine | undefined {
  const blank: ScavengerLine = {
    kind: 0,
    workBgBytes: NaN,
    workEagerBytes: NaN,
    releasedBytes: NaN,
    utilPercent: NaN,
    inuseBytes: NaN,
    idleBytes: NaN,
    sysBytes: NaN,
    consumedBytes: NaN,
    forced: false,
    controllerReset: false,
  };
  let m = scavPattern.exec(line);
  if (m) {
    return {
      ...blank,
      workBgBytes: Number(m[1]) * kib,
      workEagerBytes: m[2] === undefined ? NaN : Number(m[2]) * kib,
      releasedBytes: Number(m[3]) * kib,
      utilPercent: Number(m[4]),
      forced: !!m[5],
      controllerReset: !!m[6],
    };
  }
  m = scvgSummaryPattern.exec(line);
  if (m) {
    return {
      ...blank,
      kind: 1,
      inuseBytes: Number(m[1]) * mib,
      idleBytes: Number(m[2]) * mib,
      sysBytes: Number(m[3]) * mib,
      releasedBytes: Number(m[4]) * mib,
      consumedBytes: Number(m[5]) * mib,
    };
  }
  m = scvgReleasedPattern.exec(line);
  if (m) return { ...blank, kind: 2, workBgBytes: Number(m[1]) * mib };
  return undefined;
}

/** Collects scavenger lines in log order and turns them into columns. */
export class ScavengerBuilder {
  private rows: Array<{ parsed: ScavengerLine; line: number; afterCycle: number }> = [];

  /** Adds the line if it is a scavenger line; says whether it was. */
  add(parsed: ScavengerLine | undefined, line: number, afterCycle: number): boolean {
    if (!parsed) return false;
    this.rows.push({ parsed, line, afterCycle });
    return true;
  }

  build(): ScavengerSeries {
    const rows = this.rows;
    const column = (key: keyof ScavengerLine) =>
      Float64Array.from(rows, (r) => r.parsed[key] as number);
    return {
      kind: Uint8Array.from(rows, (r) => r.parsed.kind),
      afterCycle: Int32Array.from(rows, (r) => r.afterCycle),
      workBgBytes: column('workBgBytes'),
      workEagerBytes: column('workEagerBytes'),
      releasedBytes: column('releasedBytes'),
      utilPercent: column('utilPercent'),
      inuseBytes: column('inuseBytes'),
      idleBytes: column('idleBytes'),
      sysBytes: column('sysBytes'),
      consumedBytes: column('consumedBytes'),
      forced: Uint8Array.from(rows, (r) => (r.parsed.forced ? 1 : 0)),
      controllerReset: Uint8Array.from(rows, (r) => (r.parsed.controllerReset ? 1 : 0)),
      line: Int32Array.from(rows, (r) => r.line),
    };
  }
}
