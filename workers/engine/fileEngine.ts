import { transfer } from 'comlink';
import { decodeInput, summarizeDecoded, type DecodedInput } from '../decodeInput';
import { toErrorInfo, type DecodeErrorInfo } from '../decodeError';
import type { FormatId } from '../formatId';
import { formatModules } from '../formatModules';
import { throttledProgress, type ProgressReporter } from '../progress';

export interface OpenedFile {
  format: FormatId;
  traceVersion?: string;
  gzip: boolean;
  bytes: number;
  summary: Record<string, unknown>;
  warnings: string[];
  /** The queries this format answers, so the UI knows which views to offer. */
  queries: string[];
}

export type OpenResult = { ok: true; file: OpenedFile } | { ok: false; error: DecodeErrorInfo };
export type QueryResult = { ok: true; value: unknown } | { ok: false; error: DecodeErrorInfo };

/**
 * Lives in a dedicated worker, one per open file: decodes the bytes it is handed and keeps the
 * model, answering the views' queries. Cancelling a load terminates the whole worker.
 */
export class FileEngine {
  private decoded: DecodedInput | undefined;

  open(buffer: ArrayBuffer, onProgress: ProgressReporter): OpenResult {
    try {
      this.decoded = decodeInput(new Uint8Array(buffer), throttledProgress(onProgress));
      const module = formatModules[this.decoded.format];
      return {
        ok: true,
        file: {
          format: this.decoded.format,
          traceVersion: this.decoded.traceVersion,
          gzip: this.decoded.gzip,
          bytes: this.decoded.bytes,
          summary: summarizeDecoded(this.decoded),
          warnings: this.decoded.warnings,
          queries: module ? Object.keys(module.queries) : [],
        },
      };
    } catch (err) {
      return { ok: false, error: toErrorInfo(err) };
    }
  }

  query(name: string, args: unknown): QueryResult {
    const decoded = this.decoded;
    const run = decoded && formatModules[decoded.format]?.queries[name];
    if (!decoded || !run) {
      return { ok: false, error: toErrorInfo(new Error(`no query "${name}" for this file`)) };
    }
    try {
      const value = run(decoded.model, args);
      return transfer({ ok: true, value }, transferablesOf(value));
    } catch (err) {
      return { ok: false, error: toErrorInfo(err) };
    }
  }
}

/** The buffers behind every typed array in a query result, found up to a few levels deep. */
function transferablesOf(
  value: unknown,
  depth = 0,
  found: Set<ArrayBuffer> = new Set(),
): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  } else if (value && typeof value === 'object' && depth < 4) {
    for (const item of Object.values(value)) transferablesOf(item, depth + 1, found);
  }
  return [...found];
}
