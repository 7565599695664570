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
  const { kind, time, transition, count } = model;
  const { resourceKind, from, to } = model.transitions;
  // Codes as locals: reading the imported constant objects in the loops made V8 run them several
  // times slower (Node 20).
  const { StateTransition } = EventKind;
  const { Running, Runnable, Waiting, Syscall } = GoState;
  // Which transition rows change a goroutine's state; the first pass sizes the columns exactly.
  const counted = Uint8Array.from(resourceKind, (r, row) =>
    r === ResourceKind.Goroutine && from[row] !== to[row] ? 1 : 0,
  );
  let points = 0;
  let lastTime = NaN;
  for (let i = 0; i < count; i++) {
    if (kind[i] !== StateTransition || !counted[transition[i]]) continue;
    if (points === 0 || time[i] !== lastTime) points++;
    lastTime = time[i];
  }
  const times = new Float64Array(points);
  const running = new Int32Array(points);
  const runnable = new Int32Array(points);
  const waiting = new Int32Array(points);
  const syscall = new Int32Array(points);
  const counts = new Int32Array(6);
  // The point being filled: the last one, until a transition at a later time opens the next.
  let n = -1;
  for (let i = 0; i < count; i++) {
    if (kind[i] !== StateTransition) continue;
    const row = transition[i];
    if (!counted[row]) continue;
    counts[from[row]]--;
    counts[to[row]]++;
    if (n < 0 || times[n] !== time[i]) times[++n] = time[i];
    running[n] = counts[Running];
    runnable[n] = counts[Runnable];
    waiting[n] = counts[Waiting];
    syscall[n] = counts[Syscall];
  }
  return { time: times, running, runnable, waiting, syscall };
}
