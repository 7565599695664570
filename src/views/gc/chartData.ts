/** A closed time range in ns (from a trace's start, or a program's start for gctrace). */
export interface TimeRange {
  from: number;
  to: number;
}

/**
 * Stop-the-world pauses as columns, in start order. The same shape as the trace analysis'
 * `StwPauses`, so its result can be passed as is; gctrace and MemStats build one too.
 */
export interface StwPauseSeries {
  /** Reason names; `reason[i]` indexes this list. */
  reasons: string[];
  /** Pause start, ns. */
  start: Float64Array;
  /** Pause length, ns. */
  duration: Float64Array;
  reason: Int32Array;
}

/** One series of a time chart: value[i] at time[i] (ns), times ascending; NaN values are gaps. */
export interface ChartSeries {
  label: string;
  time: Float64Array;
  value: Float64Array;
  color: string;
  /** step: holds until the next point (heap live, goal); line: straight segments; points: dots. */
  style?: 'step' | 'line' | 'points';
  /** Dashed line, for derived or hypothetical series. */
  dashed?: boolean;
}

/** Shaded time intervals behind a chart's series, e.g. GC cycles. */
export interface ChartBands {
  label: string;
  start: Float64Array;
  end: Float64Array;
}

/** A horizontal reference line, e.g. GOMEMLIMIT. */
export interface ChartRule {
  label: string;
  value: number;
  color: string;
}

/** The time span covered by some series, bands and pauses; [0, 1] when there is nothing. */
export function timeExtent(parts: Array<{ start: Float64Array; end?: Float64Array }>): TimeRange {
  let from = Infinity;
  let to = -Infinity;
  for (const { start, end } of parts) {
    for (let i = 0; i < start.length; i++) {
      const s = start[i];
      const e = end ? end[i] : s;
      if (Number.isFinite(s) && s < from) from = s;
      if (Number.isFinite(e) && e > to) to = e;
      if (Number.isFinite(s) && s > to) to = s;
    }
  }
  if (!Number.isFinite(from)) return { from: 0, to: 1 };
  return to > from ? { from, to } : { from, to: from + 1 };
}
