import type { FormatModule } from '../formatModule';
import { decodeGctrace, type GctraceModel } from './decodeGctrace';
import { cyclesQuery, otherLinesQuery, scavengerQuery, summarizeGctrace } from './gctraceQueries';

export const gctraceFormat: FormatModule<GctraceModel> | undefined = {
  decode: (bytes, context) => decodeGctrace(bytes, context.progress),
  summarize: (model) => ({ ...summarizeGctrace(model) }),
  warnings: (model) => model.warnings,
  queries: {
    cycles: cyclesQuery,
    scavenger: scavengerQuery,
    otherLines: otherLinesQuery,
    summary: summarizeGctrace,
  },
};
