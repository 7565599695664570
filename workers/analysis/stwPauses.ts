import { pauseStats, type PauseStats } from '../stats/pauseStats';
import type { TraceModel } from '../trace/model';
import { isWholeSpan, modelRangeSpans, spanEnd, spanStart, stwReason } from './rangeSpans';
import { inWindow, type TimeWindow } from './timeWindow';

/** Every stop-the-world pause, in start order, with the reason the runtime gave it. */
export interface StwPauses {
  /** Distinct reasons in order of first appearance ("GC sweep termination", "read mem stats"…). */
  reasons: string[];
  start: Float64Array;
  duration: Float64Array;
  /** Index into `reasons`. */
  reason: Int32Array;
  /** Goroutine that stopped the world. */
  g: Int32Array;
}

/** The two pauses of every GC cycle (runtime/proc.go stwReasonStrings). */
export const gcStwReasons = ['GC sweep termination', 'GC mark termination'];

/**
 * The STW pauses that start in the window. A pause still running when the trace ends has no
 * known length and is left out; none can be running when it starts (Go's tracer starts with the
 * world stopped and emits nothing before).
 */
export function stwPauses(model: TraceModel, window?: TimeWindow): StwPauses {
  const spans = modelRangeSpans(model);
  const reasonOfName = new Map<number, number>();
  const reasons: string[] = [];
  const rows: number[] = [];
  const reasonOfRow: number[] = [];
  for (let s = 0; s < spans.count; s++) {
    if (!isWholeSpan(spans, s) || !inWindow(spanStart(model, spans, s), window)) continue;
    let r = reasonOfName.get(spans.name[s]);
    if (r === undefined) {
      const reason = stwReason(model.strings[spans.name[s]]);
      r = reason === null ? -1 : reasons.push(reason) - 1;
      reasonOfName.set(spans.name[s], r);
    }
    if (r < 0) continue;
    rows.push(s);
    reasonOfRow.push(r);
  }
  return {
    reasons,
    start: Float64Array.from(rows, (s) => spanStart(model, spans, s)),
    duration: Float64Array.from(rows, (s) => spanEnd(model, spans, s) - spanStart(model, spans, s)),
    reason: Int32Array.from(reasonOfRow),
    g: Int32Array.from(rows, (s) => spans.scopeId[s]),
  };
}

export interface StwStats {
  /** Every pause. */
  all: PauseStats;
  /** Only the GC cycle's sweep-termination and mark-termination pauses. */
  gc: PauseStats;
  byReason: Record<string, PauseStats>;
}

/** Pause statistics (nearest-rank percentiles) over all pauses, GC pauses and per reason. */
export function stwStats(pauses: StwPauses): StwStats {
  const { duration, reason, reasons } = pauses;
  const byReason: Record<string, PauseStats> = {};
  for (let r = 0; r < reasons.length; r++) {
    byReason[reasons[r]] = pauseStats(duration.filter((_, i) => reason[i] === r));
  }
  const gcReasons = new Set(reasons.flatMap((name, r) => (gcStwReasons.includes(name) ? [r] : [])));
  return {
    all: pauseStats(duration),
    gc: pauseStats(duration.filter((_, i) => gcReasons.has(reason[i]))),
    byReason,
  };
}
