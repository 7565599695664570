import type { PauseStats } from '../stats/pauseStats';
import { MetricName, RangeName, type TraceModel } from '../trace/model';
import { modelRangeSpans, SpanFlag, spanEnd, spanStart } from './rangeSpans';
import { stwPauses, stwStats } from './stwPauses';

/** The trace's GC and pause figures for `summarize --json`, as the Go oracle computes them. */
export interface TraceAnalysisSummary {
  gc: {
    /** GC cycles (mark phases) that began inside the trace. */
    cycles: number;
    /** The sweep-termination and mark-termination pauses. */
    stw: PauseStats;
    /** Total length of the "GC mark assist" ranges (one still running counts to the end). */
    assistNs: number;
  };
  /** Every stop-the-world pause. */
  stw: PauseStats;
  stwByReason: Record<string, { count: number; totalNs: number }>;
  heap: { maxLiveBytes: number; maxGoalBytes: number };
}

/** Summary figures of a trace; workers/trace/format.ts spreads them into its summary. */
export function traceAnalysisSummary(model: TraceModel): TraceAnalysisSummary {
  const spans = modelRangeSpans(model);
  const markName = model.strings.indexOf(RangeName.gcMark);
  const assistName = model.strings.indexOf(RangeName.gcMarkAssist);
  let cycles = 0;
  let assistNs = 0;
  for (let s = 0; s < spans.count; s++) {
    if (spans.name[s] === markName && !(spans.flags[s] & SpanFlag.startedBefore)) cycles++;
    // An assist still running at the end counts up to the last event.
    if (spans.name[s] === assistName)
      assistNs += spanEnd(model, spans, s) - spanStart(model, spans, s);
  }
  const [maxLiveBytes, maxGoalBytes] = maxMetrics(model, [
    MetricName.heapObjects,
    MetricName.heapGoal,
  ]);
  const stats = stwStats(stwPauses(model));
  const stwByReason: TraceAnalysisSummary['stwByReason'] = {};
  for (const [reason, s] of Object.entries(stats.byReason)) {
    stwByReason[reason] = { count: s.count, totalNs: s.totalNs };
  }
  return {
    gc: { cycles, stw: stats.gc, assistNs },
    stw: stats.all,
    stwByReason,
    heap: { maxLiveBytes, maxGoalBytes },
  };
}

/**
 * The largest value (at least 0) of each metric, in one pass over the metric table: every Metric
 * event has a row of its own there, so its rows are the events, without scanning the others.
 */
function maxMetrics(model: TraceModel, metrics: string[]): number[] {
  const { name, value } = model.metrics;
  const names = metrics.map((m) => model.strings.indexOf(m));
  const max = metrics.map(() => 0);
  for (let row = 0; row < name.length; row++) {
    const m = names.indexOf(name[row]);
    if (m >= 0 && value[row] > max[m]) max[m] = value[row];
  }
  return max;
}
