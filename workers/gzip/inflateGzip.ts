import { Inflate } from 'pako';
import { DecodeError } from '../decodeError';
import { noProgress, type ProgressReporter } from '../progress';

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

const chunkBytes = 1 << 20;
const bufferError = -5;

/**
 * Inflates a gzip stream in 1 MiB steps so a large file reports progress as it goes.
 * A stream cut short is an error that says how far the input got.
 */
export function inflateGzip(
  bytes: Uint8Array,
  progress: ProgressReporter = noProgress,
): Uint8Array {
  const inflator = new Inflate();
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
