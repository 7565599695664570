import { grownInt32 } from '../flame/grownInt32';

/**
 * The distinct stacks of a profile, each stored once: samples with the same list of locations
 * share one stack index. Stacks are found through an open-addressing table keyed by a hash of
 * their locations, and a matching hash is confirmed by comparing the locations, so two different
 * stacks never merge. A Go heap profile repeats each stack once per allocation size, so this
 * keeps a fraction of the locations its samples list.
 */
export class StackInterner {
  count = 0;
  /** Stack k is locations[offsets[k]..offsets[k+1]). */
  private offsets = new Int32Array(1024);
  private locations: Int32Array | Uint16Array;
  private length = 0;
  private hashes = new Int32Array(1024);
  /** Stack + 1 per slot, 0 for an empty slot; at most half full. */
  private slots = new Int32Array(4096);

  /**
   * `capacityHint`: at most how many locations all stacks could hold. Memory is only touched as
   * it is written, so a generous array costs less than growing and copying one (bounded, so a huge
   * input still starts with an array it can have). Locations are kept in 16 bits when
   * `locationCount` allows.
   */
  constructor(capacityHint: number, locationCount: number) {
    const size = Math.max(1024, Math.min(capacityHint, 1 << 26));
    this.locations = locationCount <= 0xffff ? new Uint16Array(size) : new Int32Array(size);
  }

  /** The index of the stack stack[0..depth), added on first sight. */
  intern(stack: Int32Array, depth: number): number {
    let hash = 0x811c9dc5 ^ depth;
    for (let i = 0; i < depth; i++) hash = Math.imul(hash ^ stack[i], 0x01000193);
    hash ^= hash >>> 15;
    const { slots, offsets, locations } = this;
    const mask = slots.length - 1;
    let at = hash & mask;
    for (;;) {
      const held = slots[at] - 1;
      if (held < 0) break;
      if (this.hashes[held] === hash && offsets[held + 1] - offsets[held] === depth) {
        const base = offsets[held];
        let i = 0;
        while (i < depth && locations[base + i] === stack[i]) i++;
        if (i === depth) return held;
      }
      at = (at + 1) & mask;
    }
    return this.add(stack, depth, hash, at);
  }

  /** The stacks: offsets (count + 1 of them) and locations, the filled parts, not copied. */
  finish(): { offsets: Int32Array; locations: Int32Array | Uint16Array } {
    return {
      offsets: this.offsets.subarray(0, this.count + 1),
      locations: this.locations.subarray(0, this.length),
    };
  }

  private add(stack: Int32Array, depth: number, hash: number, at: number): number {
    const k = this.count++;
    if (this.count + 1 > this.offsets.length) {
      this.offsets = grownInt32(this.offsets, this.count + 1);
      this.hashes = grownInt32(this.hashes, this.count + 1);
    }
    if (this.length + depth > this.locations.length) {
      const old = this.locations;
      const size = Math.max(old.length * 2, this.length + depth);
      this.locations = old instanceof Uint16Array ? new Uint16Array(size) : new Int32Array(size);
      this.locations.set(old);
    }
    const locations = this.locations;
    for (let i = 0; i < depth; i++) locations[this.length + i] = stack[i];
    this.length += depth;
    this.offsets[k + 1] = this.length;
    this.hashes[k] = hash;
    if (this.count * 2 > this.slots.length) this.rehash();
    else this.slots[at] = k + 1;
    return k;
  }

  /** Doubles the table and re-enters every stack by its kept hash. */
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
