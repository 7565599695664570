import { grownInt32 } from '../flame/grownInt32';
import { InternedRows } from './internedRows';

/**
 * The distinct label sets of a profile's samples, each stored once, as the decoder reads them: a
 * sample's labels are pushed one by one, then `endSample` returns the index of that set. Go's
 * heap profiles label every sample with its allocation size, so hundreds of thousands of samples
 * share a few hundred sets. Equal hashes are confirmed label by label, so sets never merge wrongly.
 */
export class LabelSets {
  private rows = new InternedRows(256);
  private key = new Int32Array(256);
  private str = new Int32Array(256);
  private num = new Float64Array(256);
  private unit = new Int32Array(256);
  /** The labels of the sample being read, in the columns past the stored sets. */
  private pending = 0;
  /** The set being interned, labels pendingFrom.. of the columns, read by `same`. */
  private pendingFrom = 0;
  private pendingCount = 0;

  get count(): number {
    return this.rows.count;
  }

  push(key: number, str: number, num: number, unit: number): void {
    const at = this.rows.length + this.pending++;
    if (at === this.key.length) this.grow();
    this.key[at] = key;
    this.str[at] = str;
    this.num[at] = num;
    this.unit[at] = unit;
  }

  /** The index of the set of labels pushed since the last call, added on first sight. */
  endSample(): number {
    const { key, str, num, unit } = this;
    const from = this.rows.length;
    const n = this.pending;
    this.pending = 0;
    let hash = 0x811c9dc5 ^ n;
    for (let i = from; i < from + n; i++) {
      hash = Math.imul(hash ^ key[i], 0x01000193);
      hash = Math.imul(hash ^ str[i], 0x01000193);
      hash = Math.imul(hash ^ (num[i] | 0), 0x01000193);
      hash = Math.imul(hash ^ ((num[i] / 0x100000000) | 0), 0x01000193);
      hash = Math.imul(hash ^ unit[i], 0x01000193);
    }
    hash ^= hash >>> 15;
    this.pendingFrom = from;
    this.pendingCount = n;
    // A new set keeps the labels where they were pushed.
    return this.rows.intern(hash, n, this.same);
  }

  /** The sets: offsets (count + 1 of them) and the label columns, exactly sized. */
  finish() {
    const { count, length } = this.rows;
    return {
      offsets: this.rows.offsets.slice(0, count + 1),
      key: this.key.slice(0, length),
      str: this.str.slice(0, length),
      num: this.num.slice(0, length),
      unit: this.unit.slice(0, length),
    };
  }

  /** Whether the stored set at `base` holds the pending labels (lengths are equal). */
  private same = (base: number): boolean => {
    const { key, str, num, unit, pendingFrom } = this;
    for (let i = 0; i < this.pendingCount; i++) {
      const a = base + i;
      const b = pendingFrom + i;
      if (key[a] !== key[b] || str[a] !== str[b] || num[a] !== num[b] || unit[a] !== unit[b]) {
        return false;
      }
    }
    return true;
  };

  private grow(): void {
    const size = this.key.length * 2;
    this.key = grownInt32(this.key, size);
    this.str = grownInt32(this.str, size);
    this.unit = grownInt32(this.unit, size);
    const num = new Float64Array(size);
    num.set(this.num);
    this.num = num;
  }
}
