import type { GctraceSummary } from '../../../workers/gctrace/gctraceQueries';
import { formatValue } from '../units/formatValue';

/** The log's headline figures, the same numbers `summarize --json` prints. */
export function GctraceSummaryBar({ summary }: { summary: GctraceSummary }) {
  const ns = (v: number) => formatValue(v, 'ns');
  const figures: Array<[string, string, string]> = [
    ['cycles', 'GC cycles', summary.cycles.toLocaleString('en-US')],
    ['forced', 'Forced', summary.forced.toLocaleString('en-US')],
    ['stw-count', 'STW pauses', summary.stw.count.toLocaleString('en-US')],
    ['stw-total', 'STW total', ns(summary.stw.totalNs)],
    ['stw-p50', 'p50', ns(summary.stw.p50Ns)],
    ['stw-p95', 'p95', ns(summary.stw.p95Ns)],
    ['stw-p99', 'p99', ns(summary.stw.p99Ns)],
    ['stw-max', 'Max pause', ns(summary.stw.maxNs)],
    ['peak-heap', 'Peak heap', formatValue(summary.peakHeapBytes, 'bytes')],
    ['gc-cpu', 'GC CPU (overall)', `${summary.avgGcCpuPercent}%`],
  ];
  return (
    <dl className="gt-summary" data-testid="gctrace-summary">
      {figures.map(([key, title, value]) => (
        <div key={key} className={key.startsWith('stw-p') ? 'gt-figure minor' : 'gt-figure'}>
          <dt>{title}</dt>
          <dd data-testid={`summary-${key}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
