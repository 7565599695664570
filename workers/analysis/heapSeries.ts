import { EventKind, MetricName, RangeName, type TraceModel } from '../trace/model';
import { eventTime } from '../trace/eventTimes';
import { cycleAt } from './gcCycles';
import { memoizeByModel } from './modelMemo';
import { modelRangeSpans, spanStart } from './rangeSpans';

/** A step series: value[i] holds from time[i] until the next point. */
export interface StepSeries {
  time: Float64Array;
  value: Float64Array;
  /** GC cycle (row of gcCycles) that began last at or before the point, -1 before the first. */
  cycle: Int32Array;
}

export interface HeapSeries {
  /** Heap live (HeapAlloc, the runtime's gcController.heapLive), at every change. */
  live: StepSeries;
  /**
   * Heap goal. The runtime only emits it when the pacer commits (end of each cycle,
   * SetGCPercent, SetMemoryLimit), so it is a snapshot, not a continuous value.
   */
  goal: StepSeries;
}

/** What a heap chart asks for: [from, to) (the whole trace by default) at pixelWidth columns. */
export interface HeapView {
  from?: number;
  to?: number;
  /** Thin the series for this many columns (see thinnedRows); every point when absent or 0. */
  pixelWidth?: number;
}

/**
 * Heap live and heap goal for a view: the points inside [from, to) plus the one before `from`,
 * whose value holds at the window's left edge, thinned for the chart's width. `complete` says the
 * answer holds every point of the trace: a chart holding it never needs to ask again, however it
 * pans or zooms. Cut from the heap metric events found once per model, by binary search, so
 * panning costs no pass over the trace. The arrays are new.
 */
export function heapSeries(
  model: TraceModel,
  view: HeapView = {},
): HeapSeries & { complete: boolean } {
  const events = modelHeapEvents(model);
  const windowed = view.from !== undefined || view.to !== undefined;
  const from = view.from ?? 0;
  const to = view.to ?? (model.count > 0 ? eventTime(model, model.count - 1) : 0);
  const width = view.pixelWidth ?? 0;
  const [live, goal] = [events.live, events.goal].map((points) => {
    const [first, end] = windowed ? windowRows(model, points, from, to) : [0, points.length];
    const rows =
      width > 0 ? thinnedRows(model, points, first, end, from, to, width) : range(first, end);
    return stepSeries(model, points, rows, events.cycleStarts);
  });
  const complete =
    live.time.length === events.live.length && goal.time.length === events.goal.length;
  return { live, goal, complete };
}

/**
 * The heap metric events of the trace in time order: HeapAlloc (live) and heap goal changes,
 * and when each GC cycle began. Event indexes, not copies of their times and values: a big
 * trace has millions of them, and the model has the rest.
 */
interface HeapEvents {
  live: Int32Array;
  goal: Int32Array;
  cycleStarts: Float64Array;
}

const modelHeapEvents = memoizeByModel((model: TraceModel): HeapEvents => {
  const { kind, arg, count } = model;
  const liveName = model.strings.indexOf(MetricName.heapObjects);
  const goalName = model.strings.indexOf(MetricName.heapGoal);
  // Counted first to size the columns, from the metric table: a column of the series each row
  // feeds would cost more in fresh memory than reading the names twice.
  const { name: metricName } = model.metrics;
  const sizes = [0, 0];
  for (let r = 0; r < metricName.length; r++) {
    if (metricName[r] === liveName) sizes[0]++;
    else if (metricName[r] === goalName) sizes[1]++;
  }
  const [live, goal] = sizes.map((n) => new Int32Array(n));
  let lives = 0;
  let goals = 0;
  const { Metric } = EventKind;
  for (let i = 0; i < count; i++) {
    if (kind[i] !== Metric) continue;
    const name = metricName[arg[i]];
    if (name === liveName) live[lives++] = i;
    else if (name === goalName) goal[goals++] = i;
  }
  return { live, goal, cycleStarts: markStarts(model) };
});

/** The points' times, values and cycles, for the given rows of `points`. */
function stepSeries(
  model: TraceModel,
  points: Int32Array,
  rows: ArrayLike<number>,
  cycleStarts: Float64Array,
): StepSeries {
  const n = rows.length;
  const out = { time: new Float64Array(n), value: new Float64Array(n), cycle: new Int32Array(n) };
  // Rows come in time order, so the cycle only moves forward (cycleAt's answer, no search).
  let cycle = n > 0 ? cycleAt(cycleStarts, eventTime(model, points[rows[0]])) : -1;
  for (let k = 0; k < n; k++) {
    const e = points[rows[k]];
    const t = eventTime(model, e);
    while (cycle + 1 < cycleStarts.length && cycleStarts[cycle + 1] <= t) cycle++;
    out.time[k] = t;
    out.value[k] = model.metrics.value[model.arg[e]];
    out.cycle[k] = cycle;
  }
  return out;
}

function markStarts(model: TraceModel): Float64Array {
  const spans = modelRangeSpans(model);
  const markName = model.strings.indexOf(RangeName.gcMark);
  const starts: number[] = [];
  for (let s = 0; s < spans.count; s++)
    if (spans.name[s] === markName) starts.push(spanStart(model, spans, s));
  return Float64Array.from(starts);
}

/**
 * The rows [first, end) of `points` that draw [from, to]: those inside, and the one before
 * `from` whose value holds at the window's left edge.
 */
function windowRows(model: TraceModel, points: Int32Array, from: number, to: number) {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (eventTime(model, points[mid]) <= from) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < points.length && eventTime(model, points[end]) <= to) end++;
  return [Math.max(0, lo - 1), end];
}

function range(first: number, end: number): Int32Array {
  return Int32Array.from({ length: end - first }, (_, k) => first + k);
}

/**
 * The rows [first, end) of `points` that draw `pixelWidth` columns over [from, to): per column
 * the first, lowest, highest and last point, which draws the same picture as every point (the
 * M4 method). Fewer points than 4 per column are kept whole.
 */
function thinnedRows(
  model: TraceModel,
  points: Int32Array,
  first: number,
  end: number,
  from: number,
  to: number,
  pixelWidth: number,
): Int32Array {
  if (end - first <= 4 * pixelWidth || to <= from) return range(first, end);
  const { value } = model.metrics;
  const { arg } = model;
  const rows: number[] = [];
  // Appends a column's kept rows: its first and last, its lowest and highest between them, each
  // once. Columns come in order, so the rows do too.
  const keep = (start: number, lo: number, hi: number, last: number) => {
    for (const k of [start, Math.min(lo, hi), Math.max(lo, hi), last]) {
      if (rows.length === 0 || rows[rows.length - 1] < first + k) rows.push(first + k);
    }
  };
  const width = (to - from) / pixelWidth;
  let column = -1;
  // Per column so far: its first point, and its lowest and highest, with their values.
  let start = 0;
  let lo = 0;
  let hi = 0;
  let low = 0;
  let high = 0;
  for (let k = 0; k < end - first; k++) {
    const e = points[first + k];
    const v = value[arg[e]];
    const c = Math.floor((eventTime(model, e) - from) / width);
    if (c !== column) {
      if (k > 0) keep(start, lo, hi, k - 1);
      column = c;
      start = lo = hi = k;
      low = high = v;
    }
    if (v < low) [lo, low] = [k, v];
    if (v > high) [hi, high] = [k, v];
  }
  keep(start, lo, hi, end - first - 1);
  return Int32Array.from(rows);
}
