import type { ProcActivityView } from '../../../../workers/analysis/procActivity';
import { ProcActivity } from '../../../../workers/analysis/procIntervalTable';

/** Share of all Ps' time, per pixel column, that was busy and that was GC work. */
export interface ColumnShares {
  busy: Float64Array;
  gc: Float64Array;
}

/**
 * Folds a `procs` query answer (intervals at least a column wide, plus per-column shares of the
 * narrower ones) into per-column shares over all Ps, for the minimap's utilization profile.
 */
export function columnShares(
  view: ProcActivityView,
  from: number,
  to: number,
  columns: number,
): ColumnShares {
  const busy = new Float64Array(columns);
  const gc = new Float64Array(columns);
  const procs = Math.max(1, view.procs.length);
  if (view.columns === columns) {
    for (let p = 0; p < view.procs.length; p++) {
      for (let c = 0; c < columns; c++) {
        busy[c] += view.busy[p * columns + c] / procs;
        gc[c] += view.gc[p * columns + c] / procs;
      }
    }
  }
  const columnNs = (to - from) / columns;
  const { start, end, activity } = view.intervals;
  for (let i = 0; i < start.length; i++) {
    const a = activity[i];
    const isBusy = a <= ProcActivity.markIdle;
    const isGc = a >= ProcActivity.markDedicated;
    const s = Math.max(from, start[i]);
    const e = Math.min(to, end[i]);
    for (let c = Math.max(0, Math.floor((s - from) / columnNs)); c < columns; c++) {
      const c0 = from + c * columnNs;
      if (c0 >= e) break;
      const share = (Math.min(e, c0 + columnNs) - Math.max(s, c0)) / columnNs / procs;
      if (isBusy) busy[c] += share;
      if (isGc) gc[c] += share;
    }
  }
  return { busy, gc };
}
