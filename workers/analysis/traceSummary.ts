import type { PauseStats } from '../stats/pauseStats';
import { MetricName, RangeName, type TraceModel, EventKind } from '../trace/model';
import { modelRangeSpans, SpanFlag } from './rangeSpans';
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
    if (spans.name[s] === assistName) assistNs += spans.end[s] - spans.start[s];
  }
  const stats = stwStats(stwPauses(model));
  const stwByReason: TraceAnalysisSummary['stwByReason'] = {};
  for (const [reason, s] of Object.entries(stats.byReason)) {
    stwByReason[reason] = { count: s.count, totalNs: s.totalNs };
  }
  return {
    gc: { cycles, stw: stats.gc, assistNs },
    stw: stats.all,
    stwByReason,
    heap: {
      maxLiveBytes: maxMetric(model, MetricName.heapObjects),
      maxGoalBytes: maxMetric(model, MetricName.heapGoal),
    },
  };
}

function maxMetric(model: TraceModel, metric: string): number {
  const name = model.strings.indexOf(metric);
  let max = 0;
  for (let i = 0; i < model.count; i++) {
    if (model.kind[i] !== EventKind.Metric) continue;
    const row = model.arg[i];
    if (model.metrics.name[row] === name && model.metrics.value[row] > max) {
      max = model.metrics.value[row];
    }
  }
  return max;
}
