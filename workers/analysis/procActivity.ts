import { eventProc } from '../trace/model';
import { eventTime } from '../trace/eventTimes';
import { DenseIds } from './denseIds';
import {
  FAR,
  intervalClosed,
  intervalGoroutine,
  intervalOpened,
  intervalProc,
  openedBlockBits,
  ProcActivity,
  type ProcIntervalTable,
  type ProcIntervals,
} from './procIntervalTable';

/** P intervals for drawing [from, to) at a given width. */
export interface ProcActivityView {
  /** Intervals overlapping the window; with a pixel width, only those at least a pixel wide. */
  intervals: ProcIntervals;
  /**
   * With a pixel width: what the intervals left out, per P and pixel column, as shares of the
   * column's time (0..1). Row-major: busy[procIndex × columns + column].
   */
  columns: number;
  procs: Int32Array;
  /** A goroutine or GC worker held the P (running, syscall or mark worker). */
  busy: Float64Array;
  /** GC work on the P: mark workers, assists and sweeps. */
  gc: Float64Array;
}

/**
 * Cuts P intervals to a window. For a huge trace the view asks for a pixel width: intervals
 * narrower than one column are summed into per-column shares instead of being sent one by one.
 */
export function procActivity(
  all: ProcIntervalTable,
  from: number,
  to: number,
  pixelWidth?: number,
): ProcActivityView {
  const { model, openedBase, openedOffset, closedAfter, farClosed, activity } = all;
  const columns = pixelWidth && pixelWidth > 0 ? Math.floor(pixelWidth) : 0;
  const columnNs = columns > 0 ? (to - from) / columns : Infinity;
  // Dense indexes in insertion order: the position of each P in `procs`.
  const procIndex = new DenseIds();
  for (const p of all.procs) procIndex.index(p);
  const busy = new Float64Array(all.procs.length * columns);
  const gc = new Float64Array(all.procs.length * columns);
  const kept: number[] = [];
  // Codes as locals: read from imports in this loop, they slow V8 down.
  const { markDedicated, markIdle } = ProcActivity;
  // intervalOpened, by hand: it would read a row's columns off `all` each time.
  const blockBits = openedBlockBits;
  const far = FAR;
  // Spares a Map lookup per row when every row is on its opener's P, as nearly always.
  const anyOtherProc = all.otherProc.size > 0;
  const n = rowsStartingBefore(all, to);
  for (let i = 0; i < n; i++) {
    const opener = openedBase[i >>> blockBits] + openedOffset[i];
    const after = closedAfter[i];
    const end = eventTime(model, after < far ? opener + after : farClosed.get(i)!);
    if (end < from) continue;
    const start = eventTime(model, opener);
    if (end - start >= columnNs || columns === 0) {
      kept.push(i);
      continue;
    }
    const isGc = activity[i] >= markDedicated;
    const isBusy = activity[i] <= markIdle;
    const p = anyOtherProc ? intervalProc(all, i) : eventProc(model, opener);
    const row = procIndex.find(p) * columns;
    // Spread the interval over the (at most two) columns it touches.
    const a = Math.max(start, from);
    const b = Math.min(end, to);
    const last = Math.min(columns - 1, Math.floor((b - from) / columnNs));
    for (let c = Math.max(0, Math.floor((a - from) / columnNs)); c <= last; c++) {
      const piece = Math.min(b, from + (c + 1) * columnNs) - Math.max(a, from + c * columnNs);
      if (piece <= 0) continue;
      if (isBusy) busy[row + c] += piece / columnNs;
      if (isGc) gc[row + c] += piece / columnNs;
    }
  }
  return {
    intervals: {
      p: Int32Array.from(kept, (i) => intervalProc(all, i)),
      start: Float64Array.from(kept, (i) => eventTime(model, intervalOpened(all, i))),
      end: Float64Array.from(kept, (i) => eventTime(model, intervalClosed(all, i))),
      g: Int32Array.from(kept, (i) => intervalGoroutine(all, i)),
      activity: Uint8Array.from(kept, (i) => activity[i]),
    },
    columns,
    procs: all.procs.slice(),
    busy,
    gc,
  };
}

/** How many rows start before `to`: the rows are sorted by start. */
function rowsStartingBefore(all: ProcIntervalTable, to: number): number {
  let lo = 0;
  let hi = all.activity.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (eventTime(all.model, intervalOpened(all, mid)) >= to) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
