import {
  EventKind,
  GoState,
  ProcState,
  RangeName,
  ResourceKind,
  type TraceModel,
} from '../trace/model';
import { DenseIds } from './denseIds';
import { float64Column, int32Column, uint8Column, withRoom } from './growingColumn';

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
 *
 * Every interval starts at the event that opens it, so a row is taken when it opens: rows come
 * out in start order without sorting millions of them. Intervals starting together are ordered
 * by when they closed.
 */
export function procIntervals(model: TraceModel): ProcIntervals {
  const { kind, time, arg, count } = model;
  const { resourceKind, from, to } = model.transitions;
  const out = {
    p: int32Column(),
    start: float64Column(),
    end: float64Column(),
    g: int32Column(),
    activity: uint8Column(),
    closed: float64Column(),
  };
  let closings = 0;
  // A row for an interval opening now; -1 (nothing drawn) when it is on no P.
  const open = (p: number, t: number, g: number, activity: number) => {
    if (p < 0) return -1;
    out.p.push(p);
    out.start.push(t);
    out.end.push(NaN);
    out.g.push(g);
    out.closed.push(0);
    return out.activity.push(activity);
  };
  const finish = (row: number, t: number) => {
    if (row < 0) return;
    out.end.set(row, t);
    out.closed.set(row, closings++);
  };
  // Per goroutine (dense index): the row of its interval on a P and of its assist while it
  // runs (NONE when none is open, -1 when open on no P), and whether it is in an assist.
  const goroutines = new DenseIds();
  let onP = new Int32Array(0);
  let assistOn = new Int32Array(0);
  let assisting = new Uint8Array(0);
  const slot = (g: number) => {
    const s = goroutines.index(g);
    onP = withRoom(onP, s, NONE);
    assistOn = withRoom(assistOn, s, NONE);
    assisting = withRoom(assisting, s, 0);
    return s;
  };
  const sweepOn = new Map<number, number>(); // P -> row of its sweep
  const syscallRows = new Map<number, number[]>(); // P -> rows of syscalls holding it, in order
  const labelMode = workerLabels.map((l) => model.strings.indexOf(l));
  const assistName = model.strings.indexOf(RangeName.gcMarkAssist);
  const sweepName = model.strings.indexOf(RangeName.gcSweep);
  const leaveSyscall = (row: number) => {
    const rows = syscallRows.get(out.p.get(row))!;
    rows.splice(rows.indexOf(row), 1);
  };
  const close = (s: number, t: number) => {
    const row = onP[s];
    if (row >= 0 && out.activity.get(row) === ProcActivity.syscall) leaveSyscall(row);
    finish(row, t);
    finish(assistOn[s], t);
    onP[s] = assistOn[s] = NONE;
  };
  for (let i = 0; i < count; i++) {
    const k = kind[i];
    const t = time[i];
    if (k === EventKind.StateTransition) {
      const row = model.transition[i];
      if (resourceKind[row] === ResourceKind.Proc) {
        // A P taken from a goroutine in a syscall ends the syscall's hold on it.
        const held = to[row] === ProcState.Idle ? syscallRows.get(arg[i]) : undefined;
        if (held !== undefined) {
          for (const r of [...held]) close(slot(out.g.get(r)), t);
        }
        continue;
      }
      if (resourceKind[row] !== ResourceKind.Goroutine || from[row] === to[row]) continue;
      const g = arg[i];
      const s = slot(g);
      close(s, t);
      if (to[row] === GoState.Running) {
        const p = model.p[i];
        onP[s] = open(p, t, g, ProcActivity.running);
        if (assisting[s]) assistOn[s] = open(p, t, g, ProcActivity.markAssist);
      } else if (to[row] === GoState.Syscall && from[row] === GoState.Running) {
        const r = (onP[s] = open(model.p[i], t, g, ProcActivity.syscall));
        if (r >= 0) {
          let rows = syscallRows.get(model.p[i]);
          if (!rows) syscallRows.set(model.p[i], (rows = []));
          rows.push(r);
        }
      }
    } else if (k === EventKind.Label) {
      const mode = labelMode.indexOf(model.labels.label[arg[i]]);
      const r = mode >= 0 ? onP[slot(model.labels.goroutine[arg[i]])] : -1;
      if (r >= 0) {
        if (out.activity.get(r) === ProcActivity.syscall) leaveSyscall(r);
        out.activity.set(r, ProcActivity.markDedicated + mode);
      }
    } else if (k === EventKind.RangeBegin || k === EventKind.RangeActive) {
      const name = model.ranges.name[arg[i]];
      const scope = model.ranges.scopeId[arg[i]];
      if (name === assistName) {
        const s = slot(scope);
        if (assisting[s]) continue;
        assisting[s] = 1;
        const r = onP[s];
        if (r !== NONE) {
          assistOn[s] = open(r >= 0 ? out.p.get(r) : -1, t, scope, ProcActivity.markAssist);
        }
      } else if (name === sweepName && !sweepOn.has(scope)) {
        sweepOn.set(scope, open(scope, t, model.g[i], ProcActivity.sweep));
      }
    } else if (k === EventKind.RangeEnd) {
      const name = model.ranges.name[arg[i]];
      const scope = model.ranges.scopeId[arg[i]];
      if (name === assistName) {
        const s = slot(scope);
        assisting[s] = 0;
        finish(assistOn[s], t);
        assistOn[s] = NONE;
      } else if (name === sweepName) {
        const r = sweepOn.get(scope);
        if (r !== undefined) finish(r, t);
        sweepOn.delete(scope);
      }
    }
  }
  // Still open at the end, closed in the order they opened: goroutines on a P (each with its
  // assist), the remaining assists, then sweeps.
  const last = count > 0 ? time[count - 1] : 0;
  const rows = out.start.length;
  const isOpen = (r: number) => Number.isNaN(out.end.get(r));
  for (let r = 0; r < rows; r++) {
    const a = out.activity.get(r);
    if (a !== ProcActivity.markAssist && a !== ProcActivity.sweep && isOpen(r)) {
      close(slot(out.g.get(r)), last);
    }
  }
  for (let r = 0; r < rows; r++) {
    if (out.activity.get(r) === ProcActivity.markAssist && isOpen(r)) finish(r, last);
  }
  for (let r = 0; r < rows; r++) if (isOpen(r)) finish(r, last);

  const intervals = {
    p: out.p.toArray(),
    start: out.start.toArray(),
    end: out.end.toArray(),
    g: out.g.toArray(),
    activity: out.activity.toArray(),
  };
  sortByStart(intervals, out.closed.toArray());
  return intervals;
}

const NONE = -2;

/**
 * Rows are taken in time order, so only rows starting together can be out of order: those are
 * put in closing order, in place. (Trace times never decrease; if they did, all rows are sorted.)
 */
function sortByStart(iv: ProcIntervals, closed: Float64Array): void {
  const n = iv.start.length;
  const byStart = (x: number, y: number) => iv.start[x] - iv.start[y] || closed[x] - closed[y];
  const rowsFrom = (a: number, b: number) => Array.from({ length: b - a }, (_, k) => a + k);
  let monotone = true;
  for (let r = 1; r < n && monotone; r++) monotone = iv.start[r - 1] <= iv.start[r];
  if (!monotone) return permute(iv, rowsFrom(0, n).sort(byStart), 0);
  for (let a = 0; a < n;) {
    let b = a + 1;
    while (b < n && iv.start[b] === iv.start[a]) b++;
    if (b - a > 1) permute(iv, rowsFrom(a, b).sort(byStart), a);
    a = b;
  }
}

/** Puts rows `order` at positions at, at + 1, … of every column. */
function permute(iv: ProcIntervals, order: number[], at: number): void {
  for (const column of [iv.p, iv.start, iv.end, iv.g, iv.activity]) {
    column.set(
      order.map((r) => column[r]),
      at,
    );
  }
}
