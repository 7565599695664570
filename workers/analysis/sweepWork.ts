import { EventKind, type TraceModel } from '../trace/model';
import { eventTime } from '../trace/eventTimes';
import { DenseIds } from './denseIds';
import type { GcCycles } from './gcCycles';
import { withRoom } from './growingColumn';
import { generationStartBefore } from './rangeSpans';
import { lastAtOrBefore } from './sortedSearch';

/**
 * Incremental sweeping per cycle. Sweep ranges are paired by scope as rangeSpans pairs the other
 * ranges (a re-announced one skipped, one already running starting at its generation's Sync);
 * a span counts in the cycle that began last before it began, with the bytes its end reports.
 */
export class SweepWork {
  /** Per scope (dense index of scope id and kind): the open span's start (NaN for none). */
  private start = new Float64Array(0);
  /** … and the cycle it counts in. */
  private cycle = new Int32Array(0);
  private readonly scopes = new DenseIds();
  /** The cycle of the last span begun, as a cursor: spans begin in time order but for a few. */
  private c = -1;
  /** Cursor over model.sweeps: the ends come in event order. */
  private sweepRow = 0;

  constructor(
    private readonly model: TraceModel,
    private readonly cycles: GcCycles,
  ) {}

  /** Sweep range event i (RangeBegin, RangeActive or RangeEnd, of kind k), with its row. */
  add(i: number, k: number, row: number): void {
    const { model } = this;
    const s = this.scopes.index(model.ranges.scopeId[row] * 4 + model.ranges.scopeKind[row]);
    if (s >= this.start.length) {
      this.start = withRoom(this.start, s, NaN);
      this.cycle = withRoom(this.cycle, s, -1);
    }
    const since = this.start[s];
    if (k !== EventKind.RangeEnd) {
      if (!Number.isNaN(since)) return;
      const t = k === EventKind.RangeActive ? generationStartBefore(model, i) : eventTime(model, i);
      this.start[s] = t;
      this.cycle[s] = this.cycleAt(t);
      return;
    }
    if (Number.isNaN(since)) return;
    this.start[s] = NaN;
    const c = this.cycle[s];
    if (c < 0) return;
    this.cycles.sweepNs[c] += eventTime(model, i) - since;
    const { event, sweptBytes, reclaimedBytes } = model.sweeps;
    let r = this.sweepRow;
    while (r < event.length && event[r] < i) r++;
    this.sweepRow = r;
    if (r < event.length && event[r] === i) {
      this.cycles.sweptBytes[c] += sweptBytes[r];
      this.cycles.reclaimedBytes[c] += reclaimedBytes[r];
    }
  }

  /** Spans still running at the trace end count up to the last event. */
  finish(): void {
    const end = eventTime(this.model, this.model.count - 1);
    for (let s = 0; s < this.scopes.size; s++) {
      const c = this.cycle[s];
      if (!Number.isNaN(this.start[s]) && c >= 0) this.cycles.sweepNs[c] += end - this.start[s];
    }
  }

  /**
   * The cycle begun last at or before t (gcCycles' cycleAt), by moving the cursor: back by a
   * search only for a span begun earlier.
   */
  private cycleAt(t: number): number {
    const start = this.cycles.start;
    if (this.c >= 0 && t < start[this.c]) this.c = lastAtOrBefore(start, t);
    else while (this.c + 1 < start.length && start[this.c + 1] <= t) this.c++;
    return this.c;
  }
}
