import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeGctrace } from '../gctrace/decodeGctrace';
import { parseTrace } from '../trace/parseTrace';
import { gcCycles } from './gcCycles';
import { stwPauses, stwStats } from './stwPauses';

// The bundled samples come from one run: trace.out.gz, its gctrace.log (stderr) and memstats.json
// (runtime.MemStats read before trace.Start and after trace.Stop). They are loose witnesses
// only (see TESTING-NOTES): gctrace rounds, and MemStats brackets the trace.
const samples = resolve(__dirname, '../../public/samples');
const present = ['trace.out.gz', 'gctrace.log', 'memstats.json'].every((f) =>
  existsSync(resolve(samples, f)),
);
if (!present) console.warn('public/samples is incomplete: skipping the gctrace cross-check');

describe.skipIf(!present)('gcCycles of the bundled sample trace', () => {
  const model = parseTrace(
    new Uint8Array(gunzipSync(readFileSync(resolve(samples, 'trace.out.gz')))),
    { progress: () => {} },
  );
  const cycles = gcCycles(model);
  const log = decodeGctrace(new Uint8Array(readFileSync(resolve(samples, 'gctrace.log')))).cycles;
  const memstats = JSON.parse(readFileSync(resolve(samples, 'memstats.json'), 'utf8'));
  const begun = [...cycles.flags].filter((f) => f === 0).length;

  it('has as many cycles as NumGC advanced over the trace, within the bracketing slack', () => {
    expect(Math.abs(begun - (memstats.numGCAfter - memstats.numGCBefore))).toBeLessThanOrEqual(3);
  });

  it('reports the heap sizes and goal of each cycle as gctrace prints them (MiB, truncated)', () => {
    const mib = (bytes: number) => Math.floor(bytes / 2 ** 20);
    let compared = 0;
    for (let c = 0; c < cycles.count; c++) {
      // gctrace numbers cycles from program start; the trace's first whole cycle is the one after
      // the NumGC read before trace.Start.
      const line = [...log.number].indexOf(memstats.numGCBefore + 1 + c);
      if (cycles.flags[c] !== 0 || line < 0) continue;
      compared++;
      expect(
        Math.abs(mib(cycles.heapStart[c]) - log.heapStartBytes[line] / 2 ** 20),
      ).toBeLessThanOrEqual(1);
      expect(
        Math.abs(mib(cycles.heapEnd[c]) - log.heapEndBytes[line] / 2 ** 20),
      ).toBeLessThanOrEqual(1);
      expect(
        Math.abs(mib(cycles.heapMarked[c]) - log.heapLiveBytes[line] / 2 ** 20),
      ).toBeLessThanOrEqual(1);
      expect(Math.abs(mib(cycles.goal[c]) - log.heapGoalBytes[line] / 2 ** 20)).toBeLessThanOrEqual(
        1,
      );
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('measures GC pauses at least as long as the runtime accounts them', () => {
    // The trace's STW range also covers stopping the world, which PauseTotalNs leaves out.
    const gcPauseNs = stwStats(stwPauses(model)).gc.totalNs;
    const runtimePauseNs = memstats.pauseTotalNsAfter - memstats.pauseTotalNsBefore;
    expect(gcPauseNs).toBeGreaterThan(0.7 * runtimePauseNs);
  });
});
