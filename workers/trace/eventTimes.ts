import { resized } from './typedColumn';

/**
 * Event times, stored in 4 bytes per event instead of 8: the events are cut into blocks of
 * 2^16, each block keeps the time of its first event as a double, and each event its offset
 * from that in a Uint32Array. Events only move forward in time (model.ts), so offsets are never
 * negative, and a block of a busy trace spans milliseconds. When an offset does not fit (a
 * block spanning more than 4.29 s, or a time that is not a whole number of ns), the offsets widen
 * to doubles; every time stays exact either way.
 */
export interface EventTimes {
  /** Time of the first event of each block. */
  timeBase: Float64Array;
  /** Time of each event minus its block's base. */
  timeOffset: Uint32Array | Float64Array;
}

export const timeBlockBits = 16;

/** The time of event i (ns since the first event of the trace). */
export function eventTime(times: EventTimes, i: number): number {
  return times.timeBase[i >>> timeBlockBits] + times.timeOffset[i];
}

/** Event times written one event after another, in a column that grows as needed. */
export class EventTimesBuilder implements EventTimes {
  timeBase: Float64Array;
  timeOffset: Uint32Array | Float64Array;

  constructor(capacity: number) {
    this.timeOffset = new Uint32Array(capacity);
    this.timeBase = new Float64Array(blocks(capacity));
  }

  /** Sets the time of event i; events are set in order (or again from a rolled back point). */
  set(i: number, time: number): void {
    if (i === this.timeOffset.length) this.grow(Math.max(1024, i * 2), i);
    const block = i >>> timeBlockBits;
    if ((i & ((1 << timeBlockBits) - 1)) === 0) this.timeBase[block] = time;
    const offset = time - this.timeBase[block];
    if (offset >>> 0 !== offset && this.timeOffset instanceof Uint32Array) {
      this.timeOffset = resized(this.timeOffset, Float64Array, this.timeOffset.length, i);
    }
    this.timeOffset[i] = offset;
  }

  /** The first `count` times, as views: the unwritten tail was never touched (see SideTable). */
  finish(count: number): EventTimes {
    return {
      timeBase: this.timeBase.subarray(0, blocks(count)),
      timeOffset: this.timeOffset.subarray(0, count),
    };
  }

  private grow(capacity: number, count: number): void {
    const offsets = this.timeOffset;
    this.timeOffset = resized(
      offsets,
      offsets.constructor as new (n: number) => typeof offsets,
      capacity,
      count,
    );
    this.timeBase = resized(this.timeBase, Float64Array, blocks(capacity), this.timeBase.length);
  }
}

function blocks(events: number): number {
  return Math.ceil(events / (1 << timeBlockBits));
}
