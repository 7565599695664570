import type { Batch } from './batches';
import type { PendingEvent } from './ordering';
import { wireSpecs } from './wireEvents';

/** Per wire type: the number of arguments after dt of a timed event, -1 if not one. */
const timedArgCount = Int8Array.from({ length: 256 }, (_, typ) => {
  const spec = wireSpecs[typ];
  return spec?.timed ? spec.args.length - 1 : -1;
});
import { TraceFormatError, WireReader } from './wireReader';

/**
 * Walks the event batches of one thread in order (Go's batchcursor.go), decoding one event at a
 * time into reusable fields so the hot loop allocates nothing per event.
 */
export class BatchCursor implements PendingEvent {
  typ = 0;
  time = 0;
  readonly args = new Float64Array(5);
  /** Offset of the current event, for error messages. */
  offset = 0;
  private batch = 0;
  private lastTime = 0;
  private fresh = true;
  private readonly reader: WireReader;

  /**
   * @param toNs converts an absolute tick count to ns on the model's time axis
   * @param nsPerTick the generation's tick length
   */
  constructor(
    readonly m: number,
    private readonly batches: Batch[],
    bytes: Uint8Array,
    private readonly toNs: (ticks: number) => number,
    private readonly nsPerTick: number,
  ) {
    this.reader = new WireReader(bytes, batches[0].start, batches[0].end);
  }

  /** Reads the next event; false when the thread has no more. */
  next(): boolean {
    const r = this.reader;
    while (r.pos >= r.end) {
      if (++this.batch >= this.batches.length) return false;
      r.pos = this.batches[this.batch].start;
      r.end = this.batches[this.batch].end;
      this.fresh = true;
    }
    if (this.fresh) {
      this.lastTime = this.toNs(this.batches[this.batch].time);
      this.fresh = false;
    }
    this.offset = r.pos;
    const typ = r.bytes[r.pos++];
    const n = timedArgCount[typ];
    if (n < 0) {
      if (!wireSpecs[typ]) {
        throw new TraceFormatError(this.offset, `found invalid event type: ${typ}`);
      }
      throw new TraceFormatError(this.offset, `found event without a timestamp: type=${typ}`);
    }
    this.typ = typ;
    // Go truncates each converted delta to whole ns before adding it.
    this.time = this.lastTime + Math.trunc(r.uvarint() * this.nsPerTick);
    this.lastTime = this.time;
    const args = this.args;
    for (let i = 0; i < n; i++) args[i] = r.uvarint();
    return true;
  }
}
