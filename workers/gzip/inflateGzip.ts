import { Inflate } from 'pako';
import { DecodeError } from '../decodeError';
import { noProgress, type ProgressReporter } from '../progress';

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

const chunkBytes = 1 << 20;
const bufferError = -5;

/**
 * The output buffer's size: gzip's trailer gives the inflated size (ISIZE, modulo 2^32), so the
 * whole output usually lands in one buffer, with no joining of 64 KiB pieces. A cut or corrupt
 * file's trailer is arbitrary, so the guess is bounded by a plausible compression ratio; a wrong
 * guess only means more pieces.
 */
function outputGuess(bytes: Uint8Array): number {
  const defaultChunk = 1 << 16;
  if (bytes.length < 18) return defaultChunk;
  const at = bytes.length - 4;
  const size =
    (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
  const plausible = Math.min(bytes.length * maxRatio, 1 << 30);
  // One byte more than the output, so the buffer never fills and pako never starts a second one.
  return size >= defaultChunk && size < plausible ? size + 1 : defaultChunk;
}

/** Far above what profiles and traces compress to, far below deflate's limit of about 1032. */
const maxRatio = 64;

/**
 * Inflates a gzip stream in 1 MiB steps so a large file reports progress as it goes.
 * A stream cut short is an error that says how far the input got.
 */
export function inflateGzip(
  bytes: Uint8Array,
  progress: ProgressReporter = noProgress,
): Uint8Array {
  const inflator = new Inflate({ chunkSize: outputGuess(bytes) });
  const parts: Uint8Array[] = [];
  let total = 0;
  inflator.onData = (chunk) => {
    parts.push(chunk);
    total += chunk.length;
  };
  for (let at = 0; at < bytes.length; at += chunkBytes) {
    const end = Math.min(bytes.length, at + chunkBytes);
    const last = end === bytes.length;
    inflator.push(bytes.subarray(at, end), last);
    // zlib's "buffer error" on the final chunk means the stream wanted more input: a cut file.
    if (inflator.err === bufferError && last) break;
    if (inflator.err) {
      throw new DecodeError(
        'gzip',
        { offset: at },
        'a valid deflate stream',
        inflator.msg || `zlib error ${inflator.err}`,
      );
    }
    progress('inflate', end / bytes.length);
  }
  // pako marks a failed stream as ended too, so a cut file shows as a buffer error.
  if (!inflator.ended || inflator.err === bufferError) {
    throw new DecodeError(
      'gzip',
      { offset: bytes.length },
      'the end of the gzip stream',
      `the input ending after ${bytes.length} bytes (${total} bytes inflated): the file is truncated`,
    );
  }
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * inflateGzip through the platform's own gzip (DecompressionStream: browsers, Node 18+), several
 * times faster than pako, for callers that can wait. Progress is reported as the input is taken.
 * Where there is no DecompressionStream, and for any stream it refuses (a cut or corrupt file,
 * several gzip members one after another), the answer is inflateGzip's, errors included.
 */
export async function inflateGzipNative(
  bytes: Uint8Array,
  progress: ProgressReporter = noProgress,
): Promise<Uint8Array> {
  if (typeof DecompressionStream === 'undefined') return inflateGzip(bytes, progress);
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const writing = (async () => {
    for (let at = 0; at < bytes.length; at += chunkBytes) {
      const end = Math.min(bytes.length, at + chunkBytes);
      // A view of the caller's ArrayBuffer (never a SharedArrayBuffer here).
      await writer.write(bytes.subarray(at, end) as Uint8Array<ArrayBuffer>);
      progress('inflate', end / bytes.length);
    }
    await writer.close();
  })();
  try {
    const reader = stream.readable.getReader();
    let out = new Uint8Array(outputGuess(bytes));
    let total = 0;
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      const chunk = part.value;
      if (total + chunk.length > out.length) {
        const bigger = new Uint8Array(Math.max(out.length * 2, total + chunk.length));
        bigger.set(out.subarray(0, total));
        out = bigger;
      }
      out.set(chunk, total);
      total += chunk.length;
    }
    await writing;
    return out.subarray(0, total);
  } catch {
    // The stream's own messages differ between platforms: let pako say what is wrong.
    await writing.catch(() => {});
    return inflateGzip(bytes, progress);
  }
}
