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
 * Mutator utilization as a step function: from time[j] on, the mutator had share
 * levels[level[j]] of the CPU (of its P with perProc). Each series ends with a 0 at the last
 * event. A series takes few distinct values (1 − k/GOMAXPROCS, and what subtractOneProc makes of
 * them), so a point keeps a one-byte code of its value rather than the value: 9 bytes a point
 * instead of 16. Past 256 distinct values the codes widen to 4 bytes; every value stays exact.
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
  const { kind, arg, count } = model;
  const perProc = flags.perProc === true;
  const out: UtilSeriesBuilder[] = [];
  // The last point of each series, read on every event: cheaper here than from its columns.
  let lastTime = new Float64Array(0);
  let lastUtil = new Float64Array(0);
  const addUtil = (series: number, t: number, u: number) => {
    const previous = lastUtil[series];
    if (previous === u) return;
    const s = out[series];
    if (lastTime[series] === t) {
      // Several changes at one instant keep the lowest.
      if (u < previous) s.set(s.length - 1, (lastUtil[series] = u));
      return;
    }
    s.push((lastTime[series] = t), (lastUtil[series] = u));
  };
  const gc: number[] = []; // per P: GC activities in progress
  const seriesOf: number[] = [];
  const procs: Array<[number, number]> = []; // GOMAXPROCS changes: [time, n]
  let stw = 0;
  let gcPs = 0;
  let nSync = 0;
  // Per goroutine (dense index): in an assist; the P of a counted background worker (-1 for
  // none); whether it is executing (0 unknown or not, 1 yes).
  const goroutines = new DenseIds();
  let inAssist = new Uint8Array(0);
  let workerOn = new Int32Array(0);
  let executing = new Uint8Array(0);
  const slot = (g: number) => {
    const s = goroutines.index(g);
    if (s >= inAssist.length) {
      inAssist = withRoom(inAssist, s, 0);
      workerOn = withRoom(workerOn, s, -1);
      executing = withRoom(executing, s, 0);
    }
    return s;
  };
  const names = model.strings;
  const procsName = names.indexOf(MetricName.gomaxprocs);
  const assistName = names.indexOf(RangeName.gcMarkAssist);
  const sweepName = names.indexOf(RangeName.gcSweep);
  const isGcStw = new Map<number, boolean>();
  const gcStw = (name: number) => {
    let yes = isGcStw.get(name);
    if (yes === undefined) {
      const text = names[name];
      yes = text.startsWith('stop-the-world') && text.includes('GC');
      isGcStw.set(name, yes);
    }
    return yes;
  };
  // Per transition row: whether it is a goroutine's, and whether it runs before and after.
  const { resourceKind, from, to } = model.transitions;
  const isExecuting = (s: number) => s === GoState.Running || s === GoState.Syscall;
  const isGoroutineRow = resourceKind.map((r) => (r === ResourceKind.Goroutine ? 1 : 0));
  const executesBefore = from.map((s) => (isExecuting(s) ? 1 : 0));
  const executesAfter = to.map((s) => (isExecuting(s) ? 1 : 0));
  const { transition, p: procOf } = model;
  const changeGc = (p: number, delta: number) => {
    if (p < 0 || p >= gc.length) return;
    const before = gc[p] > 0;
    gc[p] += delta;
    if (before !== gc[p] > 0) gcPs += before ? -1 : 1;
  };

  // Kind codes as locals: read from the imported object in the loop, they slow V8 down.
  const { Sync, Metric, RangeBegin, RangeActive, RangeEnd, StateTransition, Label } = EventKind;
  for (let i = 0; i < count; i++) {
    const k = kind[i];
    const t = eventTime(model, i);
    if (k === Sync) nSync = model.syncs.n[arg[i]];
    else if (k === Metric && model.metrics.name[arg[i]] === procsName) {
      const n = model.metrics.value[arg[i]];
      if (gc.length > n) {
        if (perProc) for (let p = n; p < gc.length; p++) addUtil(seriesOf[p], t, 0);
        for (let p = n; p < gc.length; p++) if (gc[p] > 0) gcPs--;
        gc.length = n;
        seriesOf.length = n;
      }
      while (gc.length < n) {
        let series = 0;
        if (perProc || out.length === 0) {
          series = out.length;
          // An event adds at most one point, and the first and last points are extra.
          out.push(new UtilSeriesBuilder(count + 2));
          out[series].push(t, 1);
          lastTime = withRoom(lastTime, series, NaN);
          lastUtil = withRoom(lastUtil, series, NaN);
          lastTime[series] = t;
          lastUtil[series] = 1;
        }
        gc.push(0);
        seriesOf.push(series);
      }
      if (procs.length === 0 || procs[procs.length - 1][1] !== n) procs.push([t, n]);
    }
    if (gc.length === 0) continue; // Nothing to measure before GOMAXPROCS is known.

    if (k === RangeBegin || k === RangeActive || k === RangeEnd) {
      const name = model.ranges.name[arg[i]];
      const scope = model.ranges.scopeId[arg[i]];
      const isStw = flags.stw === true && gcStw(name);
      const isSweep = flags.sweep === true && name === sweepName;
      const isAssist = flags.assist === true && name === assistName;
      if (k === RangeActive) {
        // Ranges re-announced in later generations are already counted.
        if (nSync > 1) continue;
        // Running since before the trace started: take it out of the time already measured.
        const counts = isSweep || (isAssist && executing[slot(model.g[i])] === 1);
        if (counts && !perProc) lastUtil[0] = subtractOneProc(out[0], procs);
      }
      const delta = k === RangeEnd ? -1 : 1;
      if (isStw) stw += delta;
      else if (isSweep) changeGc(procOf[i], delta);
      else if (isAssist) {
        changeGc(procOf[i], delta);
        if (scope >= 0) inAssist[slot(scope)] = delta > 0 ? 1 : 0;
      }
    } else if (k === StateTransition) {
      const row = transition[i];
      if (isGoroutineRow[row] === 1) {
        const s = slot(arg[i]);
        const was = executesBefore[row];
        const is = executesAfter[row];
        if (inAssist[s] && was !== is) changeGc(procOf[i], is ? 1 : -1);
        if (workerOn[s] >= 0 && was && !is) {
          changeGc(workerOn[s], -1);
          workerOn[s] = -1;
        }
        executing[s] = is;
      }
    } else if (k === Label && flags.background === true) {
      const label = names[model.labels.label[arg[i]]];
      const s = slot(model.labels.goroutine[arg[i]]);
      // Per P, dedicated workers are left out: they take the whole P and delay no goroutine.
      const counted =
        label.startsWith('GC ') &&
        label !== 'GC (idle)' &&
        !(perProc && label === 'GC (dedicated)');
      if (counted && workerOn[s] < 0 && model.p[i] >= 0) {
        workerOn[s] = model.p[i];
        changeGc(model.p[i], 1);
      }
    }

    if (!perProc) {
      addUtil(0, t, 1 - (stw > 0 ? gc.length : gcPs) / gc.length);
    } else {
      for (let p = 0; p < gc.length; p++) addUtil(seriesOf[p], t, stw > 0 || gc[p] > 0 ? 0 : 1);
    }
  }
  if (count === 0) return [];
  const last = eventTime(model, count - 1);
  for (let p = 0; p < gc.length; p++) addUtil(seriesOf[p], last, 0);
  return out.map((s) => s.finish());
}

/**
 * Lowers every point so far by one P's share of the utilization (gc.go, RangeActive), and
 * returns the last point's new utilization.
 */
function subtractOneProc(series: UtilSeriesBuilder, procs: Array<[number, number]>): number {
  const { time } = series;
  let pi = 0;
  for (let m = 0; m < series.length; m++) {
    while (pi < procs.length - 1 && procs[pi + 1][0] < time[m]) pi++;
    series.set(m, Math.max(0, series.util(m) - 1 / procs[pi][1]));
  }
  return series.util(series.length - 1);
}

/**
 * A utilization series written point after point, in columns as long as it may get: pages never
 * written cost no memory, and the result is a view on them, so points are written once and never
 * copied.
 */
export class UtilSeriesBuilder {
  length = 0;
  readonly time: Float64Array;
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

  /** Sets the utilization of point j. */
  set(j: number, u: number): void {
    const code = this.code(u); // first: it may widen the column
    this.level[j] = code;
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
