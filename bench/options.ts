/** Options every benchmark takes from the command line. */
export interface BenchOptions {
  /** Measured runs per contender; medians are over these. */
  runs: number;
  quick: boolean;
}
