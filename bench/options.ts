/** Options every benchmark takes from the command line. */
export interface BenchOptions {
  /** Measured runs per contender; medians are over these. */
  runs: number;
  /** Runs of the 110 MiB trace, which take minutes each: fewer, to keep the whole run short. */
  traceRuns: number;
  quick: boolean;
  /** Measure only Gopherlens, skipping peers such as `go tool trace` (minutes on big.trace). */
  oursOnly: boolean;
}
