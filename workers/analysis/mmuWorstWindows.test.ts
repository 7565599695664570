import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseTrace } from '../trace/parseTrace';
import { logWindowSizes, mmuCurve } from './mmuCurve';
import { mmuWorstWindows } from './mmuWorstWindows';
import { mutatorUtilization } from './mutatorUtilization';
import { oneGcCycle } from './testing/oneGcCycle';

const all = { stw: true, background: true, assist: true, sweep: true };

describe('mmuWorstWindows', () => {
  const series = mutatorUtilization(oneGcCycle().build(), all);

  it('lists the worst windows of a size, worst first, none overlapping another', () => {
    // Utilization (see mmu.test.ts): 1 until 12, 0 until 20, 1 until 40, 0.5 until 50, 0 until
    // 70, 0.5 until 90, 1 until 100, 0 until 110, 1 until 120, 0.5 until 130, 1 until 300.
    const worst = mmuWorstWindows(series, 30, 4);
    // 40–70: 10 ns at half, 20 at none. Then 80–110 (5 + 10 + 0 = 15 of 30; 100–130 ties
    // later), then 0–30 (12 + 0 + 10), the worst clear of both. Then 110–140 (10 + 5 + 10).
    expect([...worst.start]).toEqual([40, 80, 0, 110]);
    expect([...worst.util].map((u) => u * 30)).toEqual(
      [5, 15, 22, 25].map((v) => expect.closeTo(v, 9)),
    );
    expect([...worst.durationNs]).toEqual([30, 30, 30, 30]);
    expect([...worst.series]).toEqual([0, 0, 0, 0]);
  });

  it('takes several windows where the utilization is zero, side by side', () => {
    const worst = mmuWorstWindows(series, 10, 4);
    expect(mmuWorstWindows(series, 10, 4, 2)).toEqual(worst);
    expect([...worst.start]).toEqual([50, 60, 100, 10]);
    expect([...worst.util]).toEqual([0, 0, 0, expect.closeTo(0.2, 12)]);
  });

  it('cuts a window longer than the trace to the trace, and stops when nothing is left', () => {
    const worst = mmuWorstWindows(series, 1000, 3);
    expect([...worst.start]).toEqual([0]);
    expect([...worst.durationNs]).toEqual([300]);
  });
});

const sample = resolve(__dirname, '../../public/samples/trace.out.gz');
if (!existsSync(sample)) console.warn('public/samples/trace.out.gz is absent: skipping');

describe.skipIf(!existsSync(sample))('mmuWorstWindows on the bundled sample trace', () => {
  const model = parseTrace(new Uint8Array(gunzipSync(readFileSync(sample))), {
    progress: () => {},
  });

  for (const flags of [all, { ...all, perProc: true }]) {
    it(`starts with the MMU curve's worst window at every size${flags === all ? '' : ', per P'}`, () => {
      const series = mutatorUtilization(model, flags);
      const span = series[0].time[series[0].time.length - 1] - series[0].time[0];
      const sizes = logWindowSizes(1000, span, 2);
      const curve = mmuCurve(series, sizes);
      for (let i = 0; i < sizes.length; i++) {
        const worst = mmuWorstWindows(series, sizes[i], 5);
        // Picking among few kept candidates, or falling back to a pass per pick, agrees.
        expect(mmuWorstWindows(series, sizes[i], 5, 1)).toEqual(worst);
        expect(mmuWorstWindows(series, sizes[i], 5, 40)).toEqual(worst);
        expect(worst.util[0]).toBeCloseTo(curve.mmu[i], 12);
        expect(worst.start[0]).toBe(curve.worstStart[i]);
        for (let k = 1; k < worst.util.length; k++) {
          expect(worst.util[k]).toBeGreaterThanOrEqual(worst.util[k - 1]);
          for (let j = 0; j < k; j++) {
            const apart =
              worst.start[k] >= worst.start[j] + worst.durationNs[j] ||
              worst.start[j] >= worst.start[k] + worst.durationNs[k];
            expect(apart).toBe(true);
          }
        }
      }
    });
  }
});
