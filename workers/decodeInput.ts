import { DecodeError } from './decodeError';
import type { FormatId } from './formatId';
import { formatTitles } from './formatId';
import { formatModules } from './formatModules';
import { inflateGzipNative, isGzip } from './gzip/inflateGzip';
import { noProgress, type ProgressReporter } from './progress';
import { sniffFormat } from './sniff/sniffFormat';

export interface DecodedInput {
  format: FormatId;
  traceVersion?: string;
  gzip: boolean;
  /** Size of the input as given (compressed, if it was gzipped). */
  bytes: number;
  model: unknown;
  warnings: string[];
}

/**
 * The one path from raw bytes to a model, shared by the worker, the CLI and the tests. gzip is
 * inflated by the platform where it can (inflateGzipNative), several times faster than pako.
 */
export async function decodeInput(
  input: Uint8Array,
  progress: ProgressReporter = noProgress,
): Promise<DecodedInput> {
  const gzip = isGzip(input);
  return decodeInflated(
    input,
    gzip,
    gzip ? await inflateGzipNative(input, progress) : input,
    progress,
  );
}

function decodeInflated(
  input: Uint8Array,
  gzip: boolean,
  bytes: Uint8Array,
  progress: ProgressReporter,
): DecodedInput {
  const { format, traceVersion } = sniffFormat(bytes);
  const module = formatModules[format];
  if (!module) {
    const what = traceVersion
      ? `${formatTitles[format]} (go ${traceVersion})`
      : formatTitles[format];
    throw new DecodeError(
      format,
      {},
      'a format Gopherlens decodes',
      `${what}, whose decoder is not built yet`,
    );
  }
  const model = module.decode(bytes, { progress, traceVersion });
  return {
    format,
    traceVersion,
    gzip,
    bytes: input.length,
    model,
    warnings: module.warnings(model),
  };
}

/** The JSON `summarize --json` prints: the common fields, then the format's own. */
export function summarizeDecoded(decoded: DecodedInput): Record<string, unknown> {
  const module = formatModules[decoded.format];
  return {
    format: decoded.format,
    bytes: decoded.bytes,
    gzip: decoded.gzip,
    ...(decoded.traceVersion ? { traceVersion: decoded.traceVersion } : {}),
    ...(module ? module.summarize(decoded.model) : {}),
  };
}
