import { describe, expect, it } from 'vitest';
import { formatInUnit, formatPercent, formatValue, tableUnit } from './formatValue';

describe('formatValue', () => {
  it('scales nanoseconds like pprof, to the largest unit that keeps the value at least 1', () => {
    expect(formatValue(610_000_000, 'nanoseconds')).toBe('610ms');
    expect(formatValue(2_150_000_000, 'nanoseconds')).toBe('2.15s');
    expect(formatValue(1_500, 'nanoseconds')).toBe('1.50µs');
    expect(formatValue(999, 'nanoseconds')).toBe('999ns');
  });

  it('scales bytes in binary multiples, as pprof does', () => {
    expect(formatValue(512 * 1024, 'bytes')).toBe('512kB');
    expect(formatValue(1.5 * 1024 * 1024, 'bytes')).toBe('1.50MB');
    expect(formatValue(1000, 'bytes')).toBe('1000B');
  });

  it('abbreviates counts with k and M', () => {
    expect(formatValue(42, 'count')).toBe('42');
    expect(formatValue(12_345, 'count')).toBe('12.35k');
    expect(formatValue(3_000_000, 'count')).toBe('3M');
  });

  it('prints zero as pprof does, without a unit', () => {
    expect(formatValue(0, 'nanoseconds')).toBe('0');
  });
});

describe('tableUnit and formatInUnit', () => {
  // go tool pprof -top public/samples/cpu.pprof prints "0.61s 28.37%" and "0.04s 1.86%" with a
  // 2.15s total: the smallest row (10ms) is in a smaller unit than the total, so it is shown
  // in seconds down to 0.01s.
  it('chooses one unit for a whole -top report like report.selectOutputUnit', () => {
    const unit = tableUnit(10_000_000, 2_150_000_000, 'nanoseconds');
    expect(unit).toBe('s');
    expect(formatInUnit(610_000_000, 'nanoseconds', unit)).toBe('0.61s');
    expect(formatInUnit(40_000_000, 'nanoseconds', unit)).toBe('0.04s');
    expect(formatInUnit(0, 'nanoseconds', unit)).toBe('0');
  });

  it('keeps the smallest unit when the total is less than 100 times the smallest value', () => {
    expect(tableUnit(2048, 100 * 1024, 'bytes')).toBe('kB');
    expect(tableUnit(512, 40 * 1024, 'bytes')).toBe('B');
  });

  it('prints counts whole, as pprof -top does', () => {
    expect(tableUnit(1, 12_345, 'count')).toBeUndefined();
    expect(formatInUnit(12_345, 'count', undefined)).toBe('12345');
  });
});

describe('formatPercent', () => {
  it('matches measurement.Percentage', () => {
    expect(formatPercent(61, 215)).toBe('28.37%');
    expect(formatPercent(1, 215)).toBe('0.47%');
    expect(formatPercent(1, 20000)).toBe('0.005%');
    expect(formatPercent(215, 215)).toBe('100%');
    expect(formatPercent(0, 0)).toBe('0%');
  });
});
