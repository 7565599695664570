/**
 * An append-only column of numbers that doubles its backing store, so decoders can collect
 * millions of numbers without one JS array slot per value. Always backed by a Float64Array,
 * which holds any int64 read as a double and keeps `push` monomorphic in the hot loops.
 */
export class GrowableColumn {
  length = 0;
  private data = new Float64Array(1024);

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** Room for `extra` more values: write them at data[length..] and then set `length`. */
  reserve(extra: number): Float64Array {
    if (this.length + extra > this.data.length) {
      const bigger = new Float64Array(Math.max(this.data.length * 2, this.length + extra));
      bigger.set(this.data);
      this.data = bigger;
    }
    return this.data;
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
    return Int32Array.from(this.data.subarray(0, this.length));
  }
}
