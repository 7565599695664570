import { EventKind, MetricName, RangeName, type TraceModel } from '../trace/model';
import { eventTime } from '../trace/eventTimes';
import { cycleAt } from './gcCycles';
import { modelRangeSpans } from './rangeSpans';

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

/** Heap live and heap goal over the whole trace. */
export function heapSeries(model: TraceModel): HeapSeries {
  const { kind, arg, count } = model;
  const liveName = model.strings.indexOf(MetricName.heapObjects);
  const goalName = model.strings.indexOf(MetricName.heapGoal);
  const cycleStarts = markStarts(model);
  // The series (0 live, 1 goal, -1 none) each metric row feeds; counted first to size the
  // columns. Metric rows are in event order, so the events are walked along with them.
  const { name: metricName, value: metricValue } = model.metrics;
  const seriesOfRow = new Int8Array(metricName.length);
  const sizes = [0, 0];
  for (let r = 0; r < metricName.length; r++) {
    const series = metricName[r] === liveName ? 0 : metricName[r] === goalName ? 1 : -1;
    seriesOfRow[r] = series;
    if (series >= 0) sizes[series]++;
  }
  const out = sizes.map((n) => ({
    time: new Float64Array(n),
    value: new Float64Array(n),
    cycle: new Int32Array(n),
  }));
  const filled = [0, 0];
  const { Metric } = EventKind;
  // Events come in time order, so the cycle only moves forward (cycleAt's answer, no search).
  let cycle = cycleAt(cycleStarts, -Infinity);
  for (let i = 0; i < count; i++) {
    if (kind[i] !== Metric) continue;
    const series = seriesOfRow[arg[i]];
    if (series < 0) continue;
    const t = eventTime(model, i);
    while (cycle + 1 < cycleStarts.length && cycleStarts[cycle + 1] <= t) cycle++;
    const at = filled[series]++;
    out[series].time[at] = t;
    out[series].value[at] = metricValue[arg[i]];
    out[series].cycle[at] = cycle;
  }
  return { live: out[0], goal: out[1] };
}

function markStarts(model: TraceModel): Float64Array {
  const spans = modelRangeSpans(model);
  const markName = model.strings.indexOf(RangeName.gcMark);
  const starts: number[] = [];
  for (let s = 0; s < spans.count; s++) if (spans.name[s] === markName) starts.push(spans.start[s]);
  return Float64Array.from(starts);
}

/**
 * The points of a step series that draw [from, to]: those inside, and the one before `from`
 * whose value holds at the window's left edge. Found by binary search, so a pan costs no pass
 * over the trace. The arrays are new.
 */
export function sliceStepSeries(series: StepSeries, from: number, to: number): StepSeries {
  const { time } = series;
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (time[mid] <= from) lo = mid + 1;
    else hi = mid;
  }
  const first = Math.max(0, lo - 1);
  let end = lo;
  while (end < time.length && time[end] <= to) end++;
  return {
    time: series.time.slice(first, end),
    value: series.value.slice(first, end),
    cycle: series.cycle.slice(first, end),
  };
}

/**
 * Thins a step series for drawing `pixelWidth` columns over [from, to): per column it keeps the
 * first, lowest, highest and last point, which draws the same picture as every point (the M4
 * method). Series with fewer points than 4 per column are returned whole.
 */
export function thinStepSeries(
  series: StepSeries,
  from: number,
  to: number,
  pixelWidth: number,
): StepSeries {
  const n = series.time.length;
  if (n <= 4 * pixelWidth || to <= from) return copyStepSeries(series);
  const keep = new Uint8Array(n);
  const width = (to - from) / pixelWidth;
  let column = -1;
  let first = 0;
  let lo = 0;
  let hi = 0;
  const flush = (last: number) => {
    keep[first] = keep[lo] = keep[hi] = keep[last] = 1;
  };
  for (let i = 0; i < n; i++) {
    const c = Math.floor((series.time[i] - from) / width);
    if (c !== column) {
      if (i > 0) flush(i - 1);
      column = c;
      first = lo = hi = i;
    }
    if (series.value[i] < series.value[lo]) lo = i;
    if (series.value[i] > series.value[hi]) hi = i;
  }
  flush(n - 1);
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) rows.push(i);
  return {
    time: Float64Array.from(rows, (i) => series.time[i]),
    value: Float64Array.from(rows, (i) => series.value[i]),
    cycle: Int32Array.from(rows, (i) => series.cycle[i]),
  };
}

function copyStepSeries(series: StepSeries): StepSeries {
  return { time: series.time.slice(), value: series.value.slice(), cycle: series.cycle.slice() };
}
