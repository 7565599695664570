import { pauseStats, type PauseStats } from '../stats/pauseStats';
import type { GcCycles, GctraceModel } from './decodeGctrace';
import type { ScavengerSeries } from './scavengerLines';

export interface GctraceSummary {
  cycles: number;
  forced: number;
  /** Both stop-the-world pauses of every cycle (sweep termination and mark termination). */
  stw: PauseStats;
  peakHeapBytes: number;
  /** The runtime's own GC CPU share since program start, as printed on the last gc line. */
  avgGcCpuPercent: number;
  otherLines: number;
}

/** The fields gctrace adds to `summarize --json`. */
export function summarizeGctrace(model: GctraceModel): GctraceSummary {
  const c = model.cycles;
  const n = c.number.length;
  let forced = 0;
  let peakHeapBytes = 0;
  for (let i = 0; i < n; i++) {
    forced += c.forced[i];
    peakHeapBytes = Math.max(peakHeapBytes, c.heapStartBytes[i], c.heapEndBytes[i]);
  }
  return {
    cycles: n,
    forced,
    stw: pauseStats(stwPausesNs(c)),
    peakHeapBytes,
    avgGcCpuPercent: n > 0 ? c.gcCpuPercent[n - 1] : 0,
    otherLines: model.otherLineNumbers.length,
  };
}

/** The two STW pauses of each cycle in log order: sweep termination, then mark termination. */
export function stwPausesNs(c: GcCycles): Float64Array {
  const n = c.number.length;
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = c.clockSweepTermNs[i];
    out[2 * i + 1] = c.clockMarkTermNs[i];
  }
  return out;
}

/** `cycles()`: every per-cycle column, as new arrays the UI may take ownership of. */
export function cyclesQuery(model: GctraceModel): GcCycles {
  return copyColumns(model.cycles);
}

/** `scavenger()`: the scavenger series, as new arrays. */
export function scavengerQuery(model: GctraceModel): ScavengerSeries {
  return copyColumns(model.scavenger);
}

export interface OtherLinesPage {
  total: number;
  lines: Array<{ line: number; text: string }>;
}

/** `otherLines({offset, limit})`: a page of the non-gc lines with their line numbers. */
export function otherLinesQuery(
  model: GctraceModel,
  args: { offset?: number; limit?: number } = {},
): OtherLinesPage {
  const total = model.otherLineNumbers.length;
  const from = Math.max(0, Math.min(total, args.offset ?? 0));
  const to = Math.min(total, from + Math.max(0, args.limit ?? 100));
  const lines: OtherLinesPage['lines'] = [];
  const offsets = model.otherTextOffsets;
  for (let i = from; i < to; i++) {
    lines.push({
      line: model.otherLineNumbers[i],
      text: model.otherText.slice(offsets[i], offsets[i + 1]),
    });
  }
  return { total, lines };
}

function copyColumns<T extends object>(columns: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(columns)) {
    out[key] = ArrayBuffer.isView(value) ? (value as Float64Array).slice() : value;
  }
  return out as T;
}
