import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DecodeError } from './decodeError';
import { decodeInput, summarizeDecoded } from './decodeInput';

// Every bundled sample but the trace (workers/trace/damagedTrace.test.ts has its own), damaged
// the ways files get damaged: bytes flipped, the end cut off, bytes inserted. Whatever comes
// out, the worker must answer with a model or a DecodeError, never with another exception.
const samples = [
  'cpu.pprof',
  'heap.pprof',
  'allocs.pprof',
  'mutex.pprof',
  'goroutine.pprof',
  'gctrace.log',
  'goroutines.debug1.txt',
  'goroutines.debug2.txt',
  'heap.debug1.txt',
];
const rounds = 150;

function damaged(whole: Uint8Array, random: () => number): Uint8Array {
  const at = Math.floor(random() * whole.length);
  const how = random();
  if (how < 0.4) {
    const bytes = whole.slice();
    const flips = 1 + Math.floor(random() * 8);
    for (let f = 0; f < flips; f++) {
      bytes[Math.floor(random() * bytes.length)] ^= 1 + Math.floor(random() * 255);
    }
    return bytes;
  }
  if (how < 0.7) return whole.subarray(0, at);
  const inserted = Array.from({ length: 1 + Math.floor(random() * 16) }, () =>
    Math.floor(random() * 256),
  );
  return Uint8Array.from([...whole.subarray(0, at), ...inserted, ...whole.subarray(at)]);
}

describe.each(samples)('decodeInput on a damaged %s', (name) => {
  it('gives a model or a DecodeError, never another exception', async () => {
    const file = new Uint8Array(readFileSync(`public/samples/${name}`));
    // Damage the bytes themselves: damage to a gzip stream only ever fails the inflate.
    const whole = file[0] === 0x1f && file[1] === 0x8b ? new Uint8Array(gunzipSync(file)) : file;
    let seed = 1;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const refused: string[] = [];
    for (let round = 0; round < rounds; round++) {
      try {
        summarizeDecoded(await decodeInput(damaged(whole, random)));
      } catch (err) {
        if (!(err instanceof DecodeError)) {
          throw new Error(`round ${round}: ${(err as Error).name}: ${(err as Error).message}`, {
            cause: err,
          });
        }
        refused.push(err.message);
      }
    }
    // Each refusal says what it expected and what it found.
    for (const message of refused) expect(message).toMatch(/expected .+, found /);
  });
});
