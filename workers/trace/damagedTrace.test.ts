import { describe, expect, it } from 'vitest';
import { DecodeError } from '../decodeError';
import { noProgress } from '../progress';
import { eventProc, eventThread, type TraceModel } from './model';
import { parseTrace } from './parseTrace';
import { loadFixture } from './testdata/loadFixture';
import { eventTime } from './eventTimes';

// A Go 1.26 trace with several generations (GODEBUG=traceadvanceperiod=100ms), cut and
// corrupted: the parser keeps every complete generation before the fault and says where it was.
const whole = loadFixture('gc-cpuprofile-generations');
const full = parseTrace(whole, { progress: noProgress });
const parse = (bytes: Uint8Array) => parseTrace(bytes, { progress: noProgress });

/** The kept events must be exactly the full parse's first events, then a closing Sync. */
function expectPrefixOfFull(model: TraceModel) {
  const n = model.count - 1;
  for (let i = 0; i < n; i++) {
    if (
      eventTime(model, i) !== eventTime(full, i) ||
      model.kind[i] !== full.kind[i] ||
      model.g[i] !== full.g[i] ||
      eventProc(model, i) !== eventProc(full, i) ||
      eventThread(model, i) !== eventThread(full, i) ||
      model.arg[i] !== full.arg[i]
    ) {
      throw new Error(`event ${i} differs from the full parse`);
    }
  }
  expect(Number.isFinite(eventTime(model, model.count - 1))).toBe(true);
  const keptGenerations = model.generationStarts.length;
  const nextStart =
    keptGenerations < full.generationStarts.length
      ? full.generationStarts[keptGenerations]
      : full.count - 1;
  expect(n).toBe(nextStart);
}

describe('a truncated trace', () => {
  it('the fixture has several generations', () => {
    expect(full.generationStarts.length).toBeGreaterThanOrEqual(4);
  });

  it('cut inside the header is refused with a DecodeError', () => {
    expect(() => parse(whole.subarray(0, 10))).toThrow(DecodeError);
  });

  it('cut before the first generation ends is refused with a DecodeError naming the byte', () => {
    const firstGenerationEnd = parse(whole.subarray(0, Math.floor(whole.length * 0.3))).bytesRead;
    const cut = whole.subarray(0, firstGenerationEnd - 1);
    expect(() => parse(cut)).toThrow(DecodeError);
    expect(() => parse(cut)).toThrow(
      /^Go execution trace at byte \d+: expected at least one complete generation of events, found .*before the first generation ended$/,
    );
  });

  it('cut right after the header is refused with a DecodeError: there are no events', () => {
    expect(() => parse(whole.subarray(0, 16))).toThrow(
      'Go execution trace at byte 16: expected at least one complete generation of events, found the end of the file right after the header',
    );
  });

  for (const share of [0.3, 0.5, 0.77, 0.999]) {
    it(`cut at ${share * 100}% keeps the complete generations before the cut`, () => {
      const cut = Math.floor(whole.length * share);
      const model = parse(whole.subarray(0, cut));
      expect(model.generationStarts.length).toBeLessThan(full.generationStarts.length);
      expectPrefixOfFull(model);
      expect(model.warnings).toHaveLength(1);
      expect(model.warnings[0]).toMatch(/^Trace damaged at byte \d+: .*lost \d+\.\d% of the file/);
      const offset = Number(/at byte (\d+)/.exec(model.warnings[0])![1]);
      expect(offset).toBeGreaterThanOrEqual(model.bytesRead);
      expect(offset).toBeLessThanOrEqual(cut);
      expect(model.bytesTotal).toBe(cut);
    });
  }

  it('cut exactly at the end of a generation keeps it and reports nothing', () => {
    const generationsEnd = parse(whole.subarray(0, Math.floor(whole.length * 0.5))).bytesRead;
    const model = parse(whole.subarray(0, generationsEnd));
    expect(model.warnings).toEqual([]);
    expect(model.generationStarts.length).toBeGreaterThanOrEqual(1);
    expectPrefixOfFull(model);
  });
});

describe('a corrupted trace', () => {
  it('never throws anything but a DecodeError, and keeps time order', () => {
    let seed = 1;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let damaged = 0;
    for (let round = 0; round < 60; round++) {
      const bytes = whole.slice();
      const flips = 1 + Math.floor(random() * 4);
      for (let f = 0; f < flips; f++) {
        bytes[16 + Math.floor(random() * (bytes.length - 16))] ^= 1 + Math.floor(random() * 255);
      }
      let model: TraceModel;
      try {
        model = parse(bytes);
      } catch (err) {
        if (!(err instanceof DecodeError)) throw err;
        damaged++;
        continue;
      }
      if (model.warnings.length > 0) damaged++;
      for (let i = 1; i < model.count; i++) {
        if (!(eventTime(model, i) > eventTime(model, i - 1)))
          throw new Error(`round ${round}: time order`);
      }
    }
    // Most flips hit event data that no longer decodes or orders; each must be reported.
    expect(damaged).toBeGreaterThan(30);
  });
});
