import type { FlameTree } from '../flame/flameTree';
import { GoState, ResourceKind, type TraceModel } from '../trace/model';
import { eventTime } from '../trace/eventTimes';
import { DenseIds } from './denseIds';
import { withRoom } from './growingColumn';
import { memoizeByModel } from './modelMemo';
import { lastAtOrBefore } from './sortedSearch';
import { StackProfileBuilder, stackProfileFlame, type StackProfile } from './stackProfile';
import { isWindowed, overlapNs, type TimeWindow } from './timeWindow';

/** The four blocking profiles of `go tool trace` (cmd/trace/pprof.go). */
export type BlockingKind = 'sync' | 'network' | 'syscall' | 'sched';

export const blockingKinds: BlockingKind[] = ['sync', 'network', 'syscall', 'sched'];

const kinds = blockingKinds.length;
// Imported values the per-event loops use, copied once: under CommonJS (Node through tsx) each
// use of an imported binding is a getter call.
const goroutineResource = ResourceKind.Goroutine;
const runningState = GoState.Running;
const timeOf = eventTime;

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
  const waits = modelWaits(model);
  return (isWindowed(window) ? windowProfiles(model, waits, window) : waits.whole)[kind];
}

export function blockingFlame(
  model: TraceModel,
  kind: BlockingKind,
  window?: TimeWindow,
): FlameTree {
  return stackProfileFlame(model, blockingProfile(model, kind, window));
}

/**
 * Kept per model: the views ask for each kind, and again at every zoom step. A checkpoint every
 * 2^16 events leaves a window at most twice that to replay besides its own events, and few waits
 * are open across one (about 100k records, 1.4 MB, on a trace of 22M events).
 */
const modelWaits = memoizeByModel((model: TraceModel) => indexWaits(model, 16));

type BlockingProfiles = Record<BlockingKind, StackProfile>;

/**
 * The whole trace's four profiles, every goroutine with a transition (numbered in order of first
 * appearance) and when it first ran (-Infinity if never), and every wait open at a checkpoint
 * (event 2^checkpointBits, twice that, ...): its goroutine, kind, first event and ending event
 * (the event count for a wait that never ends), ordered by ending event and then kind, the order
 * the waits are added in.
 */
export interface WaitIndex {
  whole: BlockingProfiles;
  goroutines: DenseIds;
  firstRun: Float64Array;
  checkpointBits: number;
  crossing: { goroutine: Int32Array; kind: Uint8Array; begin: Int32Array; end: Int32Array };
}

/** One pass over the trace: blockingProfile says what the profiles hold, WaitIndex the rest. */
export function indexWaits(model: TraceModel, checkpointBits: number): WaitIndex {
  const goroutines = new DenseIds();
  let replay = new WaitReplay(model, goroutines, new Float64Array(0), false);
  let crossing = new CrossingWaits(checkpointBits);
  replay.run(0, model.count, undefined, crossing);
  // A wait that ends before its goroutine's first run counts only if that run never comes, which
  // the trace end tells. It is rare (a goroutine in a syscall when tracing starts that loses its
  // P, and then never runs), and then the pass is made again, knowing.
  const firstRun = replay.firstRun.slice(0, goroutines.size);
  if (replay.endedBeforeRun.some((g) => firstRun[g] === -Infinity)) {
    replay = new WaitReplay(model, goroutines, firstRun, true);
    crossing = new CrossingWaits(checkpointBits);
    replay.run(0, model.count, undefined, crossing);
  }
  const { waiting, since } = replay;
  for (let g = 0; g < goroutines.size; g++) {
    for (let b = waiting[g]; b !== 0; b &= b - 1) {
      const k = lowestBit(b);
      crossing.add(g, k, since[g * kinds + k], model.count);
    }
  }
  return {
    whole: replay.profiles(),
    goroutines,
    firstRun,
    checkpointBits,
    crossing: crossing.finish(),
  };
}

/**
 * The profiles of a window, as the whole trace's pass would make them with its waits cut to the
 * window: the same replay, but from the last checkpoint before the window, with the waits open
 * there, to the first checkpoint after it; the waits still open then end later, and the index
 * has them. Events before the window end no wait inside it, and events after it begin none.
 */
export function windowProfiles(
  model: TraceModel,
  index: WaitIndex,
  window: TimeWindow,
): BlockingProfiles {
  const { count } = model;
  const step = 2 ** index.checkpointBits;
  const from = window.from ?? -Infinity;
  const to = window.to ?? Infinity;
  let first = 0;
  while (first + step < count && timeOf(model, first + step) < from) first += step;
  let last = first + step;
  while (last < count && timeOf(model, last) < to) last += step;
  last = Math.min(last, count);
  const { goroutine, kind, begin, end } = index.crossing;
  const replay = new WaitReplay(model, index.goroutines, index.firstRun, true);
  // Records are ordered by ending event: those of waits open at `first` are in the tail.
  for (let r = lastAtOrBefore(end, first - 1) + 1; r < end.length; r++) {
    if (begin[r] < first) replay.resume(goroutine[r], kind[r], begin[r]);
  }
  replay.run(first, last, window);
  for (let r = lastAtOrBefore(end, last - 1) + 1; r < end.length && end[r] < count; r++) {
    if (begin[r] < last) replay.end(goroutine[r], kind[r], begin[r], end[r], window);
  }
  return replay.profiles();
}

/**
 * The wait state of every goroutine as the events go by: per goroutine (dense index) the kinds
 * it is waiting in, and per kind the event that began that wait; the waits ended so far, summed
 * per kind and stack. Goroutines are numbered, and their first runs noted, as they appear.
 */
class WaitReplay {
  waiting: Uint8Array;
  since: Int32Array;
  /** Goroutines with a wait that ended before their first run, while first runs are not known. */
  readonly endedBeforeRun: number[] = [];
  private readonly rows: WaitRows;
  private readonly builders = blockingKinds.map(() => new StackProfileBuilder());

  /**
   * `firstRun` per goroutine, -Infinity for none yet; `firstRunsKnown` if it holds the whole
   * trace's (cmd/trace/pprof.go clips every wait to [first run, end] of its goroutine).
   */
  constructor(
    private readonly model: TraceModel,
    private readonly goroutines: DenseIds,
    public firstRun: Float64Array,
    private readonly firstRunsKnown: boolean,
  ) {
    this.rows = waitRows(model);
    this.waiting = new Uint8Array(goroutines.size);
    this.since = new Int32Array(goroutines.size * kinds);
  }

  /** Takes up a wait begun before the replay starts. */
  resume(g: number, k: number, began: number): void {
    this.waiting[g] |= 1 << k;
    this.since[g * kinds + k] = began;
  }

  /** Replays events [start, end), noting in `crossing` the waits that end past a checkpoint. */
  run(start: number, end: number, window: TimeWindow | undefined, crossing?: CrossingWaits): void {
    const { model, goroutines } = this;
    const { transition, arg } = model;
    const { isGoroutine, toRunning, entersState, startsWait } = this.rows;
    let { waiting, since, firstRun } = this;
    for (let i = start; i < end; i++) {
      const row = transition[i];
      if (!isGoroutine[row]) continue;
      const g = goroutines.index(arg[i]);
      if (g >= waiting.length) ({ waiting, since, firstRun } = this.makeRoom(g));
      if (toRunning[row] && firstRun[g] === -Infinity) firstRun[g] = timeOf(model, i);
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
        this.end(g, k, began, i, window);
        crossing?.add(g, k, began, i);
      }
    }
  }

  /** Adds the part in the window of goroutine g's wait of kind k from event `began` to `ended`. */
  end(g: number, k: number, began: number, ended: number, window: TimeWindow | undefined): void {
    const { model } = this;
    const firstRun = this.firstRun[g];
    if (firstRun === -Infinity && !this.firstRunsKnown) {
      this.endedBeforeRun.push(g);
      return;
    }
    // overlapNs is 0 for a wait that ends before its goroutine first runs.
    const d = overlapNs(Math.max(timeOf(model, began), firstRun), timeOf(model, ended), window);
    if (d > 0) this.builders[k].add(model.stack[began], d);
  }

  profiles(): BlockingProfiles {
    return Object.fromEntries(
      blockingKinds.map((kind, k) => [kind, this.builders[k].build()]),
    ) as BlockingProfiles;
  }

  /** Room for goroutine g, which the trace has just named. */
  private makeRoom(g: number): this {
    this.waiting = withRoom(this.waiting, g, 0);
    this.since = withRoom(this.since, this.waiting.length * kinds - 1, 0);
    this.firstRun = withRoom(this.firstRun, this.waiting.length - 1, -Infinity);
    return this;
  }
}

/** The records of WaitIndex.crossing, as the index pass finds them. */
class CrossingWaits {
  private count = 0;
  private goroutine = new Int32Array(0);
  private kind = new Uint8Array(0);
  private begin = new Int32Array(0);
  private end = new Int32Array(0);

  constructor(private readonly checkpointBits: number) {}

  /** Keeps the wait if a checkpoint falls in (begin, end]. */
  add(g: number, k: number, begin: number, end: number): void {
    if (begin >>> this.checkpointBits === end >>> this.checkpointBits) return;
    const r = this.count++;
    this.goroutine = withRoom(this.goroutine, r, 0);
    this.kind = withRoom(this.kind, r, 0);
    this.begin = withRoom(this.begin, r, 0);
    this.end = withRoom(this.end, r, 0);
    this.goroutine[r] = g;
    this.kind[r] = k;
    this.begin[r] = begin;
    this.end[r] = end;
  }

  finish(): WaitIndex['crossing'] {
    const n = this.count;
    return {
      goroutine: this.goroutine.slice(0, n),
      kind: this.kind.slice(0, n),
      begin: this.begin.slice(0, n),
      end: this.end.slice(0, n),
    };
  }
}

/** The index of the lowest set bit of a nonzero number. */
function lowestBit(bits: number): number {
  return 31 - Math.clz32(bits & -bits);
}

/**
 * Per transition row: whether it is a goroutine's and whether it makes it run, and one bit per
 * kind (bit k for blockingKinds[k]): the kinds whose wait state it enters, and the kinds whose
 * wait it starts (state and reason both match). A few dozen rows, made per replay.
 */
interface WaitRows {
  isGoroutine: Uint8Array;
  toRunning: Uint8Array;
  entersState: Uint8Array;
  startsWait: Uint8Array;
}

function waitRows(model: TraceModel): WaitRows {
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
  const toRunning = to.map((state, row) => (isGoroutine[row] && state === runningState ? 1 : 0));
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
  return { isGoroutine, toRunning, entersState, startsWait };
}
