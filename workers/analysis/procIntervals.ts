import {
  EventKind,
  GoState,
  ProcState,
  RangeName,
  ResourceKind,
  type TraceModel,
} from '../trace/model';

/** What a P was doing during an interval. */
export const ProcActivity = {
  /** A goroutine ran on the P. */
  running: 0,
  /** The goroutine was in a syscall, still holding the P. */
  syscall: 1,
  /** A background mark worker ran, by its label. */
  markDedicated: 2,
  markFractional: 3,
  markIdle: 4,
  /** A goroutine running on the P was in a mark assist (overlaps its `running` interval). */
  markAssist: 5,
  /** The P swept spans ("GC incremental sweep"; overlaps the interval of whoever ran). */
  sweep: 6,
} as const;
export type ProcActivity = (typeof ProcActivity)[keyof typeof ProcActivity];

/** Intervals of P activity, sorted by start time. */
export interface ProcIntervals {
  p: Int32Array;
  start: Float64Array;
  end: Float64Array;
  /** The goroutine, -1 for sweeps started outside any goroutine. */
  g: Int32Array;
  activity: Uint8Array;
}

const workerLabels = ['GC (dedicated)', 'GC (fractional)', 'GC (idle)'];

/**
 * Per-P timeline, as `go tool trace` draws it by proc (cmd/trace/procgen.go): who ran on each P
 * and when, syscalls holding the P, GC workers by mode, assists and sweeps.
 */
export function procIntervals(model: TraceModel): ProcIntervals {
  const { kind, time, arg, count } = model;
  const { resourceKind, from, to } = model.transitions;
  const out = { p: [] as number[], start: [] as number[], end: [] as number[] };
  const outG: number[] = [];
  const outActivity: number[] = [];
  const emit = (p: number, start: number, end: number, g: number, activity: number) => {
    if (p < 0) return;
    out.p.push(p);
    out.start.push(start);
    out.end.push(end);
    outG.push(g);
    outActivity.push(activity);
  };
  // Open interval of each goroutine on a P: [p, start, activity].
  const onP = new Map<number, [number, number, number]>();
  const assistOn = new Map<number, [number, number]>(); // g -> [p, start] while assisting and running.
  const assisting = new Set<number>();
  const sweepOn = new Map<number, [number, number]>(); // p -> [start, g]
  const labelMode = workerLabels.map((l) => model.strings.indexOf(l));
  const assistName = model.strings.indexOf(RangeName.gcMarkAssist);
  const sweepName = model.strings.indexOf(RangeName.gcSweep);
  const close = (g: number, t: number) => {
    const open = onP.get(g);
    if (open) emit(open[0], open[1], t, g, open[2]);
    onP.delete(g);
    const assist = assistOn.get(g);
    if (assist) emit(assist[0], assist[1], t, g, ProcActivity.markAssist);
    assistOn.delete(g);
  };
  for (let i = 0; i < count; i++) {
    const k = kind[i];
    const t = time[i];
    if (k === EventKind.StateTransition) {
      const row = model.transition[i];
      if (resourceKind[row] === ResourceKind.Proc) {
        // A P taken from a goroutine in a syscall ends the syscall's hold on it.
        if (to[row] === ProcState.Idle) {
          for (const [g, open] of onP) {
            if (open[0] === arg[i] && open[2] === ProcActivity.syscall) close(g, t);
          }
        }
        continue;
      }
      if (resourceKind[row] !== ResourceKind.Goroutine || from[row] === to[row]) continue;
      const g = arg[i];
      close(g, t);
      if (to[row] === GoState.Running) {
        onP.set(g, [model.p[i], t, ProcActivity.running]);
        if (assisting.has(g)) assistOn.set(g, [model.p[i], t]);
      } else if (to[row] === GoState.Syscall && from[row] === GoState.Running) {
        onP.set(g, [model.p[i], t, ProcActivity.syscall]);
      }
    } else if (k === EventKind.Label) {
      const mode = labelMode.indexOf(model.labels.label[arg[i]]);
      const open = onP.get(model.labels.goroutine[arg[i]]);
      if (mode >= 0 && open) open[2] = ProcActivity.markDedicated + mode;
    } else if (k === EventKind.RangeBegin || k === EventKind.RangeActive) {
      const name = model.ranges.name[arg[i]];
      const scope = model.ranges.scopeId[arg[i]];
      if (name === assistName && !assisting.has(scope)) {
        assisting.add(scope);
        const open = onP.get(scope);
        if (open) assistOn.set(scope, [open[0], t]);
      } else if (name === sweepName && !sweepOn.has(scope)) {
        sweepOn.set(scope, [t, model.g[i]]);
      }
    } else if (k === EventKind.RangeEnd) {
      const name = model.ranges.name[arg[i]];
      const scope = model.ranges.scopeId[arg[i]];
      if (name === assistName) {
        assisting.delete(scope);
        const assist = assistOn.get(scope);
        if (assist) emit(assist[0], assist[1], t, scope, ProcActivity.markAssist);
        assistOn.delete(scope);
      } else if (name === sweepName) {
        const sweep = sweepOn.get(scope);
        if (sweep) emit(scope, sweep[0], t, sweep[1], ProcActivity.sweep);
        sweepOn.delete(scope);
      }
    }
  }
  const last = count > 0 ? time[count - 1] : 0;
  for (const g of [...onP.keys(), ...assistOn.keys()]) close(g, last);
  for (const [p, sweep] of sweepOn) emit(p, sweep[0], last, sweep[1], ProcActivity.sweep);

  const order = Array.from(out.start.keys()).sort((a, b) => out.start[a] - out.start[b] || a - b);
  return {
    p: Int32Array.from(order, (i) => out.p[i]),
    start: Float64Array.from(order, (i) => out.start[i]),
    end: Float64Array.from(order, (i) => out.end[i]),
    g: Int32Array.from(order, (i) => outG[i]),
    activity: Uint8Array.from(order, (i) => outActivity[i]),
  };
}
