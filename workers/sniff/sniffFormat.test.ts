import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../decodeError';
import { inflateGzip, isGzip } from '../gzip/inflateGzip';
import { sniffFormat } from './sniffFormat';

const sample = (name: string) => new Uint8Array(readFileSync(`public/samples/${name}`));
const inflated = (bytes: Uint8Array) => (isGzip(bytes) ? inflateGzip(bytes) : bytes);

describe('sniffFormat on the bundled samples (written by Go 1.26)', () => {
  it.each([
    ['cpu.pprof', 'pprof'],
    ['heap.pprof', 'pprof'],
    ['allocs.pprof', 'pprof'],
    ['goroutine.pprof', 'pprof'],
    ['mutex.pprof', 'pprof'],
    ['block.pprof', 'pprof'],
    ['heap.debug1.txt', 'heap-text'],
    ['goroutines.debug1.txt', 'goroutines'],
    ['goroutines.debug2.txt', 'goroutines'],
    ['gctrace.log', 'gctrace'],
    ['trace.out.gz', 'trace'],
  ])('%s is %s', (name, format) => {
    expect(sniffFormat(inflated(sample(name))).format).toBe(format);
  });

  it('reads the Go version from a trace header', () => {
    expect(sniffFormat(inflated(sample('trace.out.gz')))).toEqual({
      format: 'trace',
      traceVersion: '1.26',
    });
  });

  it('ignores the file name: an uncompressed pprof is still a profile', () => {
    const raw = inflateGzip(sample('cpu.pprof'));
    expect(isGzip(raw)).toBe(false);
    expect(sniffFormat(raw).format).toBe('pprof');
  });

  it('finds a gctrace line behind log prefixes', () => {
    const text = readFileSync('public/samples/gctrace.log', 'utf8')
      .split('\n')
      .map((l) => `2026-11-22T10:00:00Z pod-7f9 ${l}`)
      .join('\n');
    expect(sniffFormat(new TextEncoder().encode(text)).format).toBe('gctrace');
  });
});

describe('sniffFormat on what it does not accept', () => {
  const errorOf = (bytes: Uint8Array) => {
    try {
      sniffFormat(bytes);
    } catch (err) {
      expect(err).toBeInstanceOf(DecodeError);
      return (err as DecodeError).info;
    }
    throw new Error('expected a DecodeError');
  };

  it('names the first bytes of unknown binary data in hex and lists what is accepted', () => {
    const info = errorOf(
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    );
    expect(info.found).toBe('binary data starting with 89 50 4e 47 0d 0a 1a 0a 00 00 00 0d');
    expect(info.offset).toBe(0);
    expect(info.expected).toMatch(
      /pprof profile.*Go execution trace.*gctrace.*goroutine dump.*heap profile text/,
    );
  });

  it('quotes the first line of unknown text', () => {
    expect(errorOf(new TextEncoder().encode('{"hello": "world"}\nmore')).found).toBe(
      'text whose first line is "{"hello": "world"}"',
    );
  });

  it('says an empty file is empty', () => {
    expect(errorOf(new Uint8Array()).found).toBe('an empty file');
  });

  it('does not take a log without gc lines for a gctrace log', () => {
    expect(
      errorOf(new TextEncoder().encode('starting server\nlistening on :8080\n')).found,
    ).toMatch(/first line is "starting server"/);
  });
});

describe('inflateGzip', () => {
  it('inflates what Node gzipped, reporting progress to the end', () => {
    const data = new TextEncoder().encode('gc 1 @0.01s 2%: '.repeat(100000));
    const seen: number[] = [];
    const out = inflateGzip(new Uint8Array(gzipSync(data)), (_, f) => seen.push(f));
    expect(Buffer.compare(out, data)).toBe(0);
    expect(seen.at(-1)).toBe(1);
  });

  it('says a cut gzip stream is truncated, with how far it got', () => {
    const gz = sample('trace.out.gz');
    const cut = gz.subarray(0, gz.length >> 1);
    expect(() => inflateGzip(cut)).toThrowError(
      /gzip stream at byte \d+: expected the end of the gzip stream, found the input ending after \d+ bytes .*truncated/,
    );
  });

  it('reports corrupt deflate data as a gzip error', () => {
    const gz = Uint8Array.from(sample('cpu.pprof'));
    gz.fill(0xff, 20, 60);
    expect(() => inflateGzip(gz)).toThrowError(DecodeError);
  });
});
