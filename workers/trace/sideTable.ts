import { resized, type TypedColumn } from './typedColumn';

type Column = TypedColumn;
type ColumnType = new (length: number) => Column;
/**
 * A column's type, or a narrow type that holds nearly every value and the wide type it becomes at
 * the first value that does not fit (see `set`).
 */
type ColumnSpec = ColumnType | { narrow: ColumnType; wide: ColumnType };

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
  private readonly wide: Partial<Record<K, ColumnType>> = {};

  constructor(specs: Record<K, ColumnSpec>, expectedRows = 64) {
    this.capacity = Math.max(64, Math.ceil(expectedRows));
    this.columns = {} as Record<K, Column>;
    for (const key of Object.keys(specs) as K[]) {
      const spec = specs[key];
      if (typeof spec === 'function') {
        this.columns[key] = new spec(this.capacity);
      } else {
        this.columns[key] = new spec.narrow(this.capacity);
        this.wide[key] = spec.wide;
      }
    }
  }

  /** Appends a row and returns its index; the caller fills the columns. */
  row(): number {
    if (this.count === this.capacity) this.grow();
    return this.count++;
  }

  /**
   * Writes a value, widening a narrow column first if the value does not fit (read back, it
   * would differ): every value stays exact. Columns without a wide type can be written directly.
   */
  set(key: K, row: number, value: number): void {
    let column = this.columns[key];
    column[row] = value;
    if (column[row] === value) return;
    const wide = this.wide[key];
    if (!wide) return;
    delete this.wide[key];
    column = this.columns[key] = resized(column, wide, this.capacity, this.count);
    column[row] = value;
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
    for (const key of Object.keys(this.columns) as K[]) {
      const column = this.columns[key];
      this.columns[key] = resized(
        column,
        column.constructor as ColumnType,
        this.capacity,
        this.count,
      );
    }
  }
}
