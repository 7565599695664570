import { DecodeError } from '../decodeError';
import type { DecodeContext } from '../formatModule';
import { readTraceHeader, oldFormatVersions } from './header';
import type { TraceModel } from './model';
import { ModelBuilder } from './modelBuilder';
import { readGenerations } from './readGenerations';
import { convertOldTrace } from './oldformat/convertOldTrace';

/**
 * Decodes a Go execution trace into the columnar TraceModel. Formats 1.22+ are read here;
 * 1.11–1.21 go to the old-format converter. A damaged or cut-off trace keeps every complete
 * generation before the fault, with a warning naming the byte offset and the share lost; one
 * with no complete generation is refused with a DecodeError.
 */
export function parseTrace(bytes: Uint8Array, context: DecodeContext): TraceModel {
  const formatVersion = readTraceHeader(bytes);
  const version = `1.${formatVersion}`;
  if (oldFormatVersions.includes(formatVersion)) {
    return convertOldTrace(bytes, version, context);
  }
  context.progress('parse', 0);
  // Wire events take 5 to 7 bytes each. Sizing for 4 costs no memory (untouched pages stay
  // unmapped) and saves growing, which copies every column; a denser trace still grows.
  const builder = new ModelBuilder(bytes.length / 4);
  const { error, bytesRead } = readGenerations(bytes, formatVersion, builder, context.progress);
  const warnings: string[] = [];
  if (builder.generationStarts.length === 0) {
    // Nothing complete to show: a view of no events would only hide what went wrong.
    throw new DecodeError(
      'trace',
      { offset: error ? error.offset : bytes.length },
      'at least one complete generation of events',
      error
        ? `${error.message}, before the first generation ended`
        : 'the end of the file right after the header',
    );
  }
  if (error) {
    const lost = ((100 * (bytes.length - bytesRead)) / bytes.length).toFixed(1);
    warnings.push(
      `Trace damaged at byte ${error.offset}: ${error.message}. ` +
        `Kept the ${builder.generationStarts.length} complete generation(s) before it; ` +
        `lost ${lost}% of the file (bytes ${bytesRead}–${bytes.length}).`,
    );
  }
  context.progress('parse', 1);
  return builder.finish(version, warnings, bytesRead, bytes.length);
}
