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
  warnings: string[];
  /** The queries this format answers, so the UI knows which views to offer. */
  queries: string[];
}

export type OpenResult = { ok: true; file: OpenedFile } | { ok: false; error: DecodeErrorInfo };
export type QueryResult = { ok: true; value: unknown } | { ok: false; error: DecodeErrorInfo };

/**
 * `paint` queries feed what the user first looks at (a trace's timeline) and are answered
 * before any `normal` one waiting, whatever order they arrived in.
 */
export type QueryPriority = 'paint' | 'normal';

interface PendingQuery {
  name: string;
  args: unknown;
  priority: QueryPriority;
  resolve: (result: QueryResult) => void;
}

/**
 * Lives in a dedicated worker, one per open file: decodes the bytes it is handed and keeps the
 * model, answering the views' queries one at a time, `paint` ones first. Cancelling a load
 * terminates the whole worker.
 */
export class FileEngine {
  private decoded: DecodedInput | undefined;
  private pending: PendingQuery[] = [];
  private scheduled = false;

  /**
   * A File or Blob is read here, in the worker, so a big file never passes through the UI
   * thread. The format's summary is left for `summary()`: views ask their own queries.
   */
  async open(input: ArrayBuffer | Blob, onProgress: ProgressReporter): Promise<OpenResult> {
    try {
      const buffer = input instanceof Blob ? await input.arrayBuffer() : input;
      this.decoded = await decodeInput(new Uint8Array(buffer), throttledProgress(onProgress));
      const module = formatModules[this.decoded.format];
      return {
        ok: true,
        file: {
          format: this.decoded.format,
          traceVersion: this.decoded.traceVersion,
          gzip: this.decoded.gzip,
          bytes: this.decoded.bytes,
          warnings: this.decoded.warnings,
          queries: module ? Object.keys(module.queries) : [],
        },
      };
    } catch (err) {
      return { ok: false, error: toErrorInfo(err) };
    }
  }

  /** What `summarize --json` prints for the file. */
  summary(): QueryResult {
    if (!this.decoded) return { ok: false, error: toErrorInfo(new Error('no file is open')) };
    try {
      return { ok: true, value: summarizeDecoded(this.decoded) };
    } catch (err) {
      return { ok: false, error: toErrorInfo(err) };
    }
  }

  query(name: string, args: unknown, priority: QueryPriority = 'normal'): Promise<QueryResult> {
    return new Promise((resolve) => {
      this.pending.push({ name, args, priority, resolve });
      this.schedule();
    });
  }

  /**
   * Answers the next query in a task of its own, so requests sent while the previous one ran
   * have arrived and a `paint` one among them goes first.
   */
  private schedule(): void {
    if (this.scheduled || this.pending.length === 0) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      const urgent = this.pending.findIndex((q) => q.priority === 'paint');
      const [next] = this.pending.splice(Math.max(0, urgent), 1);
      next.resolve(this.answer(next.name, next.args));
      this.schedule();
    }, 0);
  }

  private answer(name: string, args: unknown): QueryResult {
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
