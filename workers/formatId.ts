/** Every input kind Gopherlens recognises, named as `summarize --json` prints them. */
export type FormatId = 'pprof' | 'trace' | 'gctrace' | 'goroutines' | 'heap-text';

export const formatTitles: Record<FormatId, string> = {
  pprof: 'pprof profile (protobuf)',
  trace: 'Go execution trace',
  gctrace: 'GODEBUG=gctrace=1 log',
  goroutines: 'goroutine dump (debug=1 or debug=2)',
  'heap-text': 'heap profile text (debug=1)',
};
