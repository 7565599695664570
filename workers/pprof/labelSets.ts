import { grownInt32 } from '../flame/grownInt32';

/**
 * The distinct label sets of a profile's samples, each stored once, as the decoder reads them: a
 * sample's labels are pushed one by one, then `endSample` returns the index of that set. Go's
 * heap profiles label every sample with its allocation size, so hundreds of thousands of samples
 * share a few hundred sets. Equal hashes are confirmed label by label, so sets never merge wrongly.
 */
export class LabelSets {
  count = 0;
  /** Set k is labels offsets[k]..offsets[k+1] of the columns below. */
  private offsets = new Int32Array(256);
  private key = new Int32Array(256);
  private str = new Int32Array(256);
  private num = new Float64Array(256);
  private unit = new Int32Array(256);
  private length = 0;
  /** The labels of the sample being read, in the columns past `length`. */
  private pending = 0;
  private hashes = new Int32Array(256);
  /** Set + 1 per slot, 0 for an empty slot; at most half full. */
  private slots = new Int32Array(1024);

  push(key: number, str: number, num: number, unit: number): void {
    const at = this.length + this.pending++;
    if (at === this.key.length) this.grow();
    this.key[at] = key;
    this.str[at] = str;
    this.num[at] = num;
    this.unit[at] = unit;
  }

  /** The index of the set of labels pushed since the last call, added on first sight. */
  endSample(): number {
    const { key, str, num, unit, offsets } = this;
    const from = this.length;
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
    const mask = this.slots.length - 1;
    let at = hash & mask;
    for (;;) {
      const held = this.slots[at] - 1;
      if (held < 0) break;
      const base = offsets[held];
      if (this.hashes[held] === hash && offsets[held + 1] - base === n) {
        let i = 0;
        while (
          i < n &&
          key[base + i] === key[from + i] &&
          str[base + i] === str[from + i] &&
          num[base + i] === num[from + i] &&
          unit[base + i] === unit[from + i]
        ) {
          i++;
        }
        if (i === n) return held;
      }
      at = (at + 1) & mask;
    }
    const k = this.count++;
    if (this.count + 1 > offsets.length) {
      this.offsets = grownInt32(offsets, this.count + 1);
      this.hashes = grownInt32(this.hashes, this.count + 1);
    }
    this.length += n;
    this.offsets[k + 1] = this.length;
    this.hashes[k] = hash;
    if (this.count * 2 > this.slots.length) this.rehash();
    else this.slots[at] = k + 1;
    return k;
  }

  /** The sets: offsets (count + 1 of them) and the label columns, exactly sized. */
  finish() {
    return {
      offsets: this.offsets.slice(0, this.count + 1),
      key: this.key.slice(0, this.length),
      str: this.str.slice(0, this.length),
      num: this.num.slice(0, this.length),
      unit: this.unit.slice(0, this.length),
    };
  }

  private grow(): void {
    const size = this.key.length * 2;
    this.key = grownInt32(this.key, size);
    this.str = grownInt32(this.str, size);
    this.unit = grownInt32(this.unit, size);
    const num = new Float64Array(size);
    num.set(this.num);
    this.num = num;
  }

  /** Doubles the table and re-enters every set by its kept hash. */
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
