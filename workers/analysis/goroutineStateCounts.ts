import { EventKind, GoState, ResourceKind, type TraceModel } from '../trace/model';
import { eventTime } from '../trace/eventTimes';

/**
 * Number of goroutines in each state over time (the "Goroutines" counter of `go tool trace`), as
 * a step series with one point per change: counts hold from time[i] until the next point.
 */
export interface GoroutineStateCounts {
  time: Float64Array;
  running: Int32Array;
  runnable: Int32Array;
  waiting: Int32Array;
  syscall: Int32Array;
}

/** States counted, in the order of the series. */
const countedStates = [GoState.Running, GoState.Runnable, GoState.Waiting, GoState.Syscall];

/** What a chart asks for: [from, to) drawn over pixelWidth columns. */
export interface CountsView {
  from?: number;
  to?: number;
  pixelWidth?: number;
}

/**
 * Counts per state, from every goroutine state transition. Several transitions at one time
 * stamp give one point. Goroutines already alive at the trace start enter the counts when their
 * first transition (usually from Undetermined) appears at the generation start.
 *
 * With a pixelWidth, only the points that draw [from, to) at that width are kept, as they are
 * found: the one holding at `from`, and per column the first, the last, and each state's lowest
 * and highest (the M4 method, per state). Tens of millions of points are never stored.
 */
export function goroutineStateCounts(model: TraceModel, view?: CountsView): GoroutineStateCounts {
  const { kind, transition, count } = model;
  const { resourceKind, from, to } = model.transitions;
  // Codes as locals: reading the imported constants in the loops made V8 run them several times
  // slower (Node 20).
  const { StateTransition } = EventKind;
  // Which transition rows change a goroutine's state.
  const counted = Uint8Array.from(resourceKind, (r, row) =>
    r === ResourceKind.Goroutine && from[row] !== to[row] ? 1 : 0,
  );
  // Per transition row, the series its goroutine leaves and the one it enters (`others` for the
  // states no series shows), so the counts are kept in series order.
  const others = countedStates.length;
  const seriesOf = (state: number) => {
    const s = (countedStates as readonly number[]).indexOf(state);
    return s < 0 ? others : s;
  };
  const leaves = Uint8Array.from(from, seriesOf);
  const enters = Uint8Array.from(to, seriesOf);
  const end = count > 0 ? eventTime(model, count - 1) : 0;
  const points: CountPoints =
    view?.pixelWidth !== undefined && view.pixelWidth > 0
      ? new ThinnedPoints(view.from ?? 0, view.to ?? end, view.pixelWidth)
      : new AllPoints(pointCount(model, counted));
  const counts = new Int32Array(others + 1);
  // A point is added once every transition at its time is counted, when the next time is seen.
  let pointTime = NaN;
  for (let i = 0; i < count; i++) {
    if (kind[i] !== StateTransition) continue;
    const row = transition[i];
    if (!counted[row]) continue;
    const t = eventTime(model, i);
    if (t !== pointTime) {
      if (!Number.isNaN(pointTime)) points.add(pointTime, counts, t);
      pointTime = t;
    }
    counts[leaves[row]]--;
    counts[enters[row]]++;
  }
  if (!Number.isNaN(pointTime)) points.add(pointTime, counts, Infinity);
  return points.result();
}

/**
 * Points of the series in time order, each with the counts after its transitions, in series
 * order (then one for the states no series shows).
 */
interface CountPoints {
  /** `next`: the time of the next point, Infinity for none. */
  add(time: number, counts: Int32Array, next: number): void;
  result(): GoroutineStateCounts;
}

/** The distinct time stamps of counted transitions: the length of the whole series. */
function pointCount(model: TraceModel, counted: Uint8Array): number {
  const { kind, transition, count } = model;
  const { StateTransition } = EventKind;
  let points = 0;
  let lastTime = NaN;
  for (let i = 0; i < count; i++) {
    if (kind[i] !== StateTransition || !counted[transition[i]]) continue;
    const t = eventTime(model, i);
    if (points === 0 || t !== lastTime) points++;
    lastTime = t;
  }
  return points;
}

/** Every point, in columns sized by a first pass. */
class AllPoints implements CountPoints {
  private readonly out: GoroutineStateCounts;
  private readonly series: Int32Array[];
  private n = -1;

  constructor(length: number) {
    this.out = {
      time: new Float64Array(length),
      running: new Int32Array(length),
      runnable: new Int32Array(length),
      waiting: new Int32Array(length),
      syscall: new Int32Array(length),
    };
    this.series = [this.out.running, this.out.runnable, this.out.waiting, this.out.syscall];
  }

  add(time: number, counts: Int32Array): void {
    this.out.time[++this.n] = time;
    for (let s = 0; s < countedStates.length; s++) {
      this.series[s][this.n] = counts[s];
    }
  }

  result(): GoroutineStateCounts {
    return this.out;
  }
}

/**
 * The points that draw the series at a width. Candidates of the current column live in slots:
 * 0 first, 1 last, then per state its lowest and its highest point. Most points fall inside a
 * column, far from its ends: they are compared with its lows and highs and nothing else.
 */
class ThinnedPoints implements CountPoints {
  private readonly width: number;
  private readonly slots = 2 + 2 * countedStates.length;
  private readonly slotTime: Float64Array;
  private readonly slotCounts: Int32Array;
  private readonly states = countedStates.length;
  /** Each state's lowest and highest count in the current column. */
  private readonly low = new Int32Array(this.states);
  private readonly high = new Int32Array(this.states);
  private column = NaN;
  /** The current column holds every time from its first point's up to this one. */
  private inColumnUpTo = -Infinity;
  private readonly time: number[] = [];
  private readonly counts: number[][] = countedStates.map(() => []);

  constructor(
    private readonly from: number,
    private readonly to: number,
    pixelWidth: number,
  ) {
    this.width = (to - from) / pixelWidth;
    this.slotTime = new Float64Array(this.slots);
    this.slotCounts = new Int32Array(this.slots * countedStates.length);
  }

  result(): GoroutineStateCounts {
    this.flush();
    const series = this.counts.map((values) => Int32Array.from(values));
    return {
      time: Float64Array.from(this.time),
      running: series[0],
      runnable: series[1],
      waiting: series[2],
      syscall: series[3],
    };
  }

  add(time: number, counts: Int32Array, next: number): void {
    if (time > this.inColumnUpTo) {
      this.addOutside(time, counts);
      return;
    }
    // Up to inColumnUpTo, the next point may be in the next column only when it is beyond it.
    if (next > this.inColumnUpTo) this.take(1, time, counts);
    this.takeExtremes(time, counts);
  }

  /** A point past inColumnUpTo: in a new column, or late in the current one. */
  private addOutside(time: number, counts: Int32Array): void {
    if (time > this.to) return;
    const column = this.columnOf(time);
    if (column === this.column && column >= 0) {
      this.take(1, time, counts);
      this.takeExtremes(time, counts);
      return;
    }
    if (column !== this.column) this.flush();
    this.column = column;
    for (let slot = 0; slot < this.slots; slot++) this.take(slot, time, counts);
    for (let s = 0; s < this.states; s++) this.low[s] = this.high[s] = counts[s];
    // Points before the window all share one column, where only the last (the one holding at
    // `from`) survives: each takes every slot.
    if (column < 0) return;
    // A time the column surely holds, checked with columnOf itself: the column of a time never
    // goes down as the time goes up, so every time from here to it is in this column.
    const upTo = Math.min(this.to, this.from + (column + 1 - 1e-6) * this.width);
    this.inColumnUpTo = this.columnOf(upTo) === column ? upTo : time;
  }

  private columnOf(time: number): number {
    return time < this.from ? -1 : Math.floor((time - this.from) / this.width);
  }

  private takeExtremes(time: number, counts: Int32Array): void {
    const { low, high } = this;
    // Nearly every point is within every series' low and high: that is checked first, written
    // out for the four series (as a loop, V8 made it a fifth of the whole pass).
    if (
      counts[0] >= low[0] &&
      counts[0] <= high[0] &&
      counts[1] >= low[1] &&
      counts[1] <= high[1] &&
      counts[2] >= low[2] &&
      counts[2] <= high[2] &&
      counts[3] >= low[3] &&
      counts[3] <= high[3]
    ) {
      return;
    }
    for (let s = 0; s < this.states; s++) {
      const value = counts[s];
      if (value < low[s]) {
        low[s] = value;
        this.take(2 + 2 * s, time, counts);
      } else if (value > high[s]) {
        high[s] = value;
        this.take(3 + 2 * s, time, counts);
      }
    }
  }

  private take(slot: number, time: number, counts: Int32Array): void {
    this.slotTime[slot] = time;
    const at = slot * this.states;
    for (let s = 0; s < this.states; s++) this.slotCounts[at + s] = counts[s];
  }

  /** Appends the current column's candidates in time order, each time once. */
  private flush(): void {
    if (Number.isNaN(this.column)) return;
    const order = Array.from({ length: this.slots }, (_, slot) => slot).sort(
      (a, b) => this.slotTime[a] - this.slotTime[b],
    );
    for (const slot of order) {
      const t = this.slotTime[slot];
      if (this.time.length > 0 && this.time[this.time.length - 1] === t) continue;
      this.time.push(t);
      this.counts.forEach((values, s) =>
        values.push(this.slotCounts[slot * countedStates.length + s]),
      );
    }
  }
}
