type TypedColumn = Float64Array | Int32Array | Int8Array | Uint8Array;
type ColumnType<T extends TypedColumn> = { new (length: number): T };

const chunkBits = 16;
const chunkSize = 1 << chunkBits;
const chunkMask = chunkSize - 1;

/**
 * A typed-array column that grows as rows are appended: analyses that do not know their row
 * count up front collect into these instead of JS arrays of numbers (or one object per row), so
 * tens of millions of rows stay compact. Rows live in fixed-size chunks, so growing never copies
 * what is already there; `toArray` copies everything once into one array of the exact length.
 */
export class GrowingColumn<T extends TypedColumn> {
  length = 0;
  private readonly chunks: T[] = [];
  private chunk: T;
  private used = chunkSize;

  constructor(private readonly type: ColumnType<T>) {
    this.chunk = new type(0);
  }

  /** Appends a value and returns its row. */
  push(value: number): number {
    if (this.used === chunkSize) {
      this.chunk = new this.type(chunkSize);
      this.chunks.push(this.chunk);
      this.used = 0;
    }
    this.chunk[this.used++] = value;
    return this.length++;
  }

  get(row: number): number {
    return this.chunks[row >>> chunkBits][row & chunkMask];
  }

  set(row: number, value: number): void {
    this.chunks[row >>> chunkBits][row & chunkMask] = value;
  }

  /** A new array holding exactly the rows (safe to transfer). */
  toArray(): T {
    const all = new this.type(this.length);
    this.chunks.forEach((chunk, c) => {
      const rows = Math.min(chunkSize, this.length - c * chunkSize);
      all.set(rows === chunkSize ? chunk : (chunk.subarray(0, rows) as never), c * chunkSize);
    });
    return all;
  }
}

export const float64Column = () => new GrowingColumn(Float64Array);
export const int32Column = () => new GrowingColumn(Int32Array);
export const uint8Column = () => new GrowingColumn(Uint8Array);

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
