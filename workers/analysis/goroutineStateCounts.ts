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
  let transitions = 0;
  for (let i = 0; i < count; i++) if (kind[i] === EventKind.StateTransition) transitions++;
  const out = {
    time: new Float64Array(transitions),
    running: new Int32Array(transitions),
    runnable: new Int32Array(transitions),
    waiting: new Int32Array(transitions),
    syscall: new Int32Array(transitions),
  };
  const counts = new Int32Array(6);
  let n = 0;
  for (let i = 0; i < count; i++) {
    if (kind[i] !== EventKind.StateTransition) continue;
    const row = model.transition[i];
    if (resourceKind[row] !== ResourceKind.Goroutine || from[row] === to[row]) continue;
    counts[from[row]]--;
    counts[to[row]]++;
    if (n === 0 || out.time[n - 1] !== time[i]) n++;
    out.time[n - 1] = time[i];
    out.running[n - 1] = counts[GoState.Running];
    out.runnable[n - 1] = counts[GoState.Runnable];
    out.waiting[n - 1] = counts[GoState.Waiting];
    out.syscall[n - 1] = counts[GoState.Syscall];
  }
  return {
    time: out.time.slice(0, n),
    running: out.running.slice(0, n),
    runnable: out.runnable.slice(0, n),
    waiting: out.waiting.slice(0, n),
    syscall: out.syscall.slice(0, n),
  };
}
