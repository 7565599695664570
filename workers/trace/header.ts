import { DecodeError } from '../decodeError';

/** Every trace starts with `go 1.NN trace` padded with NUL bytes to 16 bytes. */
export const traceHeaderSize = 16;

/** Format versions the Go 1.22+ reader decodes (the number in the header, not the release). */
export const newFormatVersions = [22, 23, 25, 26];
/** Older formats Go still reads (1.11–1.21), converted to the same model. */
export const oldFormatVersions = [11, 19, 21];

/**
 * Reads the header and returns the format version number (e.g. 26 for "go 1.26 trace").
 * Formats 1.5–1.10 are refused like Go's reader refuses them.
 */
export function readTraceHeader(bytes: Uint8Array): number {
  const text = String.fromCharCode(...bytes.subarray(0, traceHeaderSize));
  const match = /^go 1\.(\d+) trace\0*$/.exec(text);
  if (bytes.length < traceHeaderSize || !match) {
    throw new DecodeError(
      'trace',
      { offset: 0 },
      'a 16-byte header "go 1.NN trace"',
      JSON.stringify(text.replace(/\0+$/, '')),
    );
  }
  const version = Number(match[1]);
  if (version < 11) {
    throw new DecodeError(
      'trace',
      { offset: 0 },
      'a trace from Go 1.11 or newer',
      `go 1.${version}: unsupported, too old (Go's own tools no longer read it either)`,
    );
  }
  if (!newFormatVersions.includes(version) && !oldFormatVersions.includes(version)) {
    throw new DecodeError(
      'trace',
      { offset: 0 },
      `a known trace format (go 1.${[...oldFormatVersions, ...newFormatVersions].join(', 1.')})`,
      `unknown or unsupported trace version go 1.${version}`,
    );
  }
  return version;
}
