import type { FormatId } from './formatId';
import type { FormatModule } from './formatModule';
import { pprofFormat } from './pprof/format';
import { traceFormat } from './trace/format';
import { gctraceFormat } from './gctrace/format';
import { goroutinesFormat } from './goroutines/format';
import { heapTextFormat } from './heaptext/format';

/** Decoders by format; a format missing here is recognised but not decoded yet. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const formatModules: Partial<Record<FormatId, FormatModule<any>>> = {
  ...(pprofFormat && { pprof: pprofFormat }),
  ...(traceFormat && { trace: traceFormat }),
  ...(gctraceFormat && { gctrace: gctraceFormat }),
  ...(goroutinesFormat && { goroutines: goroutinesFormat }),
  ...(heapTextFormat && { 'heap-text': heapTextFormat }),
};
