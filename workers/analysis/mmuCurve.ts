import { UtilSeriesBuilder, type UtilSeries } from './mutatorUtilization';
import type { TimeWindow } from './timeWindow';
import { lastAtOrBefore } from './sortedSearch';

/**
 * Minimum mutator utilization per window size: for each size, the lowest mean mutator
 * utilization of any window of that size, and where the worst one starts.
 */
export interface MmuCurve {
  windowNs: Float64Array;
  mmu: Float64Array;
  /** Start of a worst window, and the series (P with perProc) it was found in. */
  worstStart: Float64Array;
  worstSeries: Int32Array;
}

/**
 * MMU for each window size (internal/trace/gc.go MMUCurve.MMU). A window longer than a series
 * is shortened to the series, as Go does. The candidates are the windows whose left or right
 * edge meets a utilization change: the windowed mean is piecewise linear between those
 * positions, so its minimum is at one of them. That is exact; bands of candidates whose lower
 * bound rules them out are skipped (seriesMmu).
 */
export function mmuCurve(series: UtilSeries[], windowNs: Float64Array): MmuCurve {
  const n = windowNs.length;
  const curve: MmuCurve = {
    windowNs: windowNs.slice(),
    mmu: new Float64Array(n).fill(1),
    worstStart: new Float64Array(n).fill(NaN),
    worstSeries: new Int32Array(n).fill(-1),
  };
  const sums = series.map(cumulativeSums);
  const grids = series.map(integralGrid);
  for (let w = 0; w < n; w++) {
    for (let s = 0; s < series.length; s++) {
      const [mmu, start] = seriesMmu(series[s], sums[s], grids[s], windowNs[w]);
      if (mmu < curve.mmu[w] || curve.worstSeries[w] < 0) {
        curve.mmu[w] = mmu;
        curve.worstStart[w] = start;
        curve.worstSeries[w] = s;
      }
    }
  }
  return curve;
}

/** Window sizes on a log scale, `perDecade` per factor of ten, from minNs to maxNs included. */
export function logWindowSizes(minNs: number, maxNs: number, perDecade = 10): Float64Array {
  if (!(maxNs > minNs)) return Float64Array.of(Math.max(minNs, maxNs));
  const steps = Math.ceil(Math.log10(maxNs / minNs) * perDecade);
  return Float64Array.from({ length: steps + 1 }, (_, i) =>
    i === steps ? maxNs : Math.round(minNs * 10 ** (i / perDecade)),
  );
}

/** The part of a utilization series inside the window, ending with a 0 like a whole series. */
export function clipUtilSeries(series: UtilSeries, window: TimeWindow): UtilSeries {
  const { time, level, levels } = series;
  const n = time.length;
  if (n === 0) return new UtilSeriesBuilder(0).finish();
  const from = Math.max(window.from ?? time[0], time[0]);
  const to = Math.min(window.to ?? time[n - 1], time[n - 1]);
  if (!(to > from)) return new UtilSeriesBuilder(0).finish();
  const first = pointAt(time, from);
  const end = firstWhere(n, (j) => time[j] >= to);
  const out = new UtilSeriesBuilder(end - first + 1);
  out.push(from, levels[level[first]]);
  for (let j = first + 1; j < end; j++) out.push(time[j], levels[level[j]]);
  out.push(to, 0);
  return out.finish();
}

/**
 * sums[k]: integral of the utilization from time[0] to time[k * sumStride]. Integrals at the
 * points between are summed on from there (integralTo), step by step in the same order, so they
 * come out bit for bit as if every point kept one: a 16th of the memory.
 */
function cumulativeSums({ time, level, levels }: UtilSeries): Float64Array {
  const n = time.length;
  const sums = new Float64Array(Math.ceil(n / sumStride));
  let sum = 0;
  for (let j = 1; j < n; j++) {
    sum += levels[level[j - 1]] * (time[j] - time[j - 1]);
    if (j % sumStride === 0) sums[j / sumStride] = sum;
  }
  return sums;
}

const sumStride = 16;

/** Integral of the utilization from time[0] to time[j], from the sums kept every sumStride. */
function integralTo({ time, level, levels }: UtilSeries, sums: Float64Array, j: number): number {
  const from = j - (j % sumStride);
  let sum = sums[from / sumStride];
  for (let m = from; m < j; m++) sum += levels[level[m]] * (time[m + 1] - time[m]);
  return sum;
}

/**
 * Integrals of a series at evenly spaced edges, about `pointsPerBand` points apart: every window
 * starting between two edges covers whole stretches between later edges, whose integrals bound
 * its mean from below. Made once per series, it serves every window size.
 */
interface IntegralGrid {
  width: number;
  /** Integral from the series' start to edge k (at time[0] + k * width), past its end too. */
  at: Float64Array;
  /** Room for the bounds of the bands of any window size, reused from one size to the next. */
  bound: Float64Array;
}

/** Series points per grid band: fewer bound tighter but cost more bounds per window size. */
const pointsPerBand = 16;

function integralGrid(series: UtilSeries): IntegralGrid {
  const { time, level, levels } = series;
  const n = time.length;
  if (n < 2) return { width: 0, at: new Float64Array(0), bound: new Float64Array(0) };
  const bands = Math.ceil(n / pointsPerBand);
  const width = (time[n - 1] - time[0]) / bands;
  // Two edges past the end: a window's last covered edge may round up onto them.
  const at = new Float64Array(bands + 3);
  let j = 0;
  let sum = 0; // integral to time[j]
  for (let k = 0; k < at.length; k++) {
    const t = time[0] + k * width;
    for (; j + 1 < n && time[j + 1] <= t; j++) sum += levels[level[j]] * (time[j + 1] - time[j]);
    at[k] = sum + levels[level[j]] * (t - time[j]);
  }
  return { width, at, bound: new Float64Array(at.length) };
}

/**
 * [mmu, start of a worst window] of one series: the lowest window mean, at the earliest start
 * that has it. Candidate starts are taken band by band on the grid, and a band is scanned only
 * if its lower bound is not above the best mean found so far; the band with the lowest bound
 * goes first, so on most sizes little of the trace is scanned (internal/trace/gc.go bands its
 * series for the same reason). Windows too short to cover whole bands are all scanned.
 */
function seriesMmu(
  series: UtilSeries,
  sums: Float64Array,
  grid: IntegralGrid,
  window: number,
): [number, number] {
  const { time } = series;
  const n = time.length;
  if (n < 2) return [1, NaN];
  const w = windowLength(series, window);
  const first = time[0];
  // Grid bands inside every window that starts in one band, less one for rounding at edges.
  const covered = Math.floor(w / grid.width) - 1;
  if (!(covered >= 2)) return scanMmu(new WindowScan(series, window), first);

  const latest = time[n - 1] - w;
  const bands = Math.floor((latest - first) / grid.width) + 1;
  const edge = (k: number) => first + k * grid.width;
  // Integrals carry rounding; a bound a hair too high could skip the band holding the answer,
  // so bounds are lowered by more than the rounding of the largest integral. No window's mean
  // is below 0 (scans clamp rounding there), so no bound need be either.
  const slack = (8 * Number.EPSILON * (integralTo(series, sums, n - 1) + 1)) / w;
  const { bound } = grid;
  let lowest = 0;
  for (let k = 0; k < bands - 1; k++) {
    bound[k] = Math.max(0, (grid.at[k + covered] - grid.at[k + 1]) / w - slack);
    if (bound[k] < bound[lowest]) lowest = k;
  }
  // The last band takes every start up to the latest, wherever rounding put its edges: its
  // bound is 0 and it is always scanned.
  bound[bands - 1] = 0;
  let best = Infinity;
  let bestStart = first;
  const scanBand = (k: number) => {
    const to = k === bands - 1 ? Infinity : edge(k + 1);
    const scan = new WindowScan(series, window, { from: edge(k), to, sums });
    while (scan.next()) {
      if (scan.mean < best || (scan.mean === best && scan.start < bestStart)) {
        best = scan.mean;
        bestStart = scan.start;
      }
      if (scan.mean === 0) break;
    }
  };
  scanBand(lowest);
  for (let k = 0; k < bands; k++) {
    // A band bounded by the best mean can only tie it, and ties go to the earliest start.
    if (k === lowest || bound[k] > best || (bound[k] === best && edge(k) >= bestStart)) continue;
    scanBand(k);
  }
  return [Math.max(0, Math.min(1, best)), bestStart];
}

/** [mmu, start of a worst window] from every window a scan tries, in time order. */
function scanMmu(scan: WindowScan, first: number): [number, number] {
  let best = Infinity;
  let bestStart = first;
  while (best > 0 && scan.next()) {
    if (scan.mean < best) {
      best = scan.mean;
      bestStart = scan.start;
    }
  }
  return [Math.max(0, Math.min(1, best)), bestStart];
}

/** The first index in [0, n) where a monotone test holds, n if none. */
function firstWhere(n: number, holds: (j: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the last point at or before t (0 if none is). */
function pointAt(time: Float64Array, t: number): number {
  return Math.max(0, lastAtOrBefore(time, t));
}

/**
 * Walks the windows of a size whose left or right edge meets a utilization change, in start
 * order: each `next()` moves to the next one and sets `start` and `mean`. The windowed mean is
 * piecewise linear between those starts, so its extremes are among them. A window longer than
 * the series is shortened to it, as in Go (windowLength). Given a band, only starts in
 * [from, to) are tried; the series' cumulativeSums give the integrals where the band begins.
 */
export class WindowScan {
  start = NaN;
  mean = NaN;
  private readonly w: number;
  private readonly latest: number;
  // Next left-edge and right-edge candidates, the points at or before the current edges, and
  // the integrals up to those points.
  private a = 0;
  private b = 0;
  private leftPos = 0;
  private rightPos = 0;
  private leftSum = 0;
  private rightSum = 0;

  private readonly to: number;

  constructor(
    private readonly series: UtilSeries,
    window: number,
    band?: { from: number; to: number; sums: Float64Array },
  ) {
    const { time } = series;
    const n = time.length;
    const from = band?.from ?? -Infinity;
    this.to = band?.to ?? Infinity;
    this.w = windowLength(series, window);
    this.latest = n > 0 ? time[n - 1] - this.w : -Infinity;
    if (band === undefined || n === 0 || !(from > time[0])) {
      while (this.b < n && time[this.b] - this.w < time[0]) this.b++;
      return;
    }
    // The same candidates a scan from the series' start reaches by walking, found by search.
    this.a = firstWhere(n, (j) => time[j] >= from);
    this.b = firstWhere(n, (j) => time[j] - this.w >= from);
    this.leftPos = pointAt(time, from);
    this.rightPos = pointAt(time, from + this.w);
    this.leftSum = integralTo(series, band.sums, this.leftPos);
    this.rightSum = integralTo(series, band.sums, this.rightPos);
  }

  next(): boolean {
    const { time, level, levels } = this.series;
    const n = time.length;
    const w = this.w;
    if (w <= 0) {
      // A series of one instant has one window: its start, with no mutator time.
      if (this.a > 0 || n < 2) return false;
      this.a = 1;
      this.start = time[0];
      this.mean = 0;
      return true;
    }
    // Merge the two candidate lists: left edges on changes, and right edges on changes. Both
    // window edges only move forward, so the integrals up to them are found by walking on.
    const left = this.a < n && time[this.a] <= this.latest ? time[this.a] : Infinity;
    const right = this.b < n ? time[this.b] - w : Infinity;
    const start = Math.min(left, right);
    if (start === Infinity || start >= this.to) return false;
    if (start === left) this.a++;
    if (start === right) this.b++;
    const end = start + w;
    let { leftPos, rightPos, leftSum, rightSum } = this;
    for (; rightPos + 1 < n && time[rightPos + 1] <= end; rightPos++) {
      rightSum += levels[level[rightPos]] * (time[rightPos + 1] - time[rightPos]);
    }
    for (; leftPos + 1 < n && time[leftPos + 1] <= start; leftPos++) {
      leftSum += levels[level[leftPos]] * (time[leftPos + 1] - time[leftPos]);
    }
    this.leftPos = leftPos;
    this.rightPos = rightPos;
    this.leftSum = leftSum;
    this.rightSum = rightSum;
    const rightIntegral = rightSum + levels[level[rightPos]] * (end - time[rightPos]);
    const leftIntegral = leftSum + levels[level[leftPos]] * (start - time[leftPos]);
    this.start = start;
    // Rounding can leave a hair below zero where the mutator had none: that is zero.
    this.mean = Math.max(0, (rightIntegral - leftIntegral) / w);
    return true;
  }
}

/** The length windows of a size have in a series: the size, or the series' span if shorter. */
export function windowLength({ time }: UtilSeries, window: number): number {
  return time.length < 2 ? 0 : Math.min(window, time[time.length - 1] - time[0]);
}
