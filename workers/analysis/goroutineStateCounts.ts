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
  const counts = new Int32Array(6);
  const points: number[][] = [[], [], [], [], []];
  for (let i = 0; i < count; i++) {
    if (kind[i] !== EventKind.StateTransition) continue;
    const row = model.transition[i];
    if (resourceKind[row] !== ResourceKind.Goroutine || from[row] === to[row]) continue;
    counts[from[row]]--;
    counts[to[row]]++;
    const n = points[0].length;
    if (n > 0 && points[0][n - 1] === time[i]) {
      for (const c of points) c.pop();
    }
    points[0].push(time[i]);
    points[1].push(counts[GoState.Running]);
    points[2].push(counts[GoState.Runnable]);
    points[3].push(counts[GoState.Waiting]);
    points[4].push(counts[GoState.Syscall]);
  }
  return {
    time: Float64Array.from(points[0]),
    running: Int32Array.from(points[1]),
    runnable: Int32Array.from(points[2]),
    waiting: Int32Array.from(points[3]),
    syscall: Int32Array.from(points[4]),
  };
}
