import { InternedRows } from './internedRows';

/**
 * The distinct stacks of a profile, each stored once: samples with the same list of locations
 * share one stack index. Stacks are found through an open-addressing table keyed by a hash of
 * their locations, and a matching hash is confirmed by comparing the locations, so two different
 * stacks never merge. A Go heap profile repeats each stack once per allocation size, so this
 * keeps a fraction of the locations its samples list.
 */
export class StackInterner {
  private rows = new InternedRows(1024);
  private locations: Int32Array | Uint16Array;
  /** The stack being interned, stack[0..depth), read by `same`. */
  private stack: Int32Array = new Int32Array(0);
  private depth = 0;

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

  get count(): number {
    return this.rows.count;
  }

  /** The index of the stack stack[0..depth), added on first sight. */
  intern(stack: Int32Array, depth: number): number {
    let hash = 0x811c9dc5 ^ depth;
    for (let i = 0; i < depth; i++) hash = Math.imul(hash ^ stack[i], 0x01000193);
    hash ^= hash >>> 15;
    this.stack = stack;
    this.depth = depth;
    const { rows } = this;
    const k = rows.intern(hash, depth, this.same);
    if (rows.added) {
      const base = rows.offsets[k];
      if (rows.length > this.locations.length) this.grow(rows.length);
      const locations = this.locations;
      for (let i = 0; i < depth; i++) locations[base + i] = stack[i];
    }
    return k;
  }

  /** The stacks: offsets (count + 1 of them) and locations, the filled parts, not copied. */
  finish(): { offsets: Int32Array; locations: Int32Array | Uint16Array } {
    return {
      offsets: this.rows.offsets.subarray(0, this.rows.count + 1),
      locations: this.locations.subarray(0, this.rows.length),
    };
  }

  /** Whether the stored stack at `base` holds the stack being interned (lengths are equal). */
  private same = (base: number): boolean => {
    const { stack, depth, locations } = this;
    for (let i = 0; i < depth; i++) if (locations[base + i] !== stack[i]) return false;
    return true;
  };

  private grow(atLeast: number): void {
    const old = this.locations;
    const size = Math.max(old.length * 2, atLeast);
    this.locations = old instanceof Uint16Array ? new Uint16Array(size) : new Int32Array(size);
    this.locations.set(old);
  }
}
