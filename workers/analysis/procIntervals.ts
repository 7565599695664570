import {
  EventKind,
  eventProc,
  GoState,
  ProcState,
  RangeName,
  ResourceKind,
  type TraceModel,
  type TransitionTable,
} from '../trace/model';
import { DenseIds } from './denseIds';
import { withRoom } from './growingColumn';
import { IntervalRows, ProcActivity, type ProcIntervalTable } from './procIntervalTable';

const workerLabels = ['GC (dedicated)', 'GC (fractional)', 'GC (idle)'];

/**
 * Per-P timeline, as `go tool trace` draws it by proc (cmd/trace/procgen.go): who ran on each P
 * and when, syscalls holding the P, GC workers by mode, assists and sweeps.
 *
 * Every interval starts at the event that opens it, so a row is taken when it opens: rows come
 * out in start order without sorting millions of them. Intervals starting together are ordered
 * by when they closed.
 */
export function procIntervals(model: TraceModel): ProcIntervalTable {
  const { kind, count } = model;
  const timeline = new ProcTimeline(model);
  // Kind codes as locals: read from the imported object in this loop, they slow V8 down.
  const { StateTransition, Label, RangeBegin, RangeActive, RangeEnd } = EventKind;
  for (let i = 0; i < count; i++) {
    const k = kind[i];
    if (k === StateTransition) timeline.transition(i);
    else if (k === Label) timeline.label(i);
    else if (k === RangeBegin || k === RangeActive) timeline.rangeStart(i);
    else if (k === RangeEnd) timeline.rangeEnd(i);
  }
  return timeline.intervals(count - 1);
}

/** What a state transition shape (a row of `model.transitions`) does to the timeline. */
const Step = {
  none: 0,
  /** A P went idle: a goroutine in a syscall no longer holds it. */
  procIdle: 1,
  /** A goroutine left its state, into one drawn on no P. */
  goLeaves: 2,
  goRuns: 3,
  goEntersSyscall: 4,
} as const;

function transitionSteps({ resourceKind, from, to }: TransitionTable): Uint8Array {
  return Uint8Array.from(resourceKind, (resource, row) => {
    if (resource === ResourceKind.Proc)
      return to[row] === ProcState.Idle ? Step.procIdle : Step.none;
    if (resource !== ResourceKind.Goroutine || from[row] === to[row]) return Step.none;
    if (to[row] === GoState.Running) return Step.goRuns;
    if (to[row] === GoState.Syscall && from[row] === GoState.Running) return Step.goEntersSyscall;
    return Step.goLeaves;
  });
}

/** No interval open (a row number or -1, an interval open on no P, otherwise). */
const NONE = -2;

/** The replay of a trace's events into P intervals; `i` is always an event index. */
class ProcTimeline {
  private readonly rows: IntervalRows;
  private readonly steps: Uint8Array;
  // Per goroutine (dense index): the row of its interval on a P and of its assist while it
  // runs, and whether it is in an assist.
  private readonly goroutines = new DenseIds();
  private onP = new Int32Array(0);
  private assistOn = new Int32Array(0);
  private assisting = new Uint8Array(0);
  // Per P (dense index): the row of its sweep.
  private readonly procs = new DenseIds();
  private sweepOn = new Int32Array(0);
  /** P -> rows of the syscalls holding it, in order (few: most syscalls keep their P). */
  private readonly syscallRows = new Map<number, number[]>();
  private readonly labelMode: number[];
  private readonly assistName: number;
  private readonly sweepName: number;

  constructor(private readonly model: TraceModel) {
    this.steps = transitionSteps(model.transitions);
    this.rows = new IntervalRows(model, rowBound(model, this.steps));
    this.labelMode = workerLabels.map((l) => model.strings.indexOf(l));
    this.assistName = model.strings.indexOf(RangeName.gcMarkAssist);
    this.sweepName = model.strings.indexOf(RangeName.gcSweep);
  }

  transition(i: number): void {
    const step = this.steps[this.model.transition[i]];
    if (step === Step.none) return;
    if (step === Step.procIdle) return this.releaseSyscalls(this.model.arg[i], i);
    const s = this.goroutine(this.model.arg[i]);
    this.close(s, i);
    const p = eventProc(this.model, i);
    if (step === Step.goRuns) {
      this.onP[s] = this.rows.open(p, i, ProcActivity.running);
      if (this.assisting[s]) this.assistOn[s] = this.rows.open(p, i, ProcActivity.markAssist);
    } else if (step === Step.goEntersSyscall) {
      const row = (this.onP[s] = this.rows.open(p, i, ProcActivity.syscall));
      if (row >= 0) {
        let held = this.syscallRows.get(p);
        if (!held) this.syscallRows.set(p, (held = []));
        held.push(row);
      }
    }
  }

  label(i: number): void {
    const { labels } = this.model;
    const mode = this.labelMode.indexOf(labels.label[this.model.arg[i]]);
    if (mode < 0) return;
    const row = this.onP[this.goroutine(labels.goroutine[this.model.arg[i]])];
    if (row < 0) return;
    if (this.rows.activity[row] === ProcActivity.syscall) this.leaveSyscall(row);
    this.rows.activity[row] = ProcActivity.markDedicated + mode;
  }

  rangeStart(i: number): void {
    const range = this.model.arg[i];
    const name = this.model.ranges.name[range];
    const scope = this.model.ranges.scopeId[range];
    if (name === this.assistName) {
      const s = this.goroutine(scope);
      if (this.assisting[s]) return;
      this.assisting[s] = 1;
      const row = this.onP[s];
      if (row !== NONE) {
        const p = row >= 0 ? this.rows.proc(row) : -1;
        this.assistOn[s] = this.rows.open(p, i, ProcActivity.markAssist);
      }
    } else if (name === this.sweepName) {
      const s = this.proc(scope);
      if (this.sweepOn[s] !== NONE) return;
      this.sweepOn[s] = this.rows.open(scope, i, ProcActivity.sweep);
    }
  }

  rangeEnd(i: number): void {
    const range = this.model.arg[i];
    const name = this.model.ranges.name[range];
    const scope = this.model.ranges.scopeId[range];
    if (name === this.assistName) {
      const s = this.goroutine(scope);
      this.assisting[s] = 0;
      this.finish(this.assistOn[s], i);
      this.assistOn[s] = NONE;
    } else if (name === this.sweepName) {
      const s = this.proc(scope);
      this.finish(this.sweepOn[s], i);
      this.sweepOn[s] = NONE;
    }
  }

  /**
   * The intervals, those still open closed at event `last` in the order they opened:
   * goroutines on a P (each with its assist), the remaining assists, then sweeps.
   */
  intervals(last: number): ProcIntervalTable {
    for (const s of holdersByRow(this.onP)) this.close(s, last);
    for (const s of holdersByRow(this.assistOn)) this.finish(this.assistOn[s], last);
    for (const s of holdersByRow(this.sweepOn)) this.finish(this.sweepOn[s], last);
    return this.rows.table();
  }

  /** Ends the interval of goroutine `s` on a P and its assist's. */
  private close(s: number, i: number): void {
    const row = this.onP[s];
    if (row >= 0 && this.rows.activity[row] === ProcActivity.syscall) this.leaveSyscall(row);
    this.finish(row, i);
    this.finish(this.assistOn[s], i);
    this.onP[s] = this.assistOn[s] = NONE;
  }

  /**
   * Closes a row at event `i` (none for -1 or NONE). Rows opening together must come out in
   * closing order, so a row closing moves before the rows of its group still open, which keep
   * their order; whoever holds those is told their new place.
   */
  private finish(row: number, i: number): void {
    if (row < 0) return;
    const { rows } = this;
    rows.close(row, i);
    for (let r = row; r > 0 && rows.openedTogether(r - 1, r) && rows.isOpen(r - 1); r--) {
      rows.swap(r - 1, r);
      this.moved(r - 1, r);
    }
  }

  /** Points whoever holds open row `from` at its new place `to`. */
  private moved(from: number, to: number): void {
    const { rows } = this;
    const activity = rows.activity[to];
    if (activity === ProcActivity.sweep) {
      this.sweepOn[this.proc(rows.proc(to))] = to;
    } else if (activity === ProcActivity.markAssist) {
      this.assistOn[this.goroutine(rows.goroutine(to))] = to;
    } else {
      this.onP[this.goroutine(rows.goroutine(to))] = to;
      if (activity === ProcActivity.syscall) {
        const held = this.syscallRows.get(rows.proc(to))!;
        held[held.indexOf(from)] = to;
      }
    }
  }

  /** A P taken from goroutines in a syscall ends their hold on it. */
  private releaseSyscalls(p: number, i: number): void {
    const held = this.syscallRows.get(p);
    // Each close takes its row off the list (and may move the others).
    while (held !== undefined && held.length > 0) {
      this.close(this.goroutine(this.rows.goroutine(held[0])), i);
    }
  }

  private leaveSyscall(row: number): void {
    const held = this.syscallRows.get(this.rows.proc(row))!;
    held.splice(held.indexOf(row), 1);
  }

  /** The dense index of goroutine `g`, with room for its state. */
  private goroutine(g: number): number {
    const s = this.goroutines.index(g);
    if (s >= this.onP.length) {
      this.onP = withRoom(this.onP, s, NONE);
      this.assistOn = withRoom(this.assistOn, s, NONE);
      this.assisting = withRoom(this.assisting, s, 0);
    }
    return s;
  }

  /** The dense index of P `p`, with room for its state. */
  private proc(p: number): number {
    const s = this.procs.index(p);
    if (s >= this.sweepOn.length) this.sweepOn = withRoom(this.sweepOn, s, NONE);
    return s;
  }
}

/**
 * The goroutines or Ps (dense indexes) holding an open row, in the order their rows opened.
 * Closing rows keeps the order of the others, so it holds while they are closed one by one.
 */
function holdersByRow(rowOf: Int32Array): number[] {
  const holders: number[] = [];
  for (let s = 0; s < rowOf.length; s++) if (rowOf[s] >= 0) holders.push(s);
  return holders.sort((a, b) => rowOf[a] - rowOf[b]);
}

/**
 * At most how many intervals the trace opens: one per goroutine starting to run (two with its
 * assist) or entering a syscall, and one per range start. Counting first lets the rows live in
 * plain typed arrays. Events of other kinds have transition 0, the placeholder shape. Every range
 * event has a row in `model.ranges`, which bounds the range starts without reading the kinds;
 * the rows this leaves unused are never written, so they hold no memory.
 */
function rowBound(model: TraceModel, steps: Uint8Array): number {
  const perShape = steps.map((step) =>
    step === Step.goRuns ? 2 : step === Step.goEntersSyscall ? 1 : 0,
  );
  const { transition, count } = model;
  let bound = model.ranges.name.length;
  for (let i = 0; i < count; i++) bound += perShape[transition[i]];
  return bound;
}
