import { describe, expect, it } from 'vitest';
import type { ProcActivityView } from '../../../../workers/analysis/procActivity';
import { ProcActivity } from '../../../../workers/analysis/procIntervalTable';
import { columnShares } from './procColumns';

describe('utilization per pixel column', () => {
  it('adds wide intervals and pre-summed narrow ones, as shares of all Ps', () => {
    // Two Ps, 4 columns of 10 ns: P0 runs a goroutine over [5, 25); P1 had a narrow mark
    // worker worth half of column 3.
    const view: ProcActivityView = {
      intervals: {
        p: Int32Array.from([0]),
        start: Float64Array.from([5]),
        end: Float64Array.from([25]),
        g: Int32Array.from([1]),
        activity: Uint8Array.from([ProcActivity.running]),
      },
      columns: 4,
      procs: Int32Array.from([0, 1]),
      busy: Float64Array.from([0, 0, 0, 0, 0, 0, 0, 0.5]),
      gc: Float64Array.from([0, 0, 0, 0, 0, 0, 0, 0.5]),
    };
    const shares = columnShares(view, 0, 40, 4);
    expect([...shares.busy]).toEqual([0.25, 0.5, 0.25, 0.25]);
    expect([...shares.gc]).toEqual([0, 0, 0, 0.25]);
  });
});
