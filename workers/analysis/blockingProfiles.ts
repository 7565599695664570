import type { FlameTree } from '../flame/flameTree';
import { GoState, ResourceKind, type TraceModel } from '../trace/model';
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

export function blockingFlame(
  model: TraceModel,
  kind: BlockingKind,
  window?: TimeWindow,
): FlameTree {
  return stackProfileFlame(model, blockingProfile(model, kind, window));
}

/** The whole trace's four profiles: the views ask for each, and one pass makes them all. */
const wholeTraceProfiles = memoizeByModel((model: TraceModel) => blockingProfiles(model));

const kinds = blockingKinds.length;
// Imported values the per-event loops use, copied once: under CommonJS (Node through tsx) each
// use of an imported binding is a getter call.
const goroutineResource = ResourceKind.Goroutine;
const runningState = GoState.Running;
const timeOf = eventTime;

/** The four blocking profiles in one pass over the trace (blockingProfile says what each is). */
function blockingProfiles(
  model: TraceModel,
  window?: TimeWindow,
): Record<BlockingKind, StackProfile> {
  const { transition, arg, stack } = model;
  const { isGoroutine, entersState, startsWait, goroutines, firstRun } = modelWaitTables(model);
  const profiles = blockingKinds.map(() => new StackProfileBuilder());
  // Per goroutine (dense index): the kinds it is waiting in, and per kind the event that
  // began that wait.
  const waiting = new Uint8Array(goroutines.size);
  const since = new Int32Array(goroutines.size * kinds);
  for (let i = 0; i < model.count; i++) {
    const row = transition[i];
    if (!isGoroutine[row]) continue;
    const g = goroutines.find(arg[i]);
    const was = waiting[g];
    // A wait goes on while its state does; one that ends does not restart on the same event.
    const ends = was & ~entersState[row];
    const begins = startsWait[row] & ~was;
    waiting[g] = (was & entersState[row]) | begins;
    if ((ends | begins) === 0) continue;
    // One bit at a time, lowest kind first (the order a profile's rows are made in).
    for (let b = begins; b !== 0; b &= b - 1) since[g * kinds + lowestBit(b)] = i;
    for (let e = ends; e !== 0; e &= e - 1) {
      const k = lowestBit(e);
      const began = since[g * kinds + k];
      // overlapNs is 0 for a wait that ends before its goroutine first runs.
      const d = overlapNs(Math.max(timeOf(model, began), firstRun[g]), timeOf(model, i), window);
      if (d > 0) profiles[k].add(stack[began], d);
    }
  }
  return Object.fromEntries(blockingKinds.map((kind, k) => [kind, profiles[k].build()])) as Record<
    BlockingKind,
    StackProfile
  >;
}

/** The index of the lowest set bit of a nonzero number. */
function lowestBit(bits: number): number {
  return 31 - Math.clz32(bits & -bits);
}

/**
 * What every pass needs, per model: per transition row whether it is a goroutine's and, one bit
 * per kind (bit k for blockingKinds[k]), the kinds whose wait state it enters and the kinds whose
 * wait it starts (state and reason both match); every goroutine numbered, and when each first
 * ran (-Infinity if never: cmd/trace/pprof.go clips every wait to [first run, end] of its
 * goroutine).
 */
const modelWaitTables = memoizeByModel((model: TraceModel) => {
  const { resourceKind, to, reason } = model.transitions;
  const stateOf: Record<BlockingKind, GoState> = {
    sync: GoState.Waiting,
    network: GoState.Waiting,
    syscall: GoState.Syscall,
    sched: GoState.Runnable,
  };
  // Events of other kinds have row 0, a placeholder of no resource: the row alone says which
  // events are goroutine transitions.
  const isGoroutine = resourceKind.map((r) => (r === goroutineResource ? 1 : 0));
  const entersState = new Uint8Array(to.length);
  const startsWait = new Uint8Array(to.length);
  to.forEach((state, row) => {
    if (!isGoroutine[row]) return;
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
  const { transition, arg } = model;
  const goroutines = new DenseIds();
  let firstRun = new Float64Array(0);
  for (let i = 0; i < model.count; i++) {
    const row = transition[i];
    if (!isGoroutine[row]) continue;
    const g = goroutines.index(arg[i]);
    if (g >= firstRun.length) firstRun = withRoom(firstRun, g, -Infinity);
    if (to[row] === runningState && firstRun[g] === -Infinity) firstRun[g] = timeOf(model, i);
  }
  return { isGoroutine, entersState, startsWait, goroutines, firstRun };
});
