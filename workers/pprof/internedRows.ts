import { grownInt32 } from '../flame/grownInt32';

/**
 * The index behind StackInterner and LabelSets: variable-length rows, each stored once, found
 * through an open-addressing table keyed by a hash of the row. The owner keeps the rows' items
 * in its own columns and confirms every hash match by comparing items, so two different rows
 * never merge.
 */
export class InternedRows {
  count = 0;
  /** Row k is items offsets[k]..offsets[k+1] of the owner's columns. */
  offsets: Int32Array;
  /** Items in use in the owner's columns. */
  length = 0;
  /** Whether the last `intern` added a new row (whose items the owner then writes). */
  added = false;
  private hashes: Int32Array;
  /** Row + 1 per slot, 0 for an empty slot; at most half full. */
  private slots: Int32Array;

  constructor(rows: number) {
    // offsets and hashes grow together, so both always have room for row count.
    this.offsets = new Int32Array(rows + 1);
    this.hashes = new Int32Array(rows + 1);
    this.slots = new Int32Array(rows * 4);
  }

  /**
   * The row of `n` items with this hash whose items start where `same(base)` says they equal the
   * new ones; else a new row at offsets[row], with `added` set.
   */
  intern(hash: number, n: number, same: (base: number) => boolean): number {
    const { slots, offsets, hashes } = this;
    const mask = slots.length - 1;
    let at = hash & mask;
    for (;;) {
      const held = slots[at] - 1;
      if (held < 0) break;
      const base = offsets[held];
      if (hashes[held] === hash && offsets[held + 1] - base === n && same(base)) {
        this.added = false;
        return held;
      }
      at = (at + 1) & mask;
    }
    const k = this.count++;
    if (this.count + 1 > offsets.length) {
      this.offsets = grownInt32(offsets, this.count + 1);
      this.hashes = grownInt32(hashes, this.count + 1);
    }
    this.length += n;
    this.offsets[k + 1] = this.length;
    this.hashes[k] = hash;
    if (this.count * 2 > slots.length) this.rehash();
    else slots[at] = k + 1;
    this.added = true;
    return k;
  }

  /** Doubles the table and re-enters every row by its kept hash. */
  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let k = 0; k < this.count; k++) {
      let at = this.hashes[k] & mask;
      while (slots[at] !== 0) at = (at + 1) & mask;
      slots[at] = k + 1;
    }
    this.slots = slots;
  }
}
