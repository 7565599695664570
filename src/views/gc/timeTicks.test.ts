import { describe, expect, it } from 'vitest';
import { timeTicks } from './timeTicks';

describe('time axis ticks', () => {
  it('label every tick in one unit, zero as a bare 0', () => {
    const ticks = timeTicks(0, 2_500_000_000, 1000);
    expect(ticks.map((t) => t.label)).toEqual([
      '0',
      '0.2 s',
      '0.4 s',
      '0.6 s',
      '0.8 s',
      '1.0 s',
      '1.2 s',
      '1.4 s',
      '1.6 s',
      '1.8 s',
      '2.0 s',
      '2.2 s',
      '2.4 s',
    ]);
  });

  it('keep the decimals a fine step needs', () => {
    const ticks = timeTicks(1_000_000, 1_010_000, 500);
    expect(ticks[0].label).toBe('1.000 ms');
    expect(ticks[1].label).toBe('1.002 ms');
  });
});
