import { cycleAt, type GcCycles } from '../../../../workers/analysis/gcCycles';

/**
 * Where a GC cycle lies on the timeline: from GCBegin (or its sweep-termination pause) to the
 * end of its mark-termination pause; a cycle cut off by the trace end runs to `traceEnd`.
 */
export function cycleSpan(cycles: GcCycles, i: number, traceEnd: number): [number, number] {
  const from = Math.min(cycles.start[i], finiteOr(cycles.sweepTermStart[i], Infinity));
  const markTermEnd = cycles.markTermStart[i] + cycles.markTermNs[i];
  const to = Math.max(finiteOr(cycles.end[i], traceEnd), finiteOr(markTermEnd, -Infinity));
  return [from, to];
}

/** The cycle under time t, within `slop` ns of its span; -1 if none. */
export function cycleUnder(cycles: GcCycles, t: number, slop: number, traceEnd: number): number {
  const i = cycleAt(cycles.start, t + slop);
  for (const c of [i, i - 1]) {
    if (c < 0) continue;
    const [from, to] = cycleSpan(cycles, c, traceEnd);
    if (t >= from - slop && t <= to + slop) return c;
  }
  return -1;
}

function finiteOr(v: number, fallback: number): number {
  return Number.isFinite(v) ? v : fallback;
}
