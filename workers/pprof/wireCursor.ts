import { DecodeError } from '../decodeError';

/**
 * Reads protobuf varints straight from the bytes for the hot loops (samples, their location ids,
 * values and labels), where a call into protobufjs's Reader per number and its LongBits objects
 * would dominate decode time. 64-bit values become doubles (see model.ts for the exactness rule).
 */
export class WireCursor {
  pos = 0;

  constructor(readonly buf: Uint8Array) {}

  /** A varint that must fit 32 bits (tags, lengths). */
  uint32(): number {
    const buf = this.buf;
    const start = this.pos;
    let b = buf[this.pos++];
    if (b < 0x80) return b;
    let value = b & 0x7f;
    for (let shift = 7; shift < 35; shift += 7) {
      b = buf[this.pos++];
      if (b === undefined) this.truncated(start);
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
    }
    throw new DecodeError(
      'pprof',
      { offset: start },
      'a varint of at most 5 bytes',
      'a longer one',
    );
  }

  /** An int64 (two's complement) or uint64 varint as a double. */
  int64(): number {
    const buf = this.buf;
    const start = this.pos;
    let b = buf[this.pos++];
    if (b < 0x80) return b;
    // Up to 7 bytes (49 bits) sum exactly in a double; longer ones may be negative.
    let value = b & 0x7f;
    let scale = 0x80;
    for (let i = 1; i < 7; i++) {
      b = buf[this.pos++];
      if (b === undefined) this.truncated(start);
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 0x80;
    }
    return this.longInt64(start);
  }

  private longInt64(start: number): number {
    const buf = this.buf;
    let lo = 0;
    let hi = 0;
    let at = start;
    for (let i = 0; i < 10; i++) {
      const b = buf[at++];
      if (b === undefined) this.truncated(start);
      const bits = b & 0x7f;
      if (i < 4) lo |= bits << (7 * i);
      else if (i === 4) {
        lo |= bits << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (7 * i - 32);
      if (b < 0x80) {
        this.pos = at;
        lo >>>= 0;
        hi >>>= 0;
        if (hi & 0x80000000) {
          // Negative: value = -(2^64 - (hi:lo)).
          const nlo = (~lo >>> 0) + 1;
          return -((~hi >>> 0) * 0x100000000 + nlo);
        }
        return hi * 0x100000000 + lo;
      }
    }
    throw new DecodeError(
      'pprof',
      { offset: start },
      'a varint of at most 10 bytes',
      'a longer one',
    );
  }

  /** Skips a field's payload of the given wire type. */
  skip(wire: number, tagOffset: number, end: number): void {
    switch (wire) {
      case 0:
        this.int64();
        break;
      case 1:
        this.pos += 8;
        break;
      case 2: {
        const len = this.uint32();
        this.pos += len;
        break;
      }
      case 5:
        this.pos += 4;
        break;
      default:
        throw new DecodeError(
          'pprof',
          { offset: tagOffset },
          'a protobuf wire type (0, 1, 2 or 5)',
          `wire type ${wire}`,
        );
    }
    if (this.pos > end) this.truncated(tagOffset);
  }

  /** Reads a length prefix and checks the payload fits inside `end`. */
  length(tagOffset: number, end: number, what: string): number {
    const len = this.uint32();
    if (this.pos + len > end) {
      throw new DecodeError(
        'pprof',
        { offset: tagOffset },
        `${len} bytes of ${what}`,
        `only ${Math.max(0, end - this.pos)} bytes before the end: the profile is truncated`,
      );
    }
    return len;
  }

  truncated(offset: number): never {
    throw new DecodeError(
      'pprof',
      { offset },
      'a complete field',
      'the end of the input: the profile is truncated',
    );
  }
}
