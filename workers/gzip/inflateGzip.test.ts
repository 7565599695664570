import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../decodeInput';
import { pprofFormat } from '../pprof/format';
import { DecodeError } from '../decodeError';
import { inflateGzip, inflateGzipNative } from './inflateGzip';

const sample = (name: string) => new Uint8Array(readFileSync(`public/samples/${name}`));

/** The error a call throws, or undefined. */
async function thrown(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('inflateGzipNative (the platform DecompressionStream)', () => {
  it('inflates what Node gzipped, as inflateGzip does, reporting progress to the end', async () => {
    const data = new TextEncoder().encode('gc 1 @0.01s 2%: '.repeat(300000));
    const seen: number[] = [];
    const out = await inflateGzipNative(new Uint8Array(gzipSync(data)), (_, f) => seen.push(f));
    expect(Buffer.compare(out, data)).toBe(0);
    expect(seen.at(-1)).toBe(1);
  });

  it('reads gzip members one after another, as pako does', async () => {
    const a = gzipSync('first member, ');
    const b = gzipSync('second member');
    const out = await inflateGzipNative(new Uint8Array(Buffer.concat([a, b])));
    expect(new TextDecoder().decode(out)).toBe('first member, second member');
  });

  it('says a cut stream is truncated, in the words of inflateGzip', async () => {
    const gz = sample('trace.out.gz');
    const cut = gz.subarray(0, gz.length >> 1);
    const err = await thrown(() => inflateGzipNative(cut));
    expect(err).toBeInstanceOf(DecodeError);
    expect(err).toEqual(await thrown(() => inflateGzip(cut)));
    expect((err as Error).message).toMatch(/truncated/);
  });

  it('reports corrupt deflate data as the same gzip error', async () => {
    const gz = Uint8Array.from(sample('cpu.pprof'));
    gz.fill(0xff, 20, 60);
    const err = await thrown(() => inflateGzipNative(gz));
    expect(err).toBeInstanceOf(DecodeError);
    expect((err as Error).message).toBe(((await thrown(() => inflateGzip(gz))) as Error).message);
  });

  it('gives decodeInput the same profile as decoding what pako inflated', async () => {
    const gz = sample('heap.pprof');
    const decoded = await decodeInput(gz);
    expect(decoded.gzip).toBe(true);
    expect(decoded.model).toEqual(pprofFormat!.decode(inflateGzip(gz), { progress: () => {} }));
  });
});
