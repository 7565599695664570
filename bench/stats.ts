/** Summary statistics and the printed table every benchmark shares. */

export function median(samples: number[]): number {
  return percentile(samples, 0.5);
}

/** Nearest-rank percentile: sorted[ceil(q*n)-1]; NaN for no samples. */
export function percentile(samples: number[], q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

/** A ratio ours/theirs with its target, as printed and stored. */
export interface Ratio {
  name: string;
  ours: number;
  theirs: number;
  ratio: number;
  target: string;
  met: boolean;
}

export function ratio(name: string, ours: number, theirs: number, atMost: number): Ratio {
  const value = ours / theirs;
  return { name, ours, theirs, ratio: value, target: `≤ ${atMost}×`, met: value <= atMost };
}

export interface Row {
  what: string;
  /** Median of the samples, in the row's unit. */
  median: number;
  unit: string;
  samples: number[];
}

export function row(what: string, samples: number[], unit = 'ms'): Row {
  return { what, median: median(samples), unit, samples };
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** Prints a benchmark's rows and ratios as a compact fixed-width table. */
export function printTable(title: string, runs: number, rows: Row[], ratios: Ratio[]): void {
  const width = Math.max(
    20,
    ...rows.map((r) => r.what.length),
    ...ratios.map((r) => r.name.length),
  );
  console.log(`\n${title} — median of N=${runs} run${runs === 1 ? '' : 's'}`);
  for (const r of rows) {
    const spread =
      r.samples.length > 1
        ? `  (min ${formatNumber(Math.min(...r.samples))}, max ${formatNumber(Math.max(...r.samples))})`
        : '';
    const ownCount = r.samples.length !== runs ? `  [N=${r.samples.length}]` : '';
    console.log(
      `  ${r.what.padEnd(width)}  ${formatNumber(r.median).padStart(9)} ${r.unit}${spread}${ownCount}`,
    );
  }
  for (const r of ratios) {
    const verdict = r.met ? 'meets' : 'MISSES';
    console.log(
      `  ${r.name.padEnd(width)}  ${formatNumber(r.ratio).padStart(9)} ×   target ${r.target}: ${verdict}`,
    );
  }
}

/** Prints a part of a benchmark that could not run, and why. */
export function printSkipped(title: string, why: string): void {
  console.log(`  ${title}: skipped: ${why}`);
}
