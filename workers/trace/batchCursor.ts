import type { Batch } from './batches';
import type { PendingEvent } from './ordering';
import { wireSpecs } from './wireEvents';
import { TraceFormatError } from './wireReader';

/** Per wire type: the number of uvarints of a timed event, dt included; -1 if not timed. */
const timedVarints = Int8Array.from({ length: 256 }, (_, typ) => {
  const spec = wireSpecs[typ];
  return spec?.timed ? spec.args.length : -1;
});

/**
 * Walks the event batches of one thread in order (Go's batchcursor.go), decoding one event at a
 * time into reusable fields so the hot loop allocates nothing per event. The uvarints are read
 * here rather than through WireReader: this loop runs for every event of the trace.
 */
export class BatchCursor implements PendingEvent {
  typ = 0;
  time = 0;
  /** The event's uvarints: dt, then the arguments. */
  private readonly raw = new Float64Array(6);
  /** The arguments after dt. */
  readonly args = this.raw.subarray(1);
  /** Offset of the current event, for error messages. */
  offset = 0;
  private batch = -1;
  private pos = 0;
  private end = 0;
  private lastTime = 0;

  /**
   * @param toNs converts an absolute tick count to ns on the model's time axis
   * @param nsPerTick the generation's tick length
   */
  constructor(
    readonly m: number,
    private readonly batches: Batch[],
    private readonly bytes: Uint8Array,
    private readonly toNs: (ticks: number) => number,
    private readonly nsPerTick: number,
  ) {}

  /** Reads the next event; false when the thread has no more. */
  next(): boolean {
    let pos = this.pos;
    let end = this.end;
    if (pos >= end) {
      do {
        if (++this.batch >= this.batches.length) return false;
        pos = this.batches[this.batch].start;
        end = this.batches[this.batch].end;
      } while (pos >= end);
      this.end = end;
      this.lastTime = this.toNs(this.batches[this.batch].time);
    }
    const bytes = this.bytes;
    this.offset = pos;
    const typ = bytes[pos++];
    const n = timedVarints[typ];
    if (n < 0) {
      if (!wireSpecs[typ]) {
        throw new TraceFormatError(this.offset, `found invalid event type: ${typ}`);
      }
      throw new TraceFormatError(this.offset, `found event without a timestamp: type=${typ}`);
    }
    const raw = this.raw;
    for (let k = 0; k < n; k++) {
      if (pos >= end) throw new TraceFormatError(pos, 'found invalid uvarint: input ends');
      let b = bytes[pos++];
      if (b < 0x80) {
        raw[k] = b;
        continue;
      }
      let value = b & 0x7f;
      let scale = 128;
      for (let i = 1; ; i++) {
        if (i === 10)
          throw new TraceFormatError(pos, 'found invalid uvarint: longer than 10 bytes');
        if (pos >= end) throw new TraceFormatError(pos, 'found invalid uvarint: input ends');
        b = bytes[pos++];
        if (b < 0x80) {
          value += b * scale;
          break;
        }
        value += (b & 0x7f) * scale;
        scale *= 128;
      }
      raw[k] = value;
    }
    this.pos = pos;
    this.typ = typ;
    // Go truncates each converted delta to whole ns before adding it.
    this.time = this.lastTime + Math.trunc(raw[0] * this.nsPerTick);
    this.lastTime = this.time;
    return true;
  }
}
