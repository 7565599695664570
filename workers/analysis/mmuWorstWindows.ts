import { windowLength, WindowScan } from './mmuCurve';
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
 * windows apart. Candidates are the windows mmuCurve tries, ties going to the earlier series
 * and start. One pass keeps the `retained` lowest candidates and picks among them; when that
 * cannot be shown to be the answer (the picks reach the lowest one left out), one pass per pick.
 */
export function mmuWorstWindows(
  series: UtilSeries[],
  windowNs: number,
  count: number,
  retained = 1024,
): MmuWindows {
  const picks =
    pickFromLowest(series, windowNs, count, retained) ?? pickByPasses(series, windowNs, count);
  return {
    windowNs,
    start: Float64Array.from(picks.start),
    durationNs: Float64Array.from(picks.duration),
    util: Float64Array.from(picks.util, (u) => Math.max(0, Math.min(1, u))),
    series: Int32Array.from(picks.series),
  };
}

class Picks {
  start: number[] = [];
  duration: number[] = [];
  util: number[] = [];
  series: number[] = [];

  /** Whether [from, from + length) meets a window taken; a zero length still takes its instant. */
  overlaps(from: number, length: number): boolean {
    const to = from + Math.max(length, 1e-9);
    for (let k = 0; k < this.start.length; k++) {
      if (from < this.start[k] + Math.max(this.duration[k], 1e-9) && this.start[k] < to) {
        return true;
      }
    }
    return false;
  }

  add(start: number, duration: number, util: number, series: number): void {
    this.start.push(start);
    this.duration.push(duration);
    this.util.push(util);
    this.series.push(series);
  }
}

/** Greedy picks among the `retained` lowest candidates, or undefined if that may be wrong. */
function pickFromLowest(
  series: UtilSeries[],
  windowNs: number,
  count: number,
  retained: number,
): Picks | undefined {
  // A max-heap on the mean of the lowest candidates seen, and the lowest mean left out.
  const mean = new Float64Array(retained);
  const start = new Float64Array(retained);
  const seriesOf = new Int32Array(retained);
  let size = 0;
  let leftOut = Infinity;
  for (let s = 0; s < series.length; s++) {
    const scan = new WindowScan(series[s], windowNs);
    while (scan.next()) {
      if (size < retained) {
        siftUp(mean, start, seriesOf, size++, scan.mean, scan.start, s);
      } else if (mean[0] <= 0) {
        // Full of windows with no mutator time: passes that stop at the first free one win.
        return undefined;
      } else if (scan.mean < mean[0]) {
        leftOut = Math.min(leftOut, mean[0]);
        siftDown(mean, start, seriesOf, size, scan.mean, scan.start, s);
      } else {
        leftOut = Math.min(leftOut, scan.mean);
      }
    }
  }
  const order = Array.from({ length: size }, (_, i) => i).sort(
    (a, b) => mean[a] - mean[b] || seriesOf[a] - seriesOf[b] || start[a] - start[b],
  );
  const picks = new Picks();
  for (const i of order) {
    if (picks.start.length === count) break;
    const length = windowLength(series[seriesOf[i]], windowNs);
    if (!picks.overlaps(start[i], length)) picks.add(start[i], length, mean[i], seriesOf[i]);
  }
  // Anything left out is no lower than leftOut: below it, the picks are the answer.
  const last = picks.util[picks.util.length - 1] ?? -Infinity;
  const settled = leftOut === Infinity || (picks.start.length === count && last < leftOut);
  return settled ? picks : undefined;
}

/** One pass over every candidate per pick: the lowest that overlaps no window taken. */
function pickByPasses(series: UtilSeries[], windowNs: number, count: number): Picks {
  const picks = new Picks();
  while (picks.start.length < count) {
    let best = Infinity;
    let bestStart = NaN;
    let bestLength = 0;
    let bestSeries = -1;
    // Nothing is below zero: a series' first free window with none ends its scan, and later
    // series cannot beat it.
    for (let s = 0; s < series.length && best > 0; s++) {
      let found = Infinity;
      let foundStart = NaN;
      const length = windowLength(series[s], windowNs);
      const scan = new WindowScan(series[s], windowNs);
      while (found > 0 && scan.next()) {
        if (scan.mean < found && !picks.overlaps(scan.start, length)) {
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
    picks.add(bestStart, bestLength, best, bestSeries);
  }
  return picks;
}

function siftUp(
  mean: Float64Array,
  start: Float64Array,
  series: Int32Array,
  at: number,
  m: number,
  t: number,
  s: number,
): void {
  let i = at;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (mean[parent] >= m) break;
    mean[i] = mean[parent];
    start[i] = start[parent];
    series[i] = series[parent];
    i = parent;
  }
  mean[i] = m;
  start[i] = t;
  series[i] = s;
}

/** Replaces the heap's top (its highest mean) and restores the order. */
function siftDown(
  mean: Float64Array,
  start: Float64Array,
  series: Int32Array,
  size: number,
  m: number,
  t: number,
  s: number,
): void {
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= size) break;
    const right = left + 1;
    const child = right < size && mean[right] > mean[left] ? right : left;
    if (mean[child] <= m) break;
    mean[i] = mean[child];
    start[i] = start[child];
    series[i] = series[child];
    i = child;
  }
  mean[i] = m;
  start[i] = t;
  series[i] = s;
}
