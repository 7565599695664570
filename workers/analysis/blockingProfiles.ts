import type { FlameTree } from '../flame/flameTree';
import { EventKind, GoState, ResourceKind, type TraceModel } from '../trace/model';
import { eventTime } from '../trace/eventTimes';
import { DenseIds } from './denseIds';
import { withRoom } from './growingColumn';
import { memoizeByModel } from './modelMemo';
import { StackProfileBuilder, stackProfileFlame, type StackProfile } from './stackProfile';
import { isWindowed, overlapNs, type TimeWindow } from './timeWindow';

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
  const { kind, transition, arg } = model;
  const goroutines = new DenseIds();
  let firstRun = new Float64Array(0);
  // Codes as locals: read from the imported objects in the loops, they slow V8 down.
  const { StateTransition } = EventKind;
  const { Goroutine } = ResourceKind;
  const { Running } = GoState;
  for (let i = 0; i < model.count; i++) {
    if (kind[i] !== StateTransition) continue;
    const row = transition[i];
    if (resourceKind[row] !== Goroutine) continue;
    const g = goroutines.index(arg[i]);
    if (g >= firstRun.length) firstRun = withRoom(firstRun, g, NaN);
    if (to[row] === Running && Number.isNaN(firstRun[g])) firstRun[g] = eventTime(model, i);
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
  const all = isWindowed(window) ? blockingProfiles(model, window) : wholeTraceProfiles(model);
  return all[kind];
}

/** The whole trace's four profiles: the views ask for each, and one pass makes them all. */
const wholeTraceProfiles = memoizeByModel((model: TraceModel) => blockingProfiles(model));

/** The four blocking profiles in one pass over the trace (blockingProfile says what each is). */
function blockingProfiles(
  model: TraceModel,
  window?: TimeWindow,
): Record<BlockingKind, StackProfile> {
  const { resourceKind, to, reason } = model.transitions;
  const { kind: eventKind, transition, arg, stack } = model;
  const stateOf: Record<BlockingKind, GoState> = {
    sync: GoState.Waiting,
    network: GoState.Waiting,
    syscall: GoState.Syscall,
    sched: GoState.Runnable,
  };
  // Per transition row, one bit per kind (bit k for blockingKinds[k]): the kinds whose wait
  // state the row enters, and the kinds whose wait it starts (state and reason both match).
  const entersState = new Uint8Array(to.length);
  const startsWait = new Uint8Array(to.length);
  to.forEach((state, row) => {
    if (resourceKind[row] !== ResourceKind.Goroutine) return;
    const text = model.strings[reason[row]];
    blockingKinds.forEach((kind, k) => {
      if (state !== stateOf[kind]) return;
      entersState[row] |= 1 << k;
      const tracked =
        kind === 'sync'
          ? text.includes('chan') || text.includes('sync') || text.includes('select')
          : kind !== 'network' || text === 'network';
      if (tracked) startsWait[row] |= 1 << k;
    });
  });
  const kinds = blockingKinds.length;
  const { goroutines, firstRun } = modelFirstRuns(model);
  const profiles = blockingKinds.map(() => new StackProfileBuilder());
  // Per goroutine (dense index): the kinds it is waiting in, and per kind the event that
  // began that wait.
  const waiting = new Uint8Array(goroutines.size);
  const since = new Int32Array(goroutines.size * kinds);
  const { StateTransition } = EventKind;
  const { Goroutine } = ResourceKind;
  for (let i = 0; i < model.count; i++) {
    if (eventKind[i] !== StateTransition) continue;
    const row = transition[i];
    if (resourceKind[row] !== Goroutine) continue;
    const g = goroutines.index(arg[i]);
    const was = waiting[g];
    // A wait goes on while its state does; one that ends does not restart on the same event.
    const ends = was & ~entersState[row];
    const begins = startsWait[row] & ~was;
    waiting[g] = (was & entersState[row]) | begins;
    if ((ends | begins) === 0) continue;
    for (let k = 0; k < kinds; k++) {
      const bit = 1 << k;
      if (begins & bit) since[g * kinds + k] = i;
      if (!(ends & bit)) continue;
      const began = since[g * kinds + k];
      const from = Math.max(
        eventTime(model, began),
        Number.isNaN(firstRun[g]) ? -Infinity : firstRun[g],
      );
      const d = from < eventTime(model, i) ? overlapNs(from, eventTime(model, i), window) : 0;
      if (d > 0) profiles[k].add(stack[began], d);
    }
  }
  return Object.fromEntries(blockingKinds.map((kind, k) => [kind, profiles[k].build()])) as Record<
    BlockingKind,
    StackProfile
  >;
}

export function blockingFlame(
  model: TraceModel,
  kind: BlockingKind,
  window?: TimeWindow,
): FlameTree {
  return stackProfileFlame(model, blockingProfile(model, kind, window));
}
