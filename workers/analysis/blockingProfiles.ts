import type { FlameTree } from '../flame/flameTree';
import { EventKind, GoState, ResourceKind, type TraceModel } from '../trace/model';
import { StackProfileBuilder, stackProfileFlame, type StackProfile } from './stackProfile';
import { overlapNs, type TimeWindow } from './timeWindow';

/** The four blocking profiles of `go tool trace` (cmd/trace/pprof.go). */
export type BlockingKind = 'sync' | 'network' | 'syscall' | 'sched';

export const blockingKinds: BlockingKind[] = ['sync', 'network', 'syscall', 'sched'];

/**
 * Time goroutines spent in one kind of wait, summed per stack of the transition that began it:
 * - sync: blocked on channels, select or sync primitives (reason contains "chan", "sync" or
 *   "select");
 * - network: blocked with reason "network";
 * - syscall: in a syscall;
 * - sched: runnable, waiting for a P (scheduler latency).
 * As in Go, transitions without a stack are ignored. With a window, only the part of each wait
 * inside it counts.
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
  const profile = new StackProfileBuilder();
  const since = new Map<number, number>(); // goroutine -> event that began the wait
  for (let i = 0; i < model.count; i++) {
    if (model.kind[i] !== EventKind.StateTransition || model.stack[i] === 0) continue;
    const row = model.transition[i];
    if (resourceKind[row] !== ResourceKind.Goroutine) continue;
    const g = model.arg[i];
    const began = since.get(g);
    if (began === undefined) {
      if (to[row] === state && tracks(reason[row])) since.set(g, i);
      continue;
    }
    if (to[row] === state) continue;
    since.delete(g);
    const d = overlapNs(model.time[began], model.time[i], window);
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
