import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../decodeError';
import { decodeInput } from '../decodeInput';
import { decodePprof } from './decodePprof';
import { flameQuery } from './flameQuery';
import { pprofFormat } from './format';
import { perftools } from './proto/profile';
import { topTable } from './topTable';

const pb = perftools.profiles;

/** A small valid profile: main -> work (with helper inlined into work), values per sample. */
function tinyProfile(fields: Partial<perftools.profiles.IProfile> = {}): Uint8Array {
  return pb.Profile.encode({
    stringTable: ['', 'samples', 'count', 'cpu', 'nanoseconds', 'main', 'work', 'helper', 'm.go'],
    sampleType: [
      { type: 1, unit: 2 },
      { type: 3, unit: 4 },
    ],
    function: [
      { id: 1, name: 5, filename: 8 },
      { id: 2, name: 6, filename: 8 },
      { id: 3, name: 7, filename: 8 },
    ],
    location: [
      { id: 1, line: [{ functionId: 1, line: 3 }] },
      {
        id: 2,
        line: [
          { functionId: 3, line: 20 },
          { functionId: 2, line: 10 },
        ],
      },
    ],
    sample: [
      { locationId: [2, 1], value: [2, 20] },
      { locationId: [1], value: [1, 10] },
    ],
    ...fields,
  }).finish();
}

function decodeError(run: () => unknown): DecodeError {
  try {
    run();
  } catch (err) {
    if (err instanceof DecodeError) return err;
    throw err;
  }
  throw new Error('expected a DecodeError');
}

/** The DecodeError a decode rejects with. */
async function decodeErrorOf(decoding: Promise<unknown>): Promise<DecodeError> {
  const err = await decoding.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err instanceof DecodeError) return err;
  throw err ?? new Error('expected a DecodeError');
}

describe('decodePprof', () => {
  it('reads sample types, inlined lines and values into the model', () => {
    const model = decodePprof(tinyProfile());
    expect(model.samples.count).toBe(2);
    expect(model.sampleTypes.map((t) => model.strings[t.type])).toEqual(['samples', 'cpu']);
    expect(Array.from(model.samples.values[1])).toEqual([20, 10]);
    // Location 2 holds helper inlined into work: two lines, innermost first.
    expect(Array.from(model.locations.lineOffsets)).toEqual([0, 1, 3]);
    const top = topTable(model);
    expect(top.rows.map((r) => [r.name, r.flat, r.cum, r.inline])).toEqual([
      ['helper', 20, 20, 'inline'],
      ['main', 10, 30, undefined],
      ['work', 0, 20, undefined],
    ]);
  });

  it('keeps int64 values exact up to 2^53, negative values included', () => {
    const model = decodePprof(
      tinyProfile({
        sample: [
          { locationId: [1], value: [-5, 2 ** 53 - 1] },
          { locationId: [1], value: [-(2 ** 40), 2 ** 40 + 3] },
        ],
      }),
    );
    expect(Array.from(model.samples.values[0])).toEqual([-5, -(2 ** 40)]);
    expect(Array.from(model.samples.values[1])).toEqual([2 ** 53 - 1, 2 ** 40 + 3]);
  });

  it('reports decode progress up to the whole input', () => {
    const fractions: number[] = [];
    decodePprof(tinyProfile(), (phase, fraction) => phase === 'decode' && fractions.push(fraction));
    expect(fractions.at(-1)).toBe(1);
  });

  it('gives an empty model, an empty view and a warning for an empty profile', () => {
    const model = decodePprof(new Uint8Array(0));
    expect(model.samples.count).toBe(0);
    expect(pprofFormat!.warnings(model)).toEqual([
      'The profile holds no samples: there is nothing to show.',
    ]);
    expect(pprofFormat!.summarize(model)).toMatchObject({ samples: 0, top: [], totals: {} });
    const flame = flameQuery(model);
    expect(flame.tree.total[0]).toBe(0);
  });

  it('shows zero-valued sample types as zero totals, not NaN percentages', () => {
    const model = decodePprof(tinyProfile({ sample: [{ locationId: [1], value: [0, 0] }] }));
    const top = topTable(model);
    expect(top.total).toBe(0);
    expect(top.rows).toEqual([]);
    expect(pprofFormat!.summarize(model)).toMatchObject({ totals: { samples: 0, cpu: 0 } });
  });

  it('rejects a truncated profile with the offset of the cut field', () => {
    const bytes = tinyProfile();
    const err = decodeError(() => decodePprof(bytes.subarray(0, bytes.length - 7)));
    expect(err.info.format).toBe('pprof');
    expect(err.info.offset).toBeGreaterThanOrEqual(0);
    expect(err.info.offset).toBeLessThan(bytes.length - 7);
    expect(err.message).toMatch(/truncated/);
  });

  it('rejects a field with the wrong wire type at its byte offset', () => {
    // A valid sample_type, then field 2 (sample) as a varint (wire type 0) instead of a message.
    const head = pb.Profile.encode({ stringTable: [''] }).finish();
    const bytes = new Uint8Array([...head, 0x10, 0x05]);
    const err = decodeError(() => decodePprof(bytes));
    expect(err.info.offset).toBe(head.length);
    expect(err.message).toBe(
      `pprof profile at byte ${head.length}: expected wire type 2 for field 2 (sample), found wire type 0`,
    );
  });

  it('rejects a location naming a function the profile lacks', () => {
    const bytes = tinyProfile({ location: [{ id: 1, line: [{ functionId: 99 }] }] });
    const err = decodeError(() => decodePprof(bytes));
    expect(err.message).toMatch(/expected a function with id 99, found no such function/);
    expect(err.info.offset).toBeGreaterThan(0);
  });

  it('rejects a sample naming a location the profile lacks', () => {
    const bytes = tinyProfile({ sample: [{ locationId: [7], value: [1, 1] }] });
    const err = decodeError(() => decodePprof(bytes));
    expect(err.message).toMatch(/location id 7, which no location has/);
  });

  it('rejects a sample whose value count differs from the sample types', () => {
    const bytes = tinyProfile({ sample: [{ locationId: [1], value: [1] }] });
    expect(decodeError(() => decodePprof(bytes)).message).toMatch(
      /expected 2 values per sample \(one per sample type\), found 1 values/,
    );
  });

  it('rejects string indexes past the string table', () => {
    const bytes = tinyProfile({ function: [{ id: 1, name: 500 }] });
    expect(decodeError(() => decodePprof(bytes)).message).toMatch(
      /function name to be a string_table index below 9, found 500/,
    );
  });

  it('leaves a cut gzip pprof to the gzip layer, which says it is truncated', async () => {
    const gz = new Uint8Array(
      readFileSync(new URL('../../public/samples/cpu.pprof', import.meta.url)),
    );
    const err = await decodeErrorOf(decodeInput(gz.subarray(0, gz.length >> 1)));
    expect(err.info.format).toBe('gzip');
    expect(err.message).toMatch(/truncated/);
  });
});

describe('decodePprof on corpus profiles', () => {
  const corpus = new URL('../../../shared/corpus/', import.meta.url);
  const hasCorpus = existsSync(corpus);
  if (!hasCorpus) console.warn('../shared/corpus is absent: corpus decode tests are skipped');
  const load = (path: string) => decodeInput(new Uint8Array(readFileSync(new URL(path, corpus))));

  it.skipIf(!hasCorpus)('rejects the .NET profile that go tool pprof also refuses', async () => {
    // go tool pprof: "malformed profile: found function with reserved ID=0" (see goldens).
    const err = await decodeErrorOf(
      load('grafana__pyroscope/pkg/og/convert/pprof/testdata/dotnet-pprof-3.pb.gz'),
    );
    expect(err.message).toMatch(/^pprof profile at byte \d+: expected a function with id 1/);
  });

  it.skipIf(!hasCorpus)('keeps a function name made of every byte value as text', async () => {
    const { model } = await load(
      'grafana__pyroscope/pkg/og/convert/pprof/testdata/invalid_utf8.pb.gz',
    );
    const names = topTable(model as Parameters<typeof topTable>[0]).rows.map((r) => r.name);
    expect(names.some((n) => n.includes('\n') && n.includes('\u0000'))).toBe(true);
  });
});
