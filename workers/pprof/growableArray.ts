type NumericArray = Int32Array | Float64Array;

/**
 * An append-only typed array that doubles its backing store, so decoders can collect millions of
 * numbers without one JS array slot (and boxed number) per value.
 */
export class GrowableArray<T extends NumericArray> {
  length = 0;
  private data: T;

  constructor(
    private readonly make: (size: number) => T,
    initial = 1024,
  ) {
    this.data = make(initial);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  get(index: number): number {
    return this.data[index];
  }

  /** A new array of exactly the collected values (safe to transfer). */
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }
}

export const growableInt32 = (initial?: number) =>
  new GrowableArray<Int32Array>((n) => new Int32Array(n), initial);
export const growableFloat64 = (initial?: number) =>
  new GrowableArray<Float64Array>((n) => new Float64Array(n), initial);
