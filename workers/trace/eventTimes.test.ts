import { describe, expect, it } from 'vitest';
import { eventTime, EventTimesBuilder, timeBlockBits } from './eventTimes';

const block = 1 << timeBlockBits;

function stored(times: number[], capacity = 16) {
  const builder = new EventTimesBuilder(capacity);
  times.forEach((t, i) => builder.set(i, t));
  const columns = builder.finish(times.length);
  return { columns, read: times.map((_, i) => eventTime(columns, i)) };
}

describe('EventTimesBuilder', () => {
  it('keeps the times of a busy trace in 32-bit offsets, across blocks and growth', () => {
    const times = Array.from({ length: 2 * block + 5 }, (_, i) => 7_000_000_000 + i * 13);
    const { columns, read } = stored(times);
    expect(columns.timeOffset).toBeInstanceOf(Uint32Array);
    expect(columns.timeBase.length).toBe(3);
    expect(read).toEqual(times);
  });

  it('widens the offsets when a block spans more than 2^32 ns, keeping every earlier time', () => {
    const times = [0, 5, 2 ** 32 - 1, 2 ** 32, 2 ** 45 + 3];
    const { columns, read } = stored(times);
    expect(columns.timeOffset).toBeInstanceOf(Float64Array);
    expect(read).toEqual(times);
  });

  it('widens the offsets for times that are not whole nanoseconds', () => {
    const { columns, read } = stored([1, 2.5, 4]);
    expect(columns.timeOffset).toBeInstanceOf(Float64Array);
    expect(read).toEqual([1, 2.5, 4]);
  });

  it('rewrites times from a rolled back point, at a block start too', () => {
    const builder = new EventTimesBuilder(4);
    for (let i = 0; i < block + 2; i++) builder.set(i, 100 + i);
    builder.set(block, 5_000_000);
    builder.set(block + 1, 5_000_001);
    const columns = builder.finish(block + 2);
    expect(eventTime(columns, block - 1)).toBe(100 + block - 1);
    expect(eventTime(columns, block)).toBe(5_000_000);
    expect(eventTime(columns, block + 1)).toBe(5_000_001);
  });
});
