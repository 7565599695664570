import { EventKind, GoState, ProcState, ResourceKind, type TraceModel } from '../trace/model';
import { eventTime } from '../trace/eventTimes';
import { traceBasics } from '../trace/traceBasics';
import { DenseIds } from './denseIds';
import { goTransitionStack } from './goTransitionStack';
import { withRoom } from './growingColumn';
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
  const { kind, arg, procThread, transition, count } = model;
  const procOf = model.procThreads.p;
  const { resourceKind, from, to, reason } = model.transitions;
  const { stackOffsets, stackFrames, funcName } = model.stacks;
  // Codes as locals: reading the imported constant objects in the loop made V8 run it several
  // times slower (Node 20).
  const { Sync, StateTransition } = EventKind;
  const { Undetermined, NotExist, Runnable, Running, Waiting, Syscall } = GoState;
  // What each transition row means here, decided once per row instead of once per event.
  const goChange = Uint8Array.from(resourceKind, (r, row) =>
    r === ResourceKind.Goroutine && from[row] !== to[row] ? 1 : 0,
  );
  const procStop = Uint8Array.from(resourceKind, (r, row) =>
    r === ResourceKind.Proc && to[row] === ProcState.Idle && from[row] !== ProcState.Idle ? 1 : 0,
  );
  const blocksForever = Uint8Array.from(reason, (s) => (model.strings[s] === 'forever' ? 1 : 0));
  // Room up front for every goroutine of the trace, one row each (a goroutine that comes back
  // after exiting takes another): growing by doubling would touch about twice the memory, and
  // first touches of memory are costly.
  const rows = new GoroutineRows(reason, traceBasics(model).goroutines, window);
  // Per goroutine (dense index): its current row, -1 when none; the order it came alive in,
  // which is the order the rows still open at the end are closed in; the P of its syscall.
  const goroutines = new DenseIds();
  let rowOf = new Int32Array(0);
  let aliveOrder = new Int32Array(0);
  let alive = 0;
  let syscallP = new Int32Array(0);
  // Per P (dense index): the row of the goroutine in a syscall on it, -1 for none.
  const procs = new DenseIds();
  let syscallingOnP = new Int32Array(0);
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  let syncTime = count > 0 ? eventTime(model, 0) : 0;

  for (let i = 0; i < count; i++) {
    const k = kind[i];
    if (k === Sync) syncTime = eventTime(model, i);
    if (k !== StateTransition) continue;
    const row = transition[i];
    const t = eventTime(model, i);
    if (procStop[row]) {
      // A P leaving a goroutine in a syscall: from here on the syscall blocks (summary.go).
      const pi = procs.find(arg[i]);
      if (pi >= 0 && syscallingOnP[pi] >= 0) {
        rows.syscallBlockedSince[syscallingOnP[pi]] = t;
        syscallingOnP[pi] = -1;
      }
      continue;
    }
    if (!goChange[row]) continue;
    const oldState = from[row];
    const newState = to[row];
    const g = goroutines.index(arg[i]);
    if (g >= rowOf.length) {
      rowOf = withRoom(rowOf, g, -1);
      aliveOrder = withRoom(aliveOrder, g, -1);
      syscallP = withRoom(syscallP, g, -1);
    }
    let r = rowOf[g];
    if (oldState === Undetermined || oldState === NotExist || r < 0) {
      if (r < 0) aliveOrder[g] = alive++;
      r = rowOf[g] = rows.add(arg[i], oldState === NotExist ? t : syncTime);
      if (oldState === Undetermined) {
        // First seen in this generation (the runtime names goroutines lazily, up to the end
        // of the generation): it has been in its state since the generation began.
        const d = spanNs(syncTime, t, window);
        if (newState === Running) rows.exec[r] += d;
        else if (newState === Waiting) rows.addBlock(r, reason[row], d);
        else if (newState === Runnable) rows.sched[r] += d;
        else if (newState === Syscall && procOf[procThread[i]] < 0) rows.sysBlock[r] += d;
        else if (newState === Syscall) rows.sys[r] += d;
      }
    } else if (oldState === Running) {
      rows.exec[r] += spanNs(rows.runningSince[r], t, window);
      rows.runningSince[r] = NaN;
    } else if (oldState === Waiting) {
      if (!Number.isNaN(rows.blockedSince[r])) rows.closeBlock(r, t);
      rows.blockedSince[r] = NaN;
    } else if (oldState === Runnable) {
      if (!Number.isNaN(rows.runnableSince[r])) {
        rows.sched[r] += spanNs(rows.runnableSince[r], t, window);
      }
      rows.runnableSince[r] = NaN;
    } else if (oldState === Syscall && !Number.isNaN(rows.syscallSince[r])) {
      rows.closeSyscall(r, t);
      const pi = syscallP[g];
      if (pi >= 0 && syscallingOnP[pi] === r) syscallingOnP[pi] = -1;
      syscallP[g] = -1;
    }
    if (rows.name[r] < 0) {
      // Named after the root frame (the last, frames are leaf first) of its first stack.
      const stack = goTransitionStack(model, i, oldState, newState);
      const end = stackOffsets[stack + 1];
      if (end > stackOffsets[stack]) {
        const fn = model.strings[funcName[stackFrames[end - 1]]];
        let n = nameIndex.get(fn);
        if (n === undefined) {
          n = names.push(fn) - 1;
          nameIndex.set(fn, n);
        }
        rows.name[r] = n;
      }
    }
    if (newState === Running) {
      rows.runningSince[r] = t;
      if (Number.isNaN(rows.started[r])) rows.started[r] = t;
    } else if (newState === Runnable) {
      rows.runnableSince[r] = t;
    } else if (newState === Waiting && !blocksForever[row]) {
      rows.blockedSince[r] = t;
      rows.blockedFor[r] = reason[row];
    } else if (newState === Waiting || newState === NotExist) {
      // Blocking "forever" is as good as exiting.
      rows.finalize(r, t);
      rows.ended[r] = t;
      rowOf[g] = -1;
    } else if (newState === Syscall) {
      rows.syscallSince[r] = t;
      const pi = procs.index(procOf[procThread[i]]);
      syscallingOnP = withRoom(syscallingOnP, pi, -1);
      syscallingOnP[pi] = r;
      syscallP[g] = pi;
    }
  }
  const last = count > 0 ? eventTime(model, count - 1) : 0;
  const open: number[] = [];
  for (let g = 0; g < goroutines.size; g++) if (rowOf[g] >= 0) open.push(g);
  open.sort((a, b) => aliveOrder[a] - aliveOrder[b]);
  for (const g of open) rows.finalize(rowOf[g], last);
  return rows.summaries(model, names);
}

/** Time from a to b that counts: all of it, or its overlap with the window. */
function spanNs(a: number, b: number, window: TimeWindow | undefined): number {
  return window ? overlapNs(a, b, window) : b - a;
}

/**
 * One row per goroutine life, in typed columns that grow as rows are added: the times summed so
 * far and, for the state it is in, since when (NaN when not in it).
 */
class GoroutineRows {
  count = 0;
  id = new Int32Array(0);
  name = new Int32Array(0);
  created = new Float64Array(0);
  started = new Float64Array(0);
  ended = new Float64Array(0);
  total = new Float64Array(0);
  exec = new Float64Array(0);
  sched = new Float64Array(0);
  sys = new Float64Array(0);
  sysBlock = new Float64Array(0);
  runningSince = new Float64Array(0);
  runnableSince = new Float64Array(0);
  blockedSince = new Float64Array(0);
  blockedFor = new Int32Array(0);
  syscallSince = new Float64Array(0);
  syscallBlockedSince = new Float64Array(0);
  /**
   * Blocked time, row-major with room for every reason of the transition table; reasons get a
   * column in the order they are first needed, -1 before.
   */
  block = new Float64Array(0);
  readonly reasonIds: number[] = [];
  private readonly columnOfReason: Int32Array;
  private readonly stride: number;

  constructor(
    reasons: Int32Array,
    expectedRows: number,
    private readonly window: TimeWindow | undefined,
  ) {
    this.stride = new Set(reasons).size;
    this.columnOfReason = new Int32Array(Math.max(0, ...reasons) + 1).fill(-1);
    this.grow(expectedRows);
  }

  /** Appends the row of a goroutine first seen (created or named) at time `created`. */
  add(id: number, created: number): number {
    const r = this.count++;
    if (r >= this.id.length) this.grow(r);
    this.id[r] = id;
    this.name[r] = -1;
    this.created[r] = created;
    this.started[r] = this.ended[r] = this.total[r] = NaN;
    this.exec[r] = this.sched[r] = this.sys[r] = this.sysBlock[r] = 0;
    this.runningSince[r] = this.runnableSince[r] = this.blockedSince[r] = NaN;
    this.syscallSince[r] = this.syscallBlockedSince[r] = NaN;
    this.blockedFor[r] = 0;
    return r;
  }

  addBlock(r: number, reasonId: number, d: number): void {
    let column = this.columnOfReason[reasonId];
    if (column < 0) column = this.columnOfReason[reasonId] = this.reasonIds.push(reasonId) - 1;
    this.block[r * this.stride + column] += d;
  }

  /** Ends the block that began at blockedSince. */
  closeBlock(r: number, t: number): void {
    this.addBlock(r, this.blockedFor[r], spanNs(this.blockedSince[r], t, this.window));
  }

  /** Ends the syscall that began at syscallSince: with its P, then blocked after losing it. */
  closeSyscall(r: number, t: number): void {
    const since = this.syscallSince[r];
    const blockedSince = this.syscallBlockedSince[r];
    if (!Number.isNaN(blockedSince)) {
      this.sysBlock[r] += spanNs(blockedSince, t, this.window);
      this.sys[r] += spanNs(since, blockedSince, this.window);
    } else this.sys[r] += spanNs(since, t, this.window);
    this.syscallSince[r] = this.syscallBlockedSince[r] = NaN;
  }

  /** Closes whatever state the goroutine is in at time t, when it ends or the trace does. */
  finalize(r: number, t: number): void {
    if (!Number.isNaN(this.runningSince[r])) {
      this.exec[r] += spanNs(this.runningSince[r], t, this.window);
    }
    if (!Number.isNaN(this.runnableSince[r])) {
      this.sched[r] += spanNs(this.runnableSince[r], t, this.window);
    }
    if (!Number.isNaN(this.blockedSince[r])) this.closeBlock(r, t);
    if (!Number.isNaN(this.syscallSince[r])) this.closeSyscall(r, t);
    this.total[r] = spanNs(this.created[r], t, this.window);
    this.runningSince[r] = this.runnableSince[r] = this.blockedSince[r] = NaN;
    this.syscallSince[r] = this.syscallBlockedSince[r] = NaN;
  }

  /** The finished table; with a window, only the goroutines alive at some point of it. */
  summaries(model: TraceModel, names: string[]): GoroutineSummaries {
    const { window } = this;
    const from = window?.from ?? 0;
    const to = window?.to ?? Infinity;
    const listed: number[] = [];
    for (let r = 0; r < this.count; r++) {
      if (!window || (this.created[r] <= to && !(this.ended[r] < from))) listed.push(r);
    }
    const rows = Int32Array.from(listed);
    const n = rows.length;
    const reasons = this.reasonIds.map((s) => model.strings[s]);
    const blockNs = new Float64Array(n * reasons.length);
    const unknownNs = new Float64Array(n);
    const id = new Int32Array(n);
    const nameColumn = new Int32Array(n);
    let unnamed = -1;
    for (let k = 0; k < n; k++) {
      const r = rows[k];
      let sum = this.exec[r] + this.sched[r] + this.sys[r] + this.sysBlock[r];
      for (let c = 0; c < reasons.length; c++) {
        const d = this.block[r * this.stride + c];
        blockNs[k * reasons.length + c] = d;
        sum += d;
      }
      unknownNs[k] = Math.max(0, this.total[r] - sum);
      id[k] = this.id[r];
      if (this.name[r] < 0 && unnamed < 0) unnamed = names.push('') - 1;
      nameColumn[k] = this.name[r] >= 0 ? this.name[r] : unnamed;
    }
    // A loop, not Float64Array.from(rows, mapFn): that calls back per element, slowly.
    const column = (values: Float64Array) => {
      const out = new Float64Array(n);
      for (let k = 0; k < n; k++) out[k] = values[rows[k]];
      return out;
    };
    return {
      count: n,
      id,
      name: nameColumn,
      names,
      creationTime: column(this.created),
      startTime: column(this.started),
      endTime: column(this.ended),
      totalNs: column(this.total),
      execNs: column(this.exec),
      schedWaitNs: column(this.sched),
      syscallNs: column(this.sys),
      syscallBlockNs: column(this.sysBlock),
      blockReasons: reasons,
      blockNs,
      unknownNs,
    };
  }

  private grow(r: number): void {
    this.id = withRoom(this.id, r, 0);
    this.name = withRoom(this.name, r, 0);
    this.created = withRoom(this.created, r, 0);
    this.started = withRoom(this.started, r, 0);
    this.ended = withRoom(this.ended, r, 0);
    this.total = withRoom(this.total, r, 0);
    this.exec = withRoom(this.exec, r, 0);
    this.sched = withRoom(this.sched, r, 0);
    this.sys = withRoom(this.sys, r, 0);
    this.sysBlock = withRoom(this.sysBlock, r, 0);
    this.runningSince = withRoom(this.runningSince, r, 0);
    this.runnableSince = withRoom(this.runnableSince, r, 0);
    this.blockedSince = withRoom(this.blockedSince, r, 0);
    this.blockedFor = withRoom(this.blockedFor, r, 0);
    this.syscallSince = withRoom(this.syscallSince, r, 0);
    this.syscallBlockedSince = withRoom(this.syscallBlockedSince, r, 0);
    this.block = withRoom(this.block, (this.id.length - 1) * this.stride + this.stride - 1, 0);
  }
}
