import type { FormatModule } from '../formatModule';
import { decodeGoroutines } from './decodeGoroutines';
import type { GoroutinesModel } from './goroutineModel';
import { flameQuery, groupQuery, groupsQuery, summarizeGoroutines } from './goroutineQueries';

export const goroutinesFormat: FormatModule<GoroutinesModel> | undefined = {
  decode: (bytes, context) => decodeGoroutines(bytes, context.progress),
  summarize: (model) => ({ ...summarizeGoroutines(model) }),
  warnings: (model) => model.warnings,
  queries: {
    groups: groupsQuery,
    group: groupQuery,
    flame: flameQuery,
    summary: summarizeGoroutines,
  },
};
