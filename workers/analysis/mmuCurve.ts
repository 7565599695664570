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
  const grids = series.map(integralGrid);
  for (let w = 0; w < n; w++) {
    for (let s = 0; s < series.length; s++) {
      const [mmu, start] = seriesMmu(series[s], grids[s], windowNs[w]);
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
 * Integrals of a series at evenly spaced edges, about `pointsPerBand` points apart: every window
 * starting between two edges covers whole stretches between later edges, whose integrals bound
 * its mean from below. The points at the edges are where scans of a band start. Made once per
 * series, it serves every window size.
 */
interface IntegralGrid {
  width: number;
  /** Integral from the series' start to edge k (at time[0] + k * width), past its end too. */
  at: Float64Array;
  /**
   * The last point at or before edge k, and the integral to that point, summed step by step from
   * the start as WindowScan sums on: the scans' integrals come out the same bit for bit wherever
   * they start.
   */
  point: Int32Array;
  pointSum: Float64Array;
  /** Integral over the whole series. */
  total: number;
}

/**
 * Series points per grid band. Fewer bound tighter, but make a larger grid, written for every
 * curve; more make longer band scans, and more window sizes too short to be banded.
 */
const pointsPerBand = 64;

function integralGrid(series: UtilSeries): IntegralGrid {
  const { time, level, levels } = series;
  const n = time.length;
  // Two edges past the end: a window's last covered edge may round up onto them.
  const edges = n < 2 ? 0 : Math.ceil(n / pointsPerBand) + 3;
  const width = n < 2 ? 0 : (time[n - 1] - time[0]) / (edges - 3);
  const at = new Float64Array(edges);
  const point = new Int32Array(edges);
  const pointSum = new Float64Array(edges);
  let j = 0;
  let sum = 0; // integral to time[j]
  for (let k = 0; k < edges; k++) {
    const t = time[0] + k * width;
    for (; j + 1 < n && time[j + 1] <= t; j++) sum = sumOn(sum, series, j);
    point[k] = j;
    pointSum[k] = sum;
    at[k] = sum + levels[level[j]] * (t - time[j]);
  }
  for (; j + 1 < n; j++) sum = sumOn(sum, series, j);
  return { width, at, point, pointSum, total: sum };
}

/** The integral to point j + 1 from the one to point j: every integral is summed on so. */
function sumOn(sum: number, { time, level, levels }: UtilSeries, j: number): number {
  return sum + levels[level[j]] * (time[j + 1] - time[j]);
}

/**
 * [mmu, start of a worst window] of one series: the lowest window mean, at the earliest start
 * that has it. Candidate starts are taken band by band on the grid, and a band is scanned only
 * if its lower bound is not above the best mean found so far; the band with the lowest bound
 * goes first, so on most sizes little of the trace is scanned (internal/trace/gc.go bands its
 * series for the same reason). Windows too short to cover whole bands are all scanned.
 */
function seriesMmu(series: UtilSeries, grid: IntegralGrid, window: number): [number, number] {
  const { time } = series;
  const n = time.length;
  if (n < 2) return [1, NaN];
  const w = windowLength(series, window);
  const first = time[0];
  // Grid bands inside every window that starts in one band, less one for rounding at edges.
  const covered = Math.floor(w / grid.width) - 1;
  if (!(covered >= 2)) return scanMmu(new WindowScan(series, window), first);

  const latest = time[n - 1] - w;
  const { width, at } = grid;
  const bands = Math.floor((latest - first) / width) + 1;
  const last = bands - 1;
  // Bounds are integrals, w times a mean: no division per band. Integrals carry rounding; a
  // bound a hair too high could skip the band holding the answer, so bounds are lowered by more
  // than the rounding of the largest integral and of w times a mean. No window's mean is below
  // 0 (scans clamp rounding there), so no bound need be either.
  const slack = 16 * Number.EPSILON * (grid.total + 1);
  /**
   * A lower bound of w times the mean of the windows starting in bands [k, k + count): the
   * integral between the edges they all cover. The last band takes every start up to the
   * latest, wherever rounding put its edges: its bound is 0, and it is always scanned.
   */
  const bound = (k: number, count: number) =>
    k + count > last ? 0 : Math.max(0, at[k + covered] - at[k + count] - slack);
  let best = Infinity;
  let bestStart = first;
  // Bands bounded by the best mean can only tie it, and ties go to the earliest start.
  const ruledOut = (floor: number, k: number) =>
    floor > best * w || (floor === best * w && first + k * width >= bestStart);
  const scanBand = (k: number) => {
    // Window ends start from a covered edge, at least a band short of any window's end.
    const right = k + covered - 1;
    const scan = new WindowScan(series, window, {
      from: first + k * width,
      to: k === last ? Infinity : first + (k + 1) * width,
      leftPos: grid.point[k],
      leftSum: grid.pointSum[k],
      rightPos: grid.point[right],
      rightSum: grid.pointSum[right],
    });
    while (scan.next()) {
      if (scan.mean < best || (scan.mean === best && scan.start < bestStart)) {
        best = scan.mean;
        bestStart = scan.start;
      }
      if (scan.mean === 0) break;
    }
  };
  // Bands go in groups, bounded by the edges all of a group's windows cover, so most are
  // ruled out a group at a time. A group spans at most a quarter of the covered bands: its
  // bound is nearly as tight as its bands'.
  const group = Math.max(1, Math.min(maxGroup, covered >> 2));
  // The band with the lowest bound but the last goes first, so on most sizes little of the
  // trace is scanned.
  let seed = last;
  let seedBound = Infinity;
  for (let g = 0; g < last; g += group) {
    const end = Math.min(g + group, last);
    if (bound(g, end - g) >= seedBound) continue;
    for (let k = g; k < end; k++) {
      const b = bound(k, 1);
      if (b < seedBound) {
        seed = k;
        seedBound = b;
      }
    }
  }
  const scanBands = (from: number, to: number) => {
    for (let g = from; g < to; g += group) {
      const end = Math.min(g + group, to);
      if (ruledOut(bound(g, end - g), g)) continue;
      for (let k = g; k < end; k++) if (!ruledOut(bound(k, 1), k)) scanBand(k);
    }
  };
  // From the seed on, then the bands before it: the seed is scanned first, by the same calls as
  // every band. (A call of its own, or one reached on some sizes only, had V8 drop to the
  // interpreter there, on every size, for lack of type feedback.)
  scanBands(seed, bands);
  scanBands(0, seed);
  return [Math.max(0, Math.min(1, best)), bestStart];
}

/** Bands per group at most (seriesMmu). */
const maxGroup = 64;

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
 * [from, to) are tried, and the window edges are walked on from the points given.
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
    band?: BandStart,
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
    // The same candidates a scan from the series' start reaches, found by walking on from the
    // points given: times only increase, so none before them is a candidate.
    this.a = firstFrom(time, 0, from, band.leftPos);
    this.b = firstFrom(time, this.w, from, band.rightPos);
    this.leftPos = band.leftPos;
    this.leftSum = band.leftSum;
    this.rightPos = band.rightPos;
    this.rightSum = band.rightSum;
  }

  next(): boolean {
    const { series } = this;
    const { time, level, levels } = series;
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
      rightSum = sumOn(rightSum, series, rightPos);
    }
    for (; leftPos + 1 < n && time[leftPos + 1] <= start; leftPos++) {
      leftSum = sumOn(leftSum, series, leftPos);
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

/**
 * Where a scan of one band starts: the band's edges, the last point at or before `from` and one
 * at or before `from` + the window length, each with the integral to it (as WindowScan sums).
 */
interface BandStart {
  from: number;
  to: number;
  leftPos: number;
  leftSum: number;
  rightPos: number;
  rightSum: number;
}

/** The first j from `start` on where time[j] - offset >= value (monotone in j). */
function firstFrom(time: Float64Array, offset: number, value: number, start: number): number {
  let j = start;
  while (j < time.length && time[j] - offset < value) j++;
  return j;
}

/** The length windows of a size have in a series: the size, or the series' span if shorter. */
export function windowLength({ time }: UtilSeries, window: number): number {
  return time.length < 2 ? 0 : Math.min(window, time[time.length - 1] - time[0]);
}
