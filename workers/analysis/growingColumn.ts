type TypedColumn = Float64Array | Int32Array | Uint8Array;
type ColumnType<T extends TypedColumn> = { new (length: number): T };

/**
 * A typed-array column that grows as rows are appended: analyses that do not know their row
 * count up front collect into these instead of JS arrays of numbers (or one object per row), so
 * tens of millions of rows stay compact. `data` may be longer than `length`; `toArray` trims.
 */
export class GrowingColumn<T extends TypedColumn> {
  data: T;
  length = 0;

  constructor(
    private readonly type: ColumnType<T>,
    capacity = 1024,
  ) {
    this.data = new type(Math.max(16, capacity));
  }

  /** Appends a value and returns its row. */
  push(value: number): number {
    if (this.length === this.data.length) this.grow();
    this.data[this.length] = value;
    return this.length++;
  }

  /** A new array holding exactly the rows (safe to transfer). */
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }

  private grow(): void {
    const bigger = new this.type(this.data.length * 2);
    bigger.set(this.data);
    this.data = bigger;
  }
}

export const float64Column = (capacity?: number) => new GrowingColumn(Float64Array, capacity);
export const int32Column = (capacity?: number) => new GrowingColumn(Int32Array, capacity);
export const uint8Column = (capacity?: number) => new GrowingColumn(Uint8Array, capacity);

/** The array itself if index fits, else a copy twice as long (or more), new slots set to fill. */
export function withRoom<T extends TypedColumn>(array: T, index: number, fill: number): T {
  if (index < array.length) return array;
  let length = Math.max(16, array.length * 2);
  while (length <= index) length *= 2;
  const bigger = new (array.constructor as ColumnType<T>)(length);
  bigger.fill(fill, array.length);
  bigger.set(array as never);
  return bigger;
}
