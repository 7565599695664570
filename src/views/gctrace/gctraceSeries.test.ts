import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeGctrace } from '../../../workers/gctrace/decodeGctrace';
import { stwPausesNs, summarizeGctrace } from '../../../workers/gctrace/gctraceQueries';
import { pauseStats } from '../../../workers/stats/pauseStats';
import { cycleEnds, cycleIntervals, gctracePauses } from './gctraceSeries';

// A log the Go 1.26 runtime wrote (workers/gctrace/testdata).
const model = decodeGctrace(readFileSync('workers/gctrace/testdata/go126.gctrace.log'));
const c = model.cycles;

describe('gctracePauses', () => {
  const pauses = gctracePauses(c);
  it('holds the same pauses the summary counts, so the timeline and the figures agree', () => {
    expect(Array.from(pauses.duration)).toEqual(Array.from(stwPausesNs(c)));
    expect(pauseStats(pauses.duration)).toEqual(summarizeGctrace(model).stw);
  });
  it('puts sweep termination at @T and mark termination after concurrent mark', () => {
    expect(pauses.start[0]).toBe(c.startNs[0]);
    expect(pauses.reason[0]).toBe(0);
    expect(pauses.start[1]).toBe(c.startNs[0] + c.clockSweepTermNs[0] + c.clockMarkNs[0]);
    expect(pauses.reason[1]).toBe(1);
    expect(pauses.start[1] + pauses.duration[1]).toBe(cycleEnds(c)[0]);
  });
});

describe('cycleIntervals', () => {
  it('is the time between consecutive @T values', () => {
    const intervals = cycleIntervals(c);
    expect(intervals.length).toBe(c.startNs.length - 1);
    expect(intervals[0]).toBe(c.startNs[1] - c.startNs[0]);
  });
});
