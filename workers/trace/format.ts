import { traceAnalysisQueries } from '../analysis/traceQueries';
import { traceAnalysisSummary } from '../analysis/traceSummary';
import type { FormatModule } from '../formatModule';
import type { TraceModel } from './model';
import { parseTrace } from './parseTrace';
import { traceBasics, traceOverview } from './traceBasics';

/** Go execution traces: the decoder's basics, then the analyses' GC, STW and heap figures. */
export const traceFormat: FormatModule<TraceModel> = {
  decode: parseTrace,
  summarize: (model) => ({ ...traceBasics(model), ...traceAnalysisSummary(model) }),
  warnings: (model) => model.warnings,
  queries: {
    overview: traceOverview,
    ...traceAnalysisQueries,
  },
};
