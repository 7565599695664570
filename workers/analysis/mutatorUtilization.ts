import {
  EventKind,
  GoState,
  MetricName,
  RangeName,
  ResourceKind,
  type TraceModel,
} from '../trace/model';
import { eventTime } from '../trace/eventTimes';
import { DenseIds } from './denseIds';
import { withRoom } from './growingColumn';

/** What counts as GC (not mutator) time: internal/trace/gc.go UtilFlags. */
export interface UtilFlags {
  /** Stop-the-world pauses whose reason mentions GC. */
  stw?: boolean;
  /** Background mark workers (dedicated and fractional; idle workers use idle Ps only). */
  background?: boolean;
  /** Mark assists, while the assisting goroutine runs. */
  assist?: boolean;
  /** Incremental sweeping. */
  sweep?: boolean;
  /** One series per P instead of one for the whole program. */
  perProc?: boolean;
}

/**
 * Mutator utilization as a step function: from time[j] on (times strictly increasing), the
 * mutator had share levels[level[j]] of the CPU (of its P with perProc). Each series ends with a
 * 0 at the last event. A series takes few distinct values (1 − k/GOMAXPROCS, and what
 * subtractOneProc makes of them), so a point keeps a one-byte code of its value rather than the
 * value: 9 bytes a point instead of 16. Past 256 distinct values the codes widen to 4 bytes;
 * every value stays exact.
 */
export interface UtilSeries {
  time: Float64Array;
  level: Uint8Array | Uint32Array;
  levels: Float64Array;
}

/**
 * Mutator utilization over the trace, after MutatorUtilizationV2 (internal/trace/gc.go): a P
 * does GC while it sweeps, while an assisting goroutine or a background worker runs on it, and
 * every P does during a GC stop-the-world. One deliberate difference: Go counts a background
 * worker once per label and again per start, so a worker running twice keeps its P marked as
 * GC after it stops; here a worker counts once for each stint its label names.
 */
export function mutatorUtilization(model: TraceModel, flags: UtilFlags): UtilSeries[] {
  const { kind, arg, count, transition, procThread } = model;
  const procOf = model.procThreads.p;
  if (count === 0) return [];
  const perProc = flags.perProc === true;
  const gc = new GcActivity(perProc, count);
  const goroutines = new GoroutineStates();
  let nSync = 0;
  const names = model.strings;
  const procsName = names.indexOf(MetricName.gomaxprocs);
  const { name: metricName, value: metricValue } = model.metrics;
  const { name: rangeName, scopeId } = model.ranges;
  const roleOfName = rangeRoles(names, flags);
  // Per transition row: whether it is a goroutine's, and whether it runs before and after.
  const { resourceKind, from, to } = model.transitions;
  const isExecuting = (s: number) => s === GoState.Running || s === GoState.Syscall;
  const isGoroutineRow = resourceKind.map((r) => (r === ResourceKind.Goroutine ? 1 : 0));
  const executesBefore = from.map((s) => (isExecuting(s) ? 1 : 0));
  const executesAfter = to.map((s) => (isExecuting(s) ? 1 : 0));

  // Kind codes as locals: read from the imported object in the loop, they slow V8 down.
  const { Sync, Metric, RangeBegin, RangeActive, RangeEnd, StateTransition, Label } = EventKind;
  const { stw: stwRange, sweep: sweepRange, assist: assistRange } = RangeRole;
  for (let i = 0; i < count; i++) {
    const k = kind[i];
    if (k === Sync) nSync = model.syncs.n[arg[i]];
    else if (k === Metric && metricName[arg[i]] === procsName) {
      gc.setProcs(eventTime(model, i), metricValue[arg[i]]);
    }
    if (gc.procs === 0) continue; // Nothing to measure before GOMAXPROCS is known.

    if (k === StateTransition) {
      const row = transition[i];
      const was = executesBefore[row];
      const is = executesAfter[row];
      // Whether a goroutine executes is read only by RangeActive events, which count in the
      // first generation only: later, transitions that keep it as it is change nothing.
      if (isGoroutineRow[row] === 1 && (was !== is || nSync <= 1)) {
        const s = goroutines.slot(arg[i]);
        if (goroutines.inAssist[s] && was !== is) gc.change(procOf[procThread[i]], is ? 1 : -1);
        if (goroutines.workerOn[s] >= 0 && was && !is) {
          gc.change(goroutines.workerOn[s], -1);
          goroutines.workerOn[s] = -1;
        }
        goroutines.executing[s] = is;
      }
    } else if (k === RangeBegin || k === RangeActive || k === RangeEnd) {
      const role = roleOfName[rangeName[arg[i]]];
      if (k === RangeActive) {
        // Ranges re-announced in later generations are already counted.
        if (nSync > 1) continue;
        // Running since before the trace started: take it out of the time already measured.
        const counts =
          role === sweepRange ||
          (role === assistRange && goroutines.executing[goroutines.slot(model.g[i])] === 1);
        if (counts && !perProc) gc.subtractOneProc();
      }
      const delta = k === RangeEnd ? -1 : 1;
      if (role === stwRange) gc.changeStw(delta);
      else if (role === sweepRange) gc.change(procOf[procThread[i]], delta);
      else if (role === assistRange) {
        gc.change(procOf[procThread[i]], delta);
        const scope = scopeId[arg[i]];
        if (scope >= 0) goroutines.inAssist[goroutines.slot(scope)] = delta > 0 ? 1 : 0;
      }
    } else if (k === Label && flags.background === true) {
      const label = names[model.labels.label[arg[i]]];
      const s = goroutines.slot(model.labels.goroutine[arg[i]]);
      // Per P, dedicated workers are left out: they take the whole P and delay no goroutine.
      const counted =
        label.startsWith('GC ') &&
        label !== 'GC (idle)' &&
        !(perProc && label === 'GC (dedicated)');
      const p = procOf[procThread[i]];
      if (counted && goroutines.workerOn[s] < 0 && p >= 0) {
        goroutines.workerOn[s] = p;
        gc.change(p, 1);
      }
    }

    if (gc.stale) gc.update(eventTime(model, i));
  }
  return gc.finish(eventTime(model, count - 1));
}

/**
 * Which Ps do GC, and the utilization series that follow it. Series are brought up to date
 * only when the state changed (`stale`), not on each of the millions of events that change
 * nothing.
 */
class GcActivity {
  /** GOMAXPROCS, 0 until known. */
  procs = 0;
  /**
   * Whether a series may be behind the state: set on every change, and kept while a rise is held
   * back by a fall at the same instant (it is added at the next event).
   */
  stale = false;
  private stw = 0;
  /** Ps with GC activities in progress. */
  private gcPs = 0;
  /** Per P: GC activities in progress, and the series it counts in. */
  private readonly gc: number[] = [];
  private readonly seriesOf: UtilSeriesBuilder[] = [];
  private readonly out: UtilSeriesBuilder[] = [];
  /** GOMAXPROCS changes: [time, n]. */
  private readonly procChanges: Array<[number, number]> = [];

  constructor(
    private readonly perProc: boolean,
    private readonly events: number,
  ) {}

  setProcs(t: number, n: number): void {
    const { gc, seriesOf, out } = this;
    if (gc.length > n) {
      if (this.perProc) for (let p = n; p < gc.length; p++) seriesOf[p].add(t, 0);
      for (let p = n; p < gc.length; p++) if (gc[p] > 0) this.gcPs--;
      gc.length = n;
      seriesOf.length = n;
    }
    while (gc.length < n) {
      if (this.perProc || out.length === 0) {
        // An event adds at most one point, and the first and last points are extra.
        out.push(new UtilSeriesBuilder(this.events + 2));
        out[out.length - 1].push(t, 1);
      }
      gc.push(0);
      seriesOf.push(out[out.length - 1]);
    }
    const changes = this.procChanges;
    if (changes.length === 0 || changes[changes.length - 1][1] !== n) changes.push([t, n]);
    this.procs = n;
    this.stale = true;
  }

  /** One more (delta 1) or one fewer (-1) GC activity on P p. */
  change(p: number, delta: number): void {
    const { gc } = this;
    if (p < 0 || p >= gc.length) return;
    const before = gc[p] > 0;
    gc[p] += delta;
    if (before !== gc[p] > 0) {
      this.gcPs += before ? -1 : 1;
      this.stale = true;
    }
  }

  changeStw(delta: number): void {
    this.stw += delta;
    this.stale = true;
  }

  /** Lowers every point so far by one P's share of the utilization (gc.go, RangeActive). */
  subtractOneProc(): void {
    const series = this.out[0];
    const { time } = series;
    const changes = this.procChanges;
    let pi = 0;
    for (let m = 0; m < series.length; m++) {
      while (pi < changes.length - 1 && changes[pi + 1][0] < time[m]) pi++;
      series.set(m, Math.max(0, series.util(m) - 1 / changes[pi][1]));
    }
    this.stale = true;
  }

  /** Adds the utilization of the state at t to the series. */
  update(t: number): void {
    const { gc, stw } = this;
    let behind = false;
    if (!this.perProc) {
      const u = 1 - (stw > 0 ? gc.length : this.gcPs) / gc.length;
      this.out[0].add(t, u);
      behind = this.out[0].lastUtil !== u;
    } else {
      for (let p = 0; p < gc.length; p++) {
        const u = stw > 0 || gc[p] > 0 ? 0 : 1;
        this.seriesOf[p].add(t, u);
        if (this.seriesOf[p].lastUtil !== u) behind = true;
      }
    }
    this.stale = behind;
  }

  /** The series, each ended with a 0 at the last event's time. */
  finish(last: number): UtilSeries[] {
    for (let p = 0; p < this.gc.length; p++) this.seriesOf[p].add(last, 0);
    return this.out.map((s) => s.finish());
  }
}

/**
 * Per goroutine (dense index): in an assist; the P of a counted background worker (-1 for
 * none); whether it is executing (0 unknown or not, 1 yes).
 */
class GoroutineStates {
  inAssist = new Uint8Array(0);
  workerOn = new Int32Array(0);
  executing = new Uint8Array(0);
  private readonly ids = new DenseIds();

  /** The dense index of goroutine g, with room for it in the columns. */
  slot(g: number): number {
    const s = this.ids.index(g);
    if (s >= this.inAssist.length) {
      this.inAssist = withRoom(this.inAssist, s, 0);
      this.workerOn = withRoom(this.workerOn, s, -1);
      this.executing = withRoom(this.executing, s, 0);
    }
    return s;
  }
}

/** What a range counts as under the flags. */
const RangeRole = { none: 0, stw: 1, sweep: 2, assist: 3 } as const;

/** The RangeRole of each string id, as a range name. */
function rangeRoles(names: string[], flags: UtilFlags): Uint8Array {
  return Uint8Array.from(names, (name) => {
    if (flags.stw === true && name.startsWith('stop-the-world') && name.includes('GC')) {
      return RangeRole.stw;
    }
    if (flags.sweep === true && name === RangeName.gcSweep) return RangeRole.sweep;
    if (flags.assist === true && name === RangeName.gcMarkAssist) return RangeRole.assist;
    return RangeRole.none;
  });
}

/**
 * A utilization series written point after point, in columns as long as it may get: pages never
 * written cost no memory, and the result is a view on them, so points are written once and never
 * copied.
 */
export class UtilSeriesBuilder {
  length = 0;
  readonly time: Float64Array;
  /** The utilization of the last point (NaN before the first). */
  lastUtil = NaN;
  private level: Uint8Array | Uint32Array;
  private readonly levels: number[] = [];
  private readonly codes = new Map<number, number>();

  constructor(private readonly capacity: number) {
    this.time = new Float64Array(capacity);
    this.level = new Uint8Array(capacity);
  }

  push(t: number, u: number): void {
    this.time[this.length] = t;
    this.set(this.length++, u);
  }

  /**
   * Utilization u from time t on, t no earlier than the last point: a new point if u differs
   * from the last one. Several changes at one instant keep the lowest.
   */
  add(t: number, u: number): void {
    if (u === this.lastUtil) return;
    if (this.length > 0 && this.time[this.length - 1] === t) {
      if (u < this.lastUtil) this.set(this.length - 1, u);
      return;
    }
    this.push(t, u);
  }

  /** Sets the utilization of point j. */
  set(j: number, u: number): void {
    const code = this.code(u); // first: it may widen the column
    this.level[j] = code;
    if (j === this.length - 1) this.lastUtil = u;
  }

  util(j: number): number {
    return this.levels[this.level[j]];
  }

  finish(): UtilSeries {
    return {
      time: this.time.subarray(0, this.length),
      level: this.level.subarray(0, this.length),
      levels: Float64Array.from(this.levels),
    };
  }

  private code(u: number): number {
    let code = this.codes.get(u);
    if (code === undefined) {
      code = this.levels.length;
      this.levels.push(u);
      this.codes.set(u, code);
      if (code === 256 && this.level instanceof Uint8Array) {
        const wide = new Uint32Array(this.capacity);
        wide.set(this.level.subarray(0, this.length));
        this.level = wide;
      }
    }
    return code;
  }
}
