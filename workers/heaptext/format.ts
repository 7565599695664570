import type { FormatModule } from '../formatModule';
import { pprofFormat } from '../pprof/format';
import { decodeHeapText, type HeapTextModel } from './decodeHeapText';
import { memStatsQuery, summarizeMemStats } from './memStatsQuery';

/** Heap text decodes into the pprof model, so pprof's summary and queries apply unchanged. */
export const heapTextFormat: FormatModule<HeapTextModel> | undefined = pprofFormat && {
  decode: (bytes, context) => decodeHeapText(bytes, context.progress),
  summarize: (model) => ({ ...pprofFormat!.summarize(model), ...summarizeMemStats(model) }),
  warnings: (model) => [...pprofFormat!.warnings(model), ...model.warnings],
  queries: { ...pprofFormat.queries, memstats: memStatsQuery },
};
