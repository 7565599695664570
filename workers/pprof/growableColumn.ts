/**
 * An append-only column of numbers that doubles its backing store, so decoders can collect
 * millions of numbers without one JS array slot per value. Always backed by a Float64Array,
 * which holds any int64 read as a double and keeps `push` monomorphic in the hot loops.
 */
export class GrowableColumn {
  length = 0;
  private data: Float64Array;

  /** `capacity`: how many values to expect, when the caller knows. */
  constructor(capacity = 1024) {
    this.data = new Float64Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** The collected values, without copying; valid until the next push. */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }

  /** New arrays of exactly the collected values (safe to transfer). */
  toFloat64(): Float64Array {
    return this.data.slice(0, this.length);
  }

  toInt32(): Int32Array {
    const out = new Int32Array(this.length);
    out.set(this.data.subarray(0, this.length));
    return out;
  }
}
