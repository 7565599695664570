/**
 * Reads the trace's unsigned LEB128 varints straight from the input bytes. Values above 2^53 (the
 * NoThread marker 2^64-1, huge PCs) come back rounded, which is enough to recognise them.
 */
export class WireReader {
  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
    public end: number,
  ) {}

  /** Reads one uvarint; throws TraceFormatError if it is malformed or runs past `end`. */
  uvarint(): number {
    const bytes = this.bytes;
    let pos = this.pos;
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= this.end) throw new TraceFormatError(pos, 'found invalid uvarint: input ends');
      const b = bytes[pos++];
      if (b < 0x80) {
        this.pos = pos;
        return value + b * scale;
      }
      value += (b & 0x7f) * scale;
      scale *= 128;
    }
    throw new TraceFormatError(pos, 'found invalid uvarint: longer than 10 bytes');
  }

  byte(): number {
    if (this.pos >= this.end) throw new TraceFormatError(this.pos, 'unexpected end of input');
    return this.bytes[this.pos++];
  }

  remaining(): number {
    return this.end - this.pos;
  }
}

/**
 * A structural problem in the trace at a byte offset: the parser stops there, keeps what it has
 * and turns this into a warning (or a failure for the conformance suite, like Go's reader).
 */
export class TraceFormatError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
    this.name = 'TraceFormatError';
  }
}

/** The ids of Go's 64-bit G, P, M columns as Int32: NoThread/NoProc/NoGoroutine and overflow = -1. */
export function toId(value: number): number {
  return value > 0x7fffffff ? -1 : value;
}

/**
 * A 64-bit id as Go's int64 view of it: NoThread/NoProc/NoGoroutine (2^64-1 on the wire) and
 * anything at or above 2^63 become -1; other values stay exact up to 2^53.
 */
export function fromWire(value: number): number {
  return value >= 2 ** 63 ? -1 : value;
}
