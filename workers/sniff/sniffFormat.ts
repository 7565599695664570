import type { FormatId } from '../formatId';
import { formatTitles } from '../formatId';
import { DecodeError } from '../decodeError';

export interface Sniffed {
  format: FormatId;
  /** For execution traces, the Go version in the header, e.g. "1.26". */
  traceVersion?: string;
}

const textProbeBytes = 64 * 1024;

/**
 * Names the format of (already inflated) bytes from their content alone. File names are never
 * consulted: a profile saved as "trace.txt" is still a profile.
 */
export function sniffFormat(bytes: Uint8Array): Sniffed {
  const traceVersion = traceHeaderVersion(bytes);
  if (traceVersion !== undefined) return { format: 'trace', traceVersion };
  if (looksLikeProfileProto(bytes)) return { format: 'pprof' };
  const text = probeText(bytes);
  if (text !== undefined) {
    const format = sniffText(text);
    if (format) return { format };
  }
  throw new DecodeError(
    'unknown',
    { offset: 0 },
    `one of: ${acceptedList()}`,
    describeStart(bytes, text),
  );
}

export function acceptedList(): string {
  return [...Object.values(formatTitles), 'any of these gzip-compressed'].join('; ');
}

/** Go traces open with a 16-byte header such as "go 1.22 trace\0\0\0". */
function traceHeaderVersion(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, 16));
  const match = /^go 1\.(\d+) trace\0*$/.exec(head);
  return match ? `1.${match[1]}` : undefined;
}

function sniffText(text: string): FormatId | undefined {
  if (/^goroutine profile: total \d+/m.test(text)) return 'goroutines';
  if (/^goroutine \d+ (gp=\S+ m=\S+ (mp=\S+ )?)?\[/m.test(text)) return 'goroutines';
  if (/^heap profile: \d+: \d+ \[\d+: \d+\] @ heap/m.test(text)) return 'heap-text';
  if (/(^|\s)gc \d+ @\d+(\.\d+)?s \d+%: /m.test(text)) return 'gctrace';
  return undefined;
}

/** Decodes the first bytes as UTF-8 text if they look like text (no NULs, few control bytes). */
function probeText(bytes: Uint8Array): string | undefined {
  const head = bytes.subarray(0, textProbeBytes);
  let control = 0;
  for (const b of head) {
    if (b === 0) return undefined;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  if (control > head.length / 100) return undefined;
  return new TextDecoder('utf-8', { fatal: false }).decode(head);
}

function describeStart(bytes: Uint8Array, text: string | undefined): string {
  if (bytes.length === 0) return 'an empty file';
  if (text !== undefined) {
    const firstLine = text.split('\n', 1)[0].slice(0, 120);
    return `text whose first line is "${firstLine}"`;
  }
  const hex = [...bytes.subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return `binary data starting with ${hex}`;
}

/**
 * A profile.proto message has no magic number, so this walks its first top-level fields and
 * accepts the bytes only if every one is a known Profile field with the wire type it must have.
 */
function looksLikeProfileProto(bytes: Uint8Array): boolean {
  // Field number -> wire type (0 varint, 2 length-delimited) in profile.proto.
  const wireTypes: Record<number, number> = {
    1: 2,
    2: 2,
    3: 2,
    4: 2,
    5: 2,
    6: 2,
    7: 0,
    8: 0,
    9: 0,
    10: 0,
    11: 2,
    12: 0,
    13: 2,
    14: 0,
  };
  let at = 0;
  let fields = 0;
  while (at < bytes.length && fields < 64) {
    const tag = readVarint(bytes, at);
    if (!tag) return false;
    at = tag.next;
    const field = Math.floor(tag.value / 8);
    const wire = tag.value % 8;
    if (wireTypes[field] === undefined) return false;
    // Packed repeated varints (e.g. comment, field 13) may arrive unpacked too.
    if (wireTypes[field] !== wire && !(field === 13 && wire === 0)) return false;
    if (wire === 0) {
      const v = readVarint(bytes, at);
      if (!v) return false;
      at = v.next;
    } else {
      const len = readVarint(bytes, at);
      if (!len) return false;
      // A field running past the end after valid ones is a truncated profile: let the decoder say so.
      if (len.next + len.value > bytes.length) return fields > 0;
      at = len.next + len.value;
    }
    fields++;
  }
  return fields > 0;
}

function readVarint(bytes: Uint8Array, at: number): { value: number; next: number } | undefined {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10 && at + i < bytes.length; i++) {
    const b = bytes[at + i];
    value += (b & 0x7f) * scale;
    scale *= 128;
    if ((b & 0x80) === 0) return { value, next: at + i + 1 };
  }
  return undefined;
}
