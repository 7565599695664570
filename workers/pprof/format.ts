import type { FormatModule } from '../formatModule';
import { decodePprof } from './decodePprof';
import { flameQuery, searchQuery } from './flameQuery';
import { labelsQuery } from './labelsQuery';
import { metadataQuery } from './metadataQuery';
import type { PprofModel } from './model';
import { peekQuery } from './peekQuery';
import { topTable } from './topTable';

export type { PprofViewOptions } from './stackView';

/** Rows of the `top` list in `summarize --json`. */
const summaryTopRows = 20;

export const pprofFormat: FormatModule<PprofModel> | undefined = {
  decode: (bytes, context) => decodePprof(bytes, context.progress),
  summarize(model) {
    const meta = metadataQuery(model);
    const top = meta.sampleTypes.length > 0 ? topTable(model, { limit: summaryTopRows }).rows : [];
    return {
      sampleTypes: meta.sampleTypes.map(({ type, unit }) => ({ type, unit })),
      defaultSampleType: meta.defaultSampleType,
      durationNanos: meta.durationNanos,
      period: meta.period,
      totals: Object.fromEntries(meta.sampleTypes.map((t) => [t.type, t.total])),
      samples: meta.sampleCount,
      top: top.map(({ name, flat, cum }) => ({ name, flat, cum })),
    };
  },
  warnings: (model) =>
    model.samples.count === 0 ? ['The profile holds no samples: there is nothing to show.'] : [],
  queries: {
    flame: flameQuery,
    top: topTable,
    peek: peekQuery,
    labels: labelsQuery,
    metadata: metadataQuery,
    search: searchQuery,
  },
};
