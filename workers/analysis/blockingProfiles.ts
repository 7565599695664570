import type { FlameTree } from '../flame/flameTree';
import { EventKind, GoState, ResourceKind, type TraceModel } from '../trace/model';
import { DenseIds } from './denseIds';
import { withRoom } from './growingColumn';
import { memoizeByModel } from './modelMemo';
import { StackProfileBuilder, stackProfileFlame, type StackProfile } from './stackProfile';
import { overlapNs, type TimeWindow } from './timeWindow';

/** The four blocking profiles of `go tool trace` (cmd/trace/pprof.go). */
export type BlockingKind = 'sync' | 'network' | 'syscall' | 'sched';

export const blockingKinds: BlockingKind[] = ['sync', 'network', 'syscall', 'sched'];

/**
 * Every goroutine with a state transition, numbered, and when each first ran (NaN if never):
 * cmd/trace/pprof.go clips every wait to [first run, end] of its goroutine. Shared by all kinds
 * and windows.
 */
const modelFirstRuns = memoizeByModel((model: TraceModel) => {
  const { resourceKind, to } = model.transitions;
  const goroutines = new DenseIds();
  let firstRun = new Float64Array(0);
  for (let i = 0; i < model.count; i++) {
    if (model.kind[i] !== EventKind.StateTransition) continue;
    const row = model.transition[i];
    if (resourceKind[row] !== ResourceKind.Goroutine) continue;
    const g = goroutines.index(model.arg[i]);
    firstRun = withRoom(firstRun, g, NaN);
    if (to[row] === GoState.Running && Number.isNaN(firstRun[g])) firstRun[g] = model.time[i];
  }
  return { goroutines, firstRun };
});

/**
 * Time goroutines spent in one kind of wait, summed per stack of the transition that began it:
 * - sync: blocked on channels, select or sync primitives (reason contains "chan", "sync" or
 *   "select");
 * - network: blocked with reason "network";
 * - syscall: in a syscall;
 * - sched: runnable, waiting for a P (scheduler latency).
 * As `go tool trace -pprof` does, a wait counts only from the goroutine's first run on (a goroutine
 * that never runs counts whole), so the wait of a new goroutine for its first start is left out.
 * With a window, only the part of each wait inside it counts.
 */
export function blockingProfile(
  model: TraceModel,
  kind: BlockingKind,
  window?: TimeWindow,
): StackProfile {
  const { resourceKind, to, reason } = model.transitions;
  const state =
    kind === 'syscall' ? GoState.Syscall : kind === 'sched' ? GoState.Runnable : GoState.Waiting;
  const tracksReason = new Map<number, boolean>();
  const tracks = (reasonId: number) => {
    let yes = tracksReason.get(reasonId);
    if (yes === undefined) {
      const text = model.strings[reasonId];
      yes =
        kind === 'sync'
          ? text.includes('chan') || text.includes('sync') || text.includes('select')
          : kind === 'network'
            ? text === 'network'
            : true;
      tracksReason.set(reasonId, yes);
    }
    return yes;
  };
  const { goroutines, firstRun } = modelFirstRuns(model);
  const profile = new StackProfileBuilder();
  // Per goroutine (dense index): the event that began its wait, -1 when not waiting.
  const since = new Int32Array(goroutines.size).fill(-1);
  for (let i = 0; i < model.count; i++) {
    if (model.kind[i] !== EventKind.StateTransition) continue;
    const row = model.transition[i];
    if (resourceKind[row] !== ResourceKind.Goroutine) continue;
    const g = goroutines.index(model.arg[i]);
    const began = since[g];
    if (began < 0) {
      if (to[row] === state && tracks(reason[row])) since[g] = i;
      continue;
    }
    if (to[row] === state) continue;
    since[g] = -1;
    const from = Math.max(model.time[began], Number.isNaN(firstRun[g]) ? -Infinity : firstRun[g]);
    const d = from < model.time[i] ? overlapNs(from, model.time[i], window) : 0;
    if (d > 0) profile.add(model.stack[began], d);
  }
  return profile.build();
}

export function blockingFlame(
  model: TraceModel,
  kind: BlockingKind,
  window?: TimeWindow,
): FlameTree {
  return stackProfileFlame(model, blockingProfile(model, kind, window));
}
