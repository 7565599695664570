import { describe, expect, it } from 'vitest';
import type { GoroutineGroupRow } from '../../../workers/goroutines/goroutineQueries';
import { leakSuspect } from './leakSuspect';

const row = (patch: Partial<GoroutineGroupRow>): GoroutineGroupRow => ({
  index: 0,
  count: 50,
  state: 'chan receive',
  labels: '',
  maxWaitMinutes: 12,
  totalWaitMinutes: 600,
  lockedToThread: 0,
  createdBy: 'main.spawn',
  topFunction: 'main.awaitOrder',
  frameCount: 1,
  ...patch,
});

describe('leakSuspect', () => {
  it('flags a big group parked for minutes', () => {
    expect(leakSuspect(row({}))).toBe(true);
  });
  it('does not flag small groups, short waits or working goroutines', () => {
    expect(leakSuspect(row({ count: 3 }))).toBe(false);
    expect(leakSuspect(row({ maxWaitMinutes: 0 }))).toBe(false);
    expect(leakSuspect(row({ state: 'syscall' }))).toBe(false);
    expect(leakSuspect(row({ state: 'runnable' }))).toBe(false);
  });
});
