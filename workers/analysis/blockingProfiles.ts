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
  const isGoroutine = (i: number) =>
    model.kind[i] === EventKind.StateTransition &&
    resourceKind[model.transition[i]] === ResourceKind.Goroutine;
  // cmd/trace/pprof.go clips every wait to [first run, end] of its goroutine.
  const firstRun = new Map<number, number>();
  for (let i = 0; i < model.count; i++) {
    if (!isGoroutine(i) || to[model.transition[i]] !== GoState.Running) continue;
    if (!firstRun.has(model.arg[i])) firstRun.set(model.arg[i], model.time[i]);
  }
  const profile = new StackProfileBuilder();
  const since = new Map<number, number>(); // goroutine -> event that began the wait
  for (let i = 0; i < model.count; i++) {
    if (!isGoroutine(i)) continue;
    const row = model.transition[i];
    const g = model.arg[i];
    const began = since.get(g);
    if (began === undefined) {
      if (to[row] === state && tracks(reason[row])) since.set(g, i);
      continue;
    }
    if (to[row] === state) continue;
    since.delete(g);
    const from = Math.max(model.time[began], firstRun.get(g) ?? -Infinity);
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
