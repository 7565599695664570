import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../decodeInput';
import { metadataQuery } from './metadataQuery';
import type { PprofModel } from './model';

// The samples are written by tools/samples with runtime/pprof, one file per profile kind.
const samples = ['cpu', 'heap', 'allocs', 'goroutine', 'mutex', 'block'] as const;

describe('metadataQuery', () => {
  for (const kind of samples) {
    it(`recognises public/samples/${kind}.pprof as a ${kind} profile`, async () => {
      const bytes = readFileSync(new URL(`../../public/samples/${kind}.pprof`, import.meta.url));
      const model = (await decodeInput(new Uint8Array(bytes))).model as PprofModel;
      const meta = metadataQuery(model);
      expect(meta.profileType).toBe(kind);
      expect(meta.sampleCount).toBe(model.samples.count);
      expect(meta.mappings.length).toBeGreaterThan(0);
    });
  }

  it('reads period, duration and time of a CPU profile', async () => {
    const bytes = readFileSync(new URL('../../public/samples/cpu.pprof', import.meta.url));
    const meta = metadataQuery((await decodeInput(new Uint8Array(bytes))).model as PprofModel);
    // runtime/pprof samples CPU at 100 Hz: one sample per 10ms of CPU.
    expect(meta.period).toBe(10_000_000);
    expect(meta.periodType).toEqual({ type: 'cpu', unit: 'nanoseconds' });
    expect(meta.durationNanos).toBeGreaterThan(0);
    expect(meta.timeNanos).toBeGreaterThan(0);
  });
});
