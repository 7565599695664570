import {
  EventKind,
  GoState,
  ProcState,
  ResourceKind,
  stackFrames,
  type TraceModel,
} from '../trace/model';
import { goTransitionStack } from './goTransitionStack';
import { overlapNs, type TimeWindow } from './timeWindow';

/**
 * The time breakdown of a goroutine or a group of them, one row per goroutine or group. The
 * times do not overlap and add up to `totalNs` with `unknownNs`.
 */
export interface GoroutineTimes {
  totalNs: Float64Array;
  execNs: Float64Array;
  /** Runnable, waiting for a P (scheduler latency). */
  schedWaitNs: Float64Array;
  /** In a syscall while holding its P, then after the P was taken from it. */
  syscallNs: Float64Array;
  syscallBlockNs: Float64Array;
  /** Reasons the goroutines blocked for, as the runtime names them ("chan receive", "sync"…). */
  blockReasons: string[];
  /** Blocked time per row and reason: row-major, blockNs[row × blockReasons.length + r]. */
  blockNs: Float64Array;
  unknownNs: Float64Array;
}

/**
 * Where each goroutine's time went, one row per goroutine in order of first appearance
 * (internal/trace/summary.go GoroutineExecStats).
 */
export interface GoroutineSummaries extends GoroutineTimes {
  count: number;
  id: Int32Array;
  /** Start function: the root frame of the first stack seen for it (index into `names`). */
  name: Int32Array;
  names: string[];
  /** First appearance (creation, or the generation start for one that already existed). */
  creationTime: Float64Array;
  /** First time it ran, NaN if never. */
  startTime: Float64Array;
  /** When it exited (or blocked "forever"), NaN if it lived past the trace end. */
  endTime: Float64Array;
}

/**
 * Per-goroutine time breakdown, following the rules of Go's trace summarizer. With a window,
 * only the part of each state inside it counts, and only goroutines alive at some point of it
 * are listed: adjacent windows add up to their union, and a window over the whole trace gives
 * the whole-trace answer.
 */
export function goroutineSummaries(model: TraceModel, window?: TimeWindow): GoroutineSummaries {
  const { kind, time, arg, count } = model;
  const { resourceKind, from, to, reason } = model.transitions;
  const rowOf = new Map<number, number>();
  const id: number[] = [];
  const name: number[] = [];
  const created: number[] = [];
  const started: number[] = [];
  const ended: number[] = [];
  const total: number[] = [];
  const exec: number[] = [];
  const sched: number[] = [];
  const sys: number[] = [];
  const sysBlock: number[] = [];
  const block: number[][] = [];
  // Time the current state began, NaN when not in it.
  const runningSince: number[] = [];
  const runnableSince: number[] = [];
  const blockedSince: number[] = [];
  const blockedFor: number[] = [];
  const syscallSince: number[] = [];
  const syscallBlockedSince: number[] = [];
  const reasonColumn = new Map<number, number>();
  const reasonIds: number[] = [];
  const syscallingOnP = new Map<number, number>();
  const pOfSyscall = new Map<number, number>();
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  let syncTime = count > 0 ? time[0] : 0;
  // Time from a to b that counts: all of it, or its overlap with the window.
  const span = window
    ? (a: number, b: number) => overlapNs(a, b, window)
    : (a: number, b: number) => b - a;

  const finalize = (r: number, t: number) => {
    if (!Number.isNaN(runningSince[r])) exec[r] += span(runningSince[r], t);
    if (!Number.isNaN(runnableSince[r])) sched[r] += span(runnableSince[r], t);
    if (!Number.isNaN(blockedSince[r])) addBlock(r, blockedFor[r], span(blockedSince[r], t));
    if (!Number.isNaN(syscallSince[r])) {
      if (!Number.isNaN(syscallBlockedSince[r])) {
        sysBlock[r] += span(syscallBlockedSince[r], t);
        sys[r] += span(syscallSince[r], syscallBlockedSince[r]);
      } else sys[r] += span(syscallSince[r], t);
    }
    total[r] = span(created[r], t);
    runningSince[r] = runnableSince[r] = blockedSince[r] = NaN;
    syscallSince[r] = syscallBlockedSince[r] = NaN;
  };
  const addBlock = (r: number, reasonId: number, d: number) => {
    let column = reasonColumn.get(reasonId);
    if (column === undefined) {
      column = reasonIds.push(reasonId) - 1;
      reasonColumn.set(reasonId, column);
    }
    block[r][column] = (block[r][column] ?? 0) + d;
  };

  for (let i = 0; i < count; i++) {
    const k = kind[i];
    if (k === EventKind.Sync) syncTime = time[i];
    if (k !== EventKind.StateTransition) continue;
    const row = model.transition[i];
    const t = time[i];
    if (resourceKind[row] === ResourceKind.Proc) {
      // A P leaving a goroutine in a syscall: from here on the syscall blocks (summary.go).
      if (to[row] === ProcState.Idle && from[row] !== ProcState.Idle) {
        const r = syscallingOnP.get(arg[i]);
        if (r !== undefined) {
          syscallBlockedSince[r] = t;
          syscallingOnP.delete(arg[i]);
        }
      }
      continue;
    }
    if (resourceKind[row] !== ResourceKind.Goroutine) continue;
    const oldState = from[row];
    const newState = to[row];
    if (oldState === newState) continue;
    const g = arg[i];
    let r = rowOf.get(g) ?? -1;
    if (oldState === GoState.Undetermined || oldState === GoState.NotExist || r < 0) {
      r = id.length;
      rowOf.set(g, r);
      id.push(g);
      name.push(-1);
      created.push(oldState === GoState.NotExist ? t : syncTime);
      started.push(NaN);
      ended.push(NaN);
      total.push(NaN);
      exec.push(0);
      sched.push(0);
      sys.push(0);
      sysBlock.push(0);
      block.push([]);
      runningSince.push(NaN);
      runnableSince.push(NaN);
      blockedSince.push(NaN);
      blockedFor.push(0);
      syscallSince.push(NaN);
      syscallBlockedSince.push(NaN);
      if (oldState === GoState.Undetermined) {
        // First seen in this generation (the runtime names goroutines lazily, up to the end
        // of the generation): it has been in its state since the generation began.
        const d = span(syncTime, t);
        if (newState === GoState.Running) exec[r] += d;
        else if (newState === GoState.Waiting) addBlock(r, reason[row], d);
        else if (newState === GoState.Runnable) sched[r] += d;
        else if (newState === GoState.Syscall && model.p[i] < 0) sysBlock[r] += d;
        else if (newState === GoState.Syscall) sys[r] += d;
      }
    } else if (oldState === GoState.Running) {
      exec[r] += span(runningSince[r], t);
      runningSince[r] = NaN;
    } else if (oldState === GoState.Waiting) {
      if (!Number.isNaN(blockedSince[r])) addBlock(r, blockedFor[r], span(blockedSince[r], t));
      blockedSince[r] = NaN;
    } else if (oldState === GoState.Runnable) {
      if (!Number.isNaN(runnableSince[r])) sched[r] += span(runnableSince[r], t);
      runnableSince[r] = NaN;
    } else if (oldState === GoState.Syscall && !Number.isNaN(syscallSince[r])) {
      if (!Number.isNaN(syscallBlockedSince[r])) {
        sysBlock[r] += span(syscallBlockedSince[r], t);
        sys[r] += span(syscallSince[r], syscallBlockedSince[r]);
      } else sys[r] += span(syscallSince[r], t);
      syscallSince[r] = syscallBlockedSince[r] = NaN;
      const p = pOfSyscall.get(g);
      if (p !== undefined && syscallingOnP.get(p) === r) syscallingOnP.delete(p);
      pOfSyscall.delete(g);
    }
    if (name[r] < 0) {
      const frames = stackFrames(model, goTransitionStack(model, i, oldState, newState));
      if (frames.length > 0) {
        const fn = model.strings[model.stacks.funcName[frames[frames.length - 1]]];
        let n = nameIndex.get(fn);
        if (n === undefined) {
          n = names.push(fn) - 1;
          nameIndex.set(fn, n);
        }
        name[r] = n;
      }
    }
    if (newState === GoState.Running) {
      runningSince[r] = t;
      if (Number.isNaN(started[r])) started[r] = t;
    } else if (newState === GoState.Runnable) {
      runnableSince[r] = t;
    } else if (newState === GoState.Waiting && model.strings[reason[row]] !== 'forever') {
      blockedSince[r] = t;
      blockedFor[r] = reason[row];
    } else if (newState === GoState.Waiting || newState === GoState.NotExist) {
      // Blocking "forever" is as good as exiting.
      finalize(r, t);
      ended[r] = t;
      rowOf.delete(g);
    } else if (newState === GoState.Syscall) {
      syscallSince[r] = t;
      syscallingOnP.set(model.p[i], r);
      pOfSyscall.set(g, model.p[i]);
    }
  }
  const last = count > 0 ? time[count - 1] : 0;
  for (const r of rowOf.values()) finalize(r, last);

  // With a window, the goroutines alive at some point of it.
  const rows: number[] = [];
  for (let r = 0; r < id.length; r++) {
    if (!window || (created[r] <= (window.to ?? Infinity) && !(ended[r] < (window.from ?? 0)))) {
      rows.push(r);
    }
  }
  const n = rows.length;
  const reasons = reasonIds.map((s) => model.strings[s]);
  const blockNs = new Float64Array(n * reasons.length);
  const unknownNs = new Float64Array(n);
  rows.forEach((r, k) => {
    let sum = exec[r] + sched[r] + sys[r] + sysBlock[r];
    for (let c = 0; c < reasons.length; c++) {
      const d = block[r][c] ?? 0;
      blockNs[k * reasons.length + c] = d;
      sum += d;
    }
    unknownNs[k] = Math.max(0, total[r] - sum);
  });
  let unnamed = -1;
  const nameColumn = Int32Array.from(rows, (r) => {
    if (name[r] >= 0) return name[r];
    if (unnamed < 0) unnamed = names.push('') - 1;
    return unnamed;
  });
  const column = (values: number[]) => Float64Array.from(rows, (r) => values[r]);
  return {
    count: n,
    id: Int32Array.from(rows, (r) => id[r]),
    name: nameColumn,
    names,
    creationTime: column(created),
    startTime: column(started),
    endTime: column(ended),
    totalNs: column(total),
    execNs: column(exec),
    schedWaitNs: column(sched),
    syscallNs: column(sys),
    syscallBlockNs: column(sysBlock),
    blockReasons: reasons,
    blockNs,
    unknownNs,
  };
}
