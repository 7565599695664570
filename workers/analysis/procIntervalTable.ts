import { EventKind, eventProc, type TraceModel } from '../trace/model';
import { eventTime } from '../trace/eventTimes';
import { DenseIds } from './denseIds';

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

/** Intervals of P activity, sorted by start time, as the procs view gets them. */
export interface ProcIntervals {
  p: Int32Array;
  start: Float64Array;
  end: Float64Array;
  /** The goroutine, -1 for sweeps started outside any goroutine. */
  g: Int32Array;
  activity: Uint8Array;
}

/**
 * The P intervals of a whole trace, sorted by start time. Each row names the events that opened
 * and closed it, and its times, P and goroutine are read from those: a big trace has millions of
 * rows, and this keeps them at 4 bytes each. Read rows with the `interval*` functions.
 */
export interface ProcIntervalTable {
  /** The trace, shared (procActivity copies what it hands out). */
  model: TraceModel;
  /** The event that opened each row, as its block's base plus its own offset (IntervalRows). */
  openedBase: Int32Array;
  openedOffset: Uint16Array | Int32Array;
  /**
   * How many events after its opener each interval closed, when fewer than `FAR`; the others
   * are in `farClosed`. Intervals still open at the end close at the last event.
   */
  closedAfter: Uint8Array;
  /** Row -> closing event, for the few rows whose `closedAfter` is `FAR`. */
  farClosed: Map<number, number>;
  /** Row -> P, for rows not on their opener's P (none in the traces we have seen). */
  otherProc: Map<number, number>;
  activity: Uint8Array;
  /** The Ps that have intervals, ascending. */
  procs: Int32Array;
}

/** The `closedAfter` of a row whose closing event is in `farClosed` (or is still open). */
export const FAR = 255;

type RowsOpened = Pick<ProcIntervalTable, 'openedBase' | 'openedOffset'>;

/** The event that opened a row. */
export function intervalOpened(table: RowsOpened, row: number): number {
  return table.openedBase[row >>> openedBlockBits] + table.openedOffset[row];
}

/** The event that closed a row. */
export function intervalClosed(table: ProcIntervalTable, row: number): number {
  const after = table.closedAfter[row];
  return after < FAR ? intervalOpened(table, row) + after : table.farClosed.get(row)!;
}

/** The P of a row. */
export function intervalProc(
  table: RowsOpened & Pick<ProcIntervalTable, 'model' | 'otherProc'>,
  row: number,
): number {
  return table.otherProc.get(row) ?? eventProc(table.model, intervalOpened(table, row));
}

/** The goroutine of a row, -1 for a sweep started outside any goroutine. */
export function intervalGoroutine(
  table: RowsOpened & Pick<ProcIntervalTable, 'model' | 'activity'>,
  row: number,
): number {
  return openerGoroutine(table.model, intervalOpened(table, row), table.activity[row]);
}

/**
 * The goroutine of an interval opened by event `i`: the goroutine of a state transition, the
 * scope of an assist range, the goroutine a sweep started in.
 */
function openerGoroutine(model: TraceModel, i: number, activity: number): number {
  if (model.kind[i] === EventKind.StateTransition) return model.arg[i];
  return activity === ProcActivity.sweep ? model.g[i] : model.ranges.scopeId[model.arg[i]];
}

/** Rows per block of `openedBase`: 2^8. */
export const openedBlockBits = 8;

/**
 * Interval rows in start order, in columns sized for all of them up front. Rows are taken as
 * they open, and trace times never decrease (model.ts), so only rows opening together can be
 * out of order: ProcTimeline.finish keeps those in closing order.
 */
export class IntervalRows {
  length = 0;
  /** The opening event of each block's first row. */
  readonly openedBase: Int32Array;
  /**
   * Each row's opening event minus its block's base: 2 bytes while a block spans fewer than 2^16
   * events (its 256 rows span a few hundred in a busy trace), widened to 4 at the first that
   * does not fit; either way the event is exact.
   */
  openedOffset: Uint16Array | Int32Array;
  /**
   * `FAR` while open. One byte, not a second event index: rows are most of the memory of the
   * table, and every byte of fresh memory written costs time; nearly all rows close within a
   * few dozen events.
   */
  readonly closedAfter: Uint8Array;
  readonly farClosed = new Map<number, number>();
  readonly otherProc = new Map<number, number>();
  readonly activity: Uint8Array;
  private readonly procs = new DenseIds();

  constructor(
    readonly model: TraceModel,
    capacity: number,
  ) {
    this.openedBase = new Int32Array(Math.ceil(capacity / (1 << openedBlockBits)));
    this.openedOffset = new Uint16Array(capacity);
    this.closedAfter = new Uint8Array(capacity);
    this.activity = new Uint8Array(capacity);
  }

  /** A row for an interval opened by event `i`; -1 (nothing drawn) when it is on no P. */
  open(p: number, i: number, activity: number): number {
    if (p < 0) return -1;
    const row = this.length++;
    if (row % (1 << openedBlockBits) === 0) this.openedBase[row >>> openedBlockBits] = i;
    this.setOpened(row, i);
    this.closedAfter[row] = FAR;
    this.activity[row] = activity;
    if (p !== eventProc(this.model, i)) this.otherProc.set(row, p);
    this.procs.index(p);
    return row;
  }

  close(row: number, i: number): void {
    const after = i - intervalOpened(this, row);
    if (after < FAR) this.closedAfter[row] = after;
    else this.farClosed.set(row, i);
  }

  isOpen(row: number): boolean {
    return this.closedAfter[row] === FAR && !this.farClosed.has(row);
  }

  openedTogether(a: number, b: number): boolean {
    const openedA = intervalOpened(this, a);
    const openedB = intervalOpened(this, b);
    return openedA === openedB || eventTime(this.model, openedA) === eventTime(this.model, openedB);
  }

  proc(row: number): number {
    return intervalProc(this, row);
  }

  goroutine(row: number): number {
    return intervalGoroutine(this, row);
  }

  swap(a: number, b: number): void {
    const openedA = intervalOpened(this, a);
    this.setOpened(a, intervalOpened(this, b));
    this.setOpened(b, openedA);
    swapIn(this.closedAfter, a, b);
    swapIn(this.activity, a, b);
    swapEntries(this.farClosed, a, b);
    swapEntries(this.otherProc, a, b);
  }

  private setOpened(row: number, i: number): void {
    const offset = i - this.openedBase[row >>> openedBlockBits];
    if (offset !== (offset & 0xffff) && this.openedOffset instanceof Uint16Array) {
      const wide = new Int32Array(this.openedOffset.length);
      wide.set(this.openedOffset.subarray(0, this.length));
      this.openedOffset = wide;
    }
    this.openedOffset[row] = offset;
  }

  /**
   * The rows, as views of the columns' first rows rather than copies: the unused end of each
   * column was never written, so it holds no memory, and copying hundreds of MB of fresh pages
   * would cost more than building them.
   */
  table(): ProcIntervalTable {
    return {
      model: this.model,
      openedBase: this.openedBase,
      openedOffset: this.openedOffset.subarray(0, this.length),
      closedAfter: this.closedAfter.subarray(0, this.length),
      farClosed: this.farClosed,
      otherProc: this.otherProc,
      activity: this.activity.subarray(0, this.length),
      procs: Int32Array.from(this.procs.ids).sort(),
    };
  }
}

function swapIn(column: Uint8Array, a: number, b: number): void {
  const value = column[a];
  column[a] = column[b];
  column[b] = value;
}

function swapEntries(rows: Map<number, number>, a: number, b: number): void {
  if (rows.size === 0) return;
  const atA = rows.get(a);
  const atB = rows.get(b);
  if (atB === undefined) rows.delete(a);
  else rows.set(a, atB);
  if (atA === undefined) rows.delete(b);
  else rows.set(b, atA);
}
