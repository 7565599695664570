import { cumulativeSums, windowLength, WindowScan } from './mmuCurve';
import type { UtilSeries } from './mutatorUtilization';

/** The worst windows of one size, worst first: what `go tool trace`'s MMU page lists. */
export interface MmuWindows {
  /** The size asked for. */
  windowNs: number;
  start: Float64Array;
  /** The window's length: the size, or less where a series is shorter (Go cuts it likewise). */
  durationNs: Float64Array;
  /** Mean mutator utilization in the window. */
  util: Float64Array;
  /** The series (P with perProc) the window was found in. */
  series: Int32Array;
}

/**
 * The `count` worst non-overlapping windows of a size, across all series: the worst window
 * first (its utilization is the MMU curve's value at that size), then the worst that overlaps
 * none taken so far, and so on, as internal/trace/gc.go's MMUCurve.Examples keeps its worst
 * windows apart. Candidates are the windows mmuCurve tries; each pick is one linear pass.
 */
export function mmuWorstWindows(series: UtilSeries[], windowNs: number, count: number): MmuWindows {
  const sums = series.map(cumulativeSums);
  const start: number[] = [];
  const duration: number[] = [];
  const util: number[] = [];
  const seriesOf: number[] = [];
  const overlapsTaken = (from: number, to: number) => {
    for (let k = 0; k < start.length; k++) {
      if (from < start[k] + Math.max(duration[k], 1e-9) && start[k] < to) return true;
    }
    return false;
  };
  while (start.length < count) {
    let best = Infinity;
    let bestStart = NaN;
    let bestLength = 0;
    let bestSeries = -1;
    for (let s = 0; s < series.length; s++) {
      let found = Infinity;
      let foundStart = NaN;
      const length = windowLength(series[s], windowNs);
      const scan = new WindowScan(series[s], sums[s], windowNs);
      while (scan.next()) {
        // A zero-length window (a series of one instant) still takes its instant.
        if (scan.mean < found && !overlapsTaken(scan.start, scan.start + Math.max(length, 1e-9))) {
          found = scan.mean;
          foundStart = scan.start;
        }
      }
      if (found < best) {
        best = found;
        bestStart = foundStart;
        bestLength = length;
        bestSeries = s;
      }
    }
    if (bestSeries < 0) break;
    start.push(bestStart);
    duration.push(bestLength);
    util.push(Math.max(0, Math.min(1, best)));
    seriesOf.push(bestSeries);
  }
  return {
    windowNs,
    start: Float64Array.from(start),
    durationNs: Float64Array.from(duration),
    util: Float64Array.from(util),
    series: Int32Array.from(seriesOf),
  };
}
