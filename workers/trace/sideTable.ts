type Column = Float64Array | Int32Array | Uint8Array;
type ColumnType = new (length: number) => Column;

/**
 * A growable table of typed columns, one row per event of a rarer kind (metrics, ranges,
 * labels...). Plain JS arrays of millions of numbers cost far more time and memory.
 *
 * Large typed arrays are zero pages until written, so a generous capacity costs address space,
 * not memory; `finish` hands out views instead of copies for the same reason. What costs is
 * touching pages: every copy of a column (growing, trimming) pays for its size again.
 */
export class SideTable<K extends string> {
  count = 0;
  columns: Record<K, Column>;
  private capacity: number;

  constructor(
    private readonly types: Record<K, ColumnType>,
    expectedRows = 64,
  ) {
    this.capacity = Math.max(64, Math.ceil(expectedRows));
    this.columns = this.allocate(this.capacity);
  }

  /** Appends a row and returns its index; the caller fills the columns. */
  row(): number {
    if (this.count === this.capacity) this.grow();
    return this.count++;
  }

  /** Drops rows from `count` on (rollback of a damaged generation). */
  truncate(count: number): void {
    this.count = count;
  }

  /** The columns trimmed to the row count (views: the unwritten tail was never resident). */
  finish(): Record<K, Column> {
    const out = {} as Record<K, Column>;
    for (const key of Object.keys(this.columns) as K[]) {
      out[key] = this.columns[key].subarray(0, this.count);
    }
    return out;
  }

  private grow(): void {
    this.capacity = Math.ceil(this.capacity * 2);
    const next = this.allocate(this.capacity);
    for (const key of Object.keys(this.columns) as K[]) next[key].set(this.columns[key]);
    this.columns = next;
  }

  private allocate(capacity: number): Record<K, Column> {
    const out = {} as Record<K, Column>;
    for (const key of Object.keys(this.types) as K[]) out[key] = new this.types[key](capacity);
    return out;
  }
}
