import {
  EventKind,
  GoState,
  MetricName,
  RangeName,
  ResourceKind,
  type TraceModel,
} from '../trace/model';

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
 * Mutator utilization as a step function: from time[i] on, the mutator had share util[i] of
 * the CPU (of its P with perProc). Each series ends with a 0 at the last event.
 */
export interface UtilSeries {
  time: Float64Array;
  util: Float64Array;
}

/**
 * Mutator utilization over the trace, after MutatorUtilizationV2 (internal/trace/gc.go): a P
 * does GC while it sweeps, while an assisting goroutine or a background worker runs on it, and
 * every P does during a GC stop-the-world. One deliberate difference: Go counts a background
 * worker once per label and again per start, so a worker running twice keeps its P marked as
 * GC after it stops; here a worker counts once for each stint its label names.
 */
export function mutatorUtilization(model: TraceModel, flags: UtilFlags): UtilSeries[] {
  const { kind, time, arg, count } = model;
  const perProc = flags.perProc === true;
  const out: Array<{ time: number[]; util: number[] }> = [];
  const addUtil = (series: number, t: number, u: number) => {
    const s = out[series];
    const n = s.time.length;
    if (n > 0) {
      if (s.util[n - 1] === u) return;
      if (s.time[n - 1] === t) {
        if (u < s.util[n - 1]) s.util[n - 1] = u;
        return;
      }
    }
    s.time.push(t);
    s.util.push(u);
  };
  const gc: number[] = []; // per P: GC activities in progress
  const seriesOf: number[] = [];
  const procs: Array<[number, number]> = []; // GOMAXPROCS changes: [time, n]
  let stw = 0;
  let gcPs = 0;
  let nSync = 0;
  const inAssist = new Set<number>();
  const workerOn = new Map<number, number>(); // counted background worker -> its P
  const executing = new Map<number, boolean>();
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
  const { resourceKind, from, to } = model.transitions;
  const isExecuting = (s: number) => s === GoState.Running || s === GoState.Syscall;
  const changeGc = (p: number, delta: number) => {
    if (p < 0 || p >= gc.length) return;
    const before = gc[p] > 0;
    gc[p] += delta;
    if (before !== gc[p] > 0) gcPs += before ? -1 : 1;
  };

  for (let i = 0; i < count; i++) {
    const k = kind[i];
    const t = time[i];
    if (k === EventKind.Sync) nSync = model.syncs.n[arg[i]];
    else if (k === EventKind.Metric && model.metrics.name[arg[i]] === procsName) {
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
          out.push({ time: [t], util: [1] });
        }
        gc.push(0);
        seriesOf.push(series);
      }
      if (procs.length === 0 || procs[procs.length - 1][1] !== n) procs.push([t, n]);
    }
    if (gc.length === 0) continue; // Nothing to measure before GOMAXPROCS is known.

    if (k === EventKind.RangeBegin || k === EventKind.RangeActive || k === EventKind.RangeEnd) {
      const name = model.ranges.name[arg[i]];
      const scope = model.ranges.scopeId[arg[i]];
      const isStw = flags.stw === true && gcStw(name);
      const isSweep = flags.sweep === true && name === sweepName;
      const isAssist = flags.assist === true && name === assistName;
      if (k === EventKind.RangeActive) {
        // Ranges re-announced in later generations are already counted.
        if (nSync > 1) continue;
        // Running since before the trace started: take it out of the time already measured.
        const counts = isSweep || (isAssist && executing.get(model.g[i]) === true);
        if (counts && !perProc) subtractOneProc(out[0], procs);
      }
      const delta = k === EventKind.RangeEnd ? -1 : 1;
      if (isStw) stw += delta;
      else if (isSweep) changeGc(model.p[i], delta);
      else if (isAssist) {
        changeGc(model.p[i], delta);
        if (scope >= 0 && delta > 0) inAssist.add(scope);
        else if (scope >= 0) inAssist.delete(scope);
      }
    } else if (k === EventKind.StateTransition) {
      const row = model.transition[i];
      if (resourceKind[row] === ResourceKind.Goroutine) {
        const g = arg[i];
        const was = isExecuting(from[row]);
        const is = isExecuting(to[row]);
        if (inAssist.has(g) && was !== is) changeGc(model.p[i], is ? 1 : -1);
        const workerP = workerOn.get(g);
        if (workerP !== undefined && was && !is) {
          changeGc(workerP, -1);
          workerOn.delete(g);
        }
        executing.set(g, is);
      }
    } else if (k === EventKind.Label && flags.background === true) {
      const label = names[model.labels.label[arg[i]]];
      const g = model.labels.goroutine[arg[i]];
      // Per P, dedicated workers are left out: they take the whole P and delay no goroutine.
      const counted =
        label.startsWith('GC ') &&
        label !== 'GC (idle)' &&
        !(perProc && label === 'GC (dedicated)');
      if (counted && !workerOn.has(g) && model.p[i] >= 0) {
        workerOn.set(g, model.p[i]);
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
  const last = time[count - 1];
  for (let p = 0; p < gc.length; p++) addUtil(seriesOf[p], last, 0);
  return out.map((s) => ({ time: Float64Array.from(s.time), util: Float64Array.from(s.util) }));
}

/** Lowers every point so far by one P's share of the utilization (gc.go, RangeActive). */
function subtractOneProc(
  series: { time: number[]; util: number[] },
  procs: Array<[number, number]>,
) {
  let pi = 0;
  for (let m = 0; m < series.time.length; m++) {
    while (pi < procs.length - 1 && procs[pi + 1][0] < series.time[m]) pi++;
    series.util[m] = Math.max(0, series.util[m] - 1 / procs[pi][1]);
  }
}
