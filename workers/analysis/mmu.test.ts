import { describe, expect, it } from 'vitest';
import { clipUtilSeries, logWindowSizes, mmuCurve, WindowScan } from './mmuCurve';
import { mutatorUtilization, UtilSeriesBuilder, type UtilSeries } from './mutatorUtilization';
import { GoState, RangeName } from '../trace/model';
import { TraceModelBuilder } from './testing/modelBuilder';
import { oneGcCycle } from './testing/oneGcCycle';

const all = { stw: true, background: true, assist: true, sweep: true };
const points = (s: UtilSeries) => [...s.time].map((t, i) => [t, s.levels[s.level[i]]]);
const seriesOf = (time: Float64Array, util: Float64Array) => {
  const s = new UtilSeriesBuilder(time.length);
  time.forEach((t, j) => s.push(t, util[j]));
  return s.finish();
};

describe('mutatorUtilization', () => {
  const model = oneGcCycle().build();

  it('takes GC STWs from every P, and workers, assists and sweeps from theirs', () => {
    const [series, ...rest] = mutatorUtilization(model, all);
    expect(rest).toEqual([]);
    expect(points(series)).toEqual([
      [0, 1],
      [12, 0], // sweep termination
      [20, 1],
      [40, 0.5], // dedicated worker on P1
      [50, 0], // assist on P0
      [70, 0.5],
      [90, 1],
      [100, 0], // mark termination
      [110, 1],
      [120, 0.5], // sweep on P0
      [130, 1], // "read mem stats" at 200 is no GC pause
      [300, 0],
    ]);
  });

  it('counts only what the flags name', () => {
    expect(points(mutatorUtilization(model, { assist: true })[0])).toEqual([
      [0, 1],
      [50, 0.5],
      [70, 1],
      [300, 0],
    ]);
  });

  it('gives one series per P, leaving dedicated workers out', () => {
    const [p0, p1] = mutatorUtilization(model, { ...all, perProc: true });
    expect(points(p1)).toEqual([
      [0, 1],
      [12, 0],
      [20, 1],
      [100, 0],
      [110, 1],
      [300, 0],
    ]);
    expect(points(p0)).toContainEqual([50, 0]);
  });

  it('keeps the lowest of changes at one instant, and the others from the next event', () => {
    // A sweep on P0 that begins and ends at 10: the end's rise waits for the sample at 20.
    const model = new TraceModelBuilder()
      .sync(0)
      .gomaxprocs(0, 2)
      .range(10, 'begin', RangeName.gcSweep, { g: 1, p: 0 })
      .range(10, 'end', RangeName.gcSweep, { g: 1, p: 0 })
      .stackSample(20, { g: 1, p: 1 })
      .sync(30)
      .build();
    expect(points(mutatorUtilization(model, all)[0])).toEqual([
      [0, 1],
      [10, 0.5],
      [20, 1],
      [30, 0],
    ]);
    expect(points(mutatorUtilization(model, { ...all, perProc: true })[0])).toEqual([
      [0, 1],
      [10, 0],
      [20, 1],
      [30, 0],
    ]);
  });

  it('takes an assist running when the trace starts out of the time before it', () => {
    // Goroutine 7 runs from the start (its status says so) and is announced in an assist:
    // gc.go lowers the points so far by one P. Ranges announced again in the next generation
    // were counted already.
    const model = new TraceModelBuilder()
      .sync(0)
      .gomaxprocs(0, 2)
      .goState(0, 7, GoState.Running, GoState.Running, { p: 0 })
      .range(5, 'active', RangeName.gcMarkAssist, { g: 7, p: 0 })
      .range(20, 'end', RangeName.gcMarkAssist, { g: 7, p: 0 })
      .sync(30)
      .range(35, 'active', RangeName.gcSweep, { g: 1, p: 1 })
      .stackSample(50, { g: 1, p: 1 })
      .sync(60)
      .build();
    expect(points(mutatorUtilization(model, all)[0])).toEqual([
      [0, 0.5],
      [20, 1],
      [60, 0],
    ]);
  });
});

describe('mmuCurve', () => {
  const series = mutatorUtilization(oneGcCycle().build(), all);

  it('finds the lowest mean utilization for each window size and where it starts', () => {
    const curve = mmuCurve(series, Float64Array.of(10, 30, 300, 1000));
    expect(curve.mmu[0]).toBe(0);
    // Worst 30 ns: 40–70, half the Ps for 10 ns then none.
    expect(curve.mmu[1]).toBeCloseTo(5 / 30, 12);
    expect(curve.worstStart[1]).toBe(40);
    // The whole trace; a longer window is cut to it, as in Go.
    const whole = (12 + 20 + 5 + 0 + 10 + 10 + 0 + 10 + 5 + 170) / 300;
    expect(curve.mmu[2]).toBeCloseTo(whole, 12);
    expect(curve.mmu[3]).toBeCloseTo(whole, 12);
  });

  it('agrees with a brute-force scan of every window start', () => {
    const [s] = series;
    const meanAt = (start: number, w: number) => {
      let sum = 0;
      for (let t = start; t < start + w; t += 0.5) {
        let j = 0;
        while (j + 1 < s.time.length && s.time[j + 1] <= t) j++;
        sum += s.levels[s.level[j]] * 0.5;
      }
      return sum / w;
    };
    for (const w of [7, 25, 60, 150]) {
      let brute = 1;
      for (let start = 0; start + w <= 300; start += 0.5) brute = Math.min(brute, meanAt(start, w));
      expect(mmuCurve(series, Float64Array.of(w)).mmu[0]).toBeCloseTo(brute, 9);
    }
  });

  it('finds on long series what a scan of every window finds, value and start', () => {
    // A seeded random step series, long enough that long windows are searched band by band,
    // with idle stretches (like pauses) that exactly fill the windows of their length.
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const n = 4000;
    const time = new Float64Array(n);
    const util = new Float64Array(n);
    for (let j = 1; j < n; j++) {
      time[j] = time[j - 1] + 1 + Math.floor(random() * 100);
      util[j - 1] = [0, 0.25, 0.5, 0.75, 1][Math.floor(random() * 5)];
    }
    const pauses = [
      [500, 700],
      [1800, 2100],
      [3000, 3200],
    ];
    for (const [from, to] of pauses) util.fill(0, from, to);
    const s = seriesOf(time, util);
    const span = time[n - 1];
    const windows = Float64Array.from([
      ...logWindowSizes(span / 300, span, 20),
      ...pauses.map(([a, b]) => time[b] - time[a]),
    ]);
    const curve = mmuCurve([s], windows);
    windows.forEach((w, i) => {
      const scan = new WindowScan(s, w);
      let best = Infinity;
      let bestStart = NaN;
      while (scan.next()) {
        if (scan.mean < best) [best, bestStart] = [scan.mean, scan.start];
      }
      expect([curve.mmu[i], curve.worstStart[i]]).toEqual([best, bestStart]);
    });
    expect(curve.mmu.at(-1)).toBe(0);
  });

  it('looks only inside a window of the trace when the series is clipped', () => {
    const clipped = clipUtilSeries(series[0], { from: 115, to: 200 });
    expect(points(clipped)).toEqual([
      [115, 1],
      [120, 0.5],
      [130, 1],
      [200, 0],
    ]);
    expect(mmuCurve([clipped], Float64Array.of(10)).mmu[0]).toBe(0.5);
  });

  it('keeps every value exact past 256 distinct ones', () => {
    // Each point its own value, in shuffled order: the worst window of one point is the lowest.
    let seed = 11;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const n = 1000;
    const time = Float64Array.from({ length: n }, (_, j) => j);
    const util = Float64Array.from({ length: n }, (_, j) => ((j * 7919) % n) / n + random() / 1e6);
    util[n - 1] = 0;
    const s = seriesOf(time, util);
    expect(s.level).toBeInstanceOf(Uint32Array);
    expect(Float64Array.from(points(s), ([, u]) => u)).toEqual(util);
    const lowest = util.subarray(0, n - 1).reduce((a, b) => Math.min(a, b));
    const curve = mmuCurve([s], Float64Array.of(1));
    expect([curve.mmu[0], curve.worstStart[0]]).toEqual([lowest, util.indexOf(lowest)]);
  });

  it('spaces window sizes on a log scale', () => {
    expect([...logWindowSizes(1000, 1e6, 1)]).toEqual([1000, 10000, 100000, 1e6]);
  });
});
