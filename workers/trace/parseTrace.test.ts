import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noProgress } from '../progress';
import { EventKind } from './model';
import { parseTrace } from './parseTrace';
import {
  fixtureNames as fixtures,
  loadFixture,
  loadGolden as golden,
} from './testdata/loadFixture';
import { traceBasics } from './traceBasics';
import { eventTime } from './eventTimes';

// Fixtures: real Go 1.26 traces from tools/tracefixtures, each with the summary Go's own parser
// (golang.org/x/exp/trace, via tools/traceoracle) prints for it.
describe('parseTrace on Go 1.26 fixtures, against x/exp/trace', () => {
  it('has fixtures', () => expect(fixtures.length).toBeGreaterThanOrEqual(8));

  for (const name of fixtures) {
    it(name, () => {
      const model = parseTrace(loadFixture(name), { progress: noProgress });
      const want = golden(name);
      const got = traceBasics(model);
      expect(model.version).toBe('1.26');
      expect(got.warnings).toEqual([]);
      expect(got.events).toBe(want.events);
      expect(got.procs).toBe(want.procs);
      expect(got.goroutines).toBe(want.goroutines);
      expect(got.cpuSamples).toBe(want.cpuSamples);
      expect(Math.abs(got.durationNs - want.durationNs)).toBeLessThanOrEqual(1000);
    });
  }
});

describe('the model', () => {
  const model = parseTrace(loadFixture('gc-cpuprofile-generations'), { progress: noProgress });

  it('starts and ends with Sync events, one per generation plus the closing one', () => {
    expect(model.kind[0]).toBe(EventKind.Sync);
    expect(model.kind[model.count - 1]).toBe(EventKind.Sync);
    let syncs = 0;
    for (let i = 0; i < model.count; i++) if (model.kind[i] === EventKind.Sync) syncs++;
    expect(model.generationStarts.length).toBeGreaterThan(1);
    expect(syncs).toBe(model.generationStarts.length + 1);
  });

  it('has strictly increasing times from 0', () => {
    expect(eventTime(model, 0)).toBe(0);
    for (let i = 1; i < model.count; i++) {
      if (!(eventTime(model, i) > eventTime(model, i - 1)))
        throw new Error(`time goes back at event ${i}`);
    }
  });

  it('reads the whole file', () => {
    expect(model.bytesRead).toBe(model.bytesTotal);
  });

  it('interns stacks with frames that name functions', () => {
    const { stackOffsets, stackFrames, funcName } = model.stacks;
    expect(stackOffsets.length).toBeGreaterThan(2);
    const names = new Set<string>();
    for (const f of stackFrames) names.add(model.strings[funcName[f]]);
    expect(names).toContain('main.main');
    expect(names).toContain('main.run.func1');
  });

  it('puts CPU samples in the event stream with stacks', () => {
    let withStack = 0;
    for (let i = 0; i < model.count; i++) {
      if (model.kind[i] === EventKind.StackSample && model.stack[i] > 0) withStack++;
    }
    expect(withStack).toBeGreaterThan(0);
  });
});

const binary125 = join(
  __dirname,
  '../../../shared/corpus/felixge__traceutils/testdata/1.25/test-encoding-json.trace',
);

describe('a binary Go 1.25 trace (felixge/traceutils)', () => {
  let bytes: Uint8Array | undefined;
  try {
    bytes = new Uint8Array(readFileSync(binary125));
  } catch {
    console.warn(`Skipping the Go 1.25 binary trace: ${binary125} is missing`);
  }
  // Expected values from tools/traceoracle on this file.
  it.skipIf(!bytes)('reads like x/exp/trace does', () => {
    const model = parseTrace(bytes!, { progress: noProgress });
    expect(model.version).toBe('1.25');
    expect(traceBasics(model)).toEqual({
      durationNs: 505128961,
      events: 23759,
      procs: 10,
      goroutines: 624,
      cpuSamples: 40,
      warnings: [],
    });
    expect(model.syncs.clockWallMs[0]).toBeGreaterThan(Date.UTC(2020, 0));
  });
});
