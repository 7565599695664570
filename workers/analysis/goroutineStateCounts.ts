import { EventKind, GoState, ResourceKind, type TraceModel } from '../trace/model';

/**
 * Number of goroutines in each state over time (the "Goroutines" counter of `go tool trace`), as
 * a step series with one point per change: counts hold from time[i] until the next point.
 */
export interface GoroutineStateCounts {
  time: Float64Array;
  running: Int32Array;
  runnable: Int32Array;
  waiting: Int32Array;
  syscall: Int32Array;
}

/**
 * Counts per state, from every goroutine state transition. Several transitions at one time
 * stamp give one point. Goroutines already alive at the trace start enter the counts when their
 * first transition (usually from Undetermined) appears at the generation start.
 */
export function goroutineStateCounts(model: TraceModel): GoroutineStateCounts {
  const { kind, time, count } = model;
  const { resourceKind, from, to } = model.transitions;
  // Which transition rows change a goroutine's state; the first pass sizes the columns exactly.
  const counted = Uint8Array.from(resourceKind, (r, row) =>
    r === ResourceKind.Goroutine && from[row] !== to[row] ? 1 : 0,
  );
  let points = 0;
  let lastTime = NaN;
  for (let i = 0; i < count; i++) {
    if (kind[i] !== EventKind.StateTransition || !counted[model.transition[i]]) continue;
    if (points === 0 || time[i] !== lastTime) points++;
    lastTime = time[i];
  }
  const out = {
    time: new Float64Array(points),
    running: new Int32Array(points),
    runnable: new Int32Array(points),
    waiting: new Int32Array(points),
    syscall: new Int32Array(points),
  };
  const counts = new Int32Array(6);
  let n = 0;
  for (let i = 0; i < count; i++) {
    if (kind[i] !== EventKind.StateTransition) continue;
    const row = model.transition[i];
    if (!counted[row]) continue;
    counts[from[row]]--;
    counts[to[row]]++;
    if (n === 0 || out.time[n - 1] !== time[i]) n++;
    out.time[n - 1] = time[i];
    out.running[n - 1] = counts[GoState.Running];
    out.runnable[n - 1] = counts[GoState.Runnable];
    out.waiting[n - 1] = counts[GoState.Waiting];
    out.syscall[n - 1] = counts[GoState.Syscall];
  }
  return out;
}
