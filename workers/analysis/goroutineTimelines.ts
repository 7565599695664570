import { EventKind, GoState, ResourceKind, type TraceModel } from '../trace/model';
import { eventTime } from '../trace/eventTimes';
import { DenseIds } from './denseIds';
import { withRoom } from './growingColumn';

/**
 * Every goroutine's own state transitions, found without a pass over the trace: the events of
 * goroutine k are events[offsets[k] .. offsets[k + 1]), in time order. Only real changes are
 * kept (a later generation re-announces each state as X→X). 4 bytes per transition.
 */
export interface GoroutineTimelines {
  ids: DenseIds;
  offsets: Int32Array;
  events: Int32Array;
  /**
   * When the goroutine's first known state began: its creation, or for one already alive when
   * first named (from Undetermined) the sync before, as the summarizer dates it.
   */
  since: Float64Array;
  /** Time of the trace's last event, where states still open end. */
  traceEnd: number;
}

/** Indexes goroutine state transitions by goroutine: two passes, counting then filling. */
export function goroutineTimelines(model: TraceModel): GoroutineTimelines {
  const { kind, arg, count, transition } = model;
  const { resourceKind, from, to } = model.transitions;
  const isChange = Uint8Array.from(resourceKind, (r, row) =>
    r === ResourceKind.Goroutine && from[row] !== to[row] ? 1 : 0,
  );
  const ids = new DenseIds();
  let counts = new Int32Array(1024);
  let since = new Float64Array(1024);
  let syncTime = count > 0 ? eventTime(model, 0) : 0;
  for (let i = 0; i < count; i++) {
    const k = kind[i];
    if (k === EventKind.Sync) syncTime = eventTime(model, i);
    if (k !== EventKind.StateTransition || !isChange[transition[i]]) continue;
    const g = ids.index(arg[i]);
    if (g >= counts.length) {
      counts = withRoom(counts, g, 0);
      since = withRoom(since, g, 0);
    }
    if (counts[g]++ === 0) {
      since[g] = from[transition[i]] === GoState.Undetermined ? syncTime : eventTime(model, i);
    }
  }
  const n = ids.size;
  const offsets = new Int32Array(n + 1);
  for (let g = 0; g < n; g++) offsets[g + 1] = offsets[g] + counts[g];
  const events = new Int32Array(offsets[n]);
  const filled = offsets.slice(0, n);
  for (let i = 0; i < count; i++) {
    if (kind[i] !== EventKind.StateTransition || !isChange[transition[i]]) continue;
    events[filled[ids.index(arg[i])]++] = i;
  }
  return {
    ids,
    offsets,
    events,
    since: since.slice(0, n),
    traceEnd: count > 0 ? eventTime(model, count - 1) : 0,
  };
}
