import type { FormatId } from './formatId';

/** Where in the input a problem was found: a byte offset for binary formats, a line for text. */
export interface DecodeLocation {
  offset?: number;
  line?: number;
}

/** The plain-data shape of a decode failure; it crosses the worker boundary unchanged. */
export interface DecodeErrorInfo extends DecodeLocation {
  format: FormatId | 'unknown' | 'gzip';
  expected: string;
  found: string;
  message: string;
}

/**
 * The one error type every decoder throws for bad input. Its message is shown in the UI as
 * written, so it names the format, the place, what was expected and what was found.
 */
export class DecodeError extends Error {
  readonly info: DecodeErrorInfo;

  constructor(
    format: DecodeErrorInfo['format'],
    where: DecodeLocation,
    expected: string,
    found: string,
  ) {
    const place =
      where.offset !== undefined
        ? ` at byte ${where.offset}`
        : where.line !== undefined
          ? ` at line ${where.line}`
          : '';
    const message = `${formatLabel(format)}${place}: expected ${expected}, found ${found}`;
    super(message);
    this.name = 'DecodeError';
    this.info = { format, ...where, expected, found, message };
  }
}

function formatLabel(format: DecodeErrorInfo['format']): string {
  switch (format) {
    case 'pprof':
      return 'pprof profile';
    case 'trace':
      return 'Go execution trace';
    case 'gctrace':
      return 'gctrace log';
    case 'goroutines':
      return 'goroutine dump';
    case 'heap-text':
      return 'heap profile text';
    case 'gzip':
      return 'gzip stream';
    default:
      return 'Unrecognised input';
  }
}

/** Turns anything thrown while decoding into the plain shape the UI and the CLI print. */
export function toErrorInfo(err: unknown): DecodeErrorInfo {
  if (err instanceof DecodeError) return err.info;
  if (err instanceof RangeError) {
    // Typed-array reads past the end surface as RangeError: the input ended early.
    return {
      format: 'unknown',
      expected: 'more bytes',
      found: `the end of the input (${err.message})`,
      message: `Input ended early: ${err.message}`,
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { format: 'unknown', expected: 'a decodable input', found: message, message };
}
