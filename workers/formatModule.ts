import type { ProgressReporter } from './progress';

export interface DecodeContext {
  progress: ProgressReporter;
  /** For traces: the Go version the header names, e.g. "1.26". */
  traceVersion?: string;
}

/**
 * A query a view sends to the worker: a pure function of the decoded model and plain arguments.
 * Typed arrays in its result are transferred to the UI thread, so it must return new arrays,
 * never the model's own.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ModelQuery<Model> = (model: Model, args: any) => unknown;

/**
 * What each input format provides: one decode entry point returning its model, the fields it adds
 * to `summarize --json`, any warnings a partial decode produced, and the queries its views ask.
 */
export interface FormatModule<Model> {
  decode(bytes: Uint8Array, context: DecodeContext): Model;
  summarize(model: Model): Record<string, unknown>;
  warnings(model: Model): string[];
  queries: Record<string, ModelQuery<Model>>;
}
