import { Fragment } from 'react';
import type { StwStats } from '../../../../workers/analysis/stwPauses';
import { useFileQuery } from '../../../engine/useFileQuery';
import { QueryStatus } from '../../pprof/QueryStatus';
import { formatValue } from '../../units/formatValue';
import type { TracePanelProps } from '../TracePanels';

/** What the trace is: version, length, Ps, goroutines, events, GC cycles, pauses, damage. */
export function OverviewPanel({ file, overview, cycles }: TracePanelProps) {
  const stw = useFileQuery<StwStats>(file.id, 'stwStats', {});
  const ns = (v: number) => formatValue(v, 'ns');
  const facts: Array<[string, string]> = [
    ['Trace format', `Go ${overview.version}`],
    ['Duration', ns(overview.durationNs)],
    ['Ps', String(overview.procs)],
    ['Goroutines', String(overview.goroutines)],
    ['Events', overview.events.toLocaleString('en-US')],
    ['Generations', String(overview.generations)],
    ['CPU samples', String(overview.cpuSamples)],
    ['GC cycles', String(cycles.count)],
    [
      'Bytes read',
      `${formatValue(overview.bytesRead, 'bytes')} of ${formatValue(overview.bytesTotal, 'bytes')}`,
    ],
  ];
  if (stw.data) {
    const all = stw.data.all;
    facts.push(
      ['STW pauses', `${all.count}, ${ns(all.totalNs)} in total`],
      ['STW p50 / p95 / p99', `${ns(all.p50Ns)} / ${ns(all.p95Ns)} / ${ns(all.p99Ns)}`],
      ['Longest STW', ns(all.maxNs)],
      ['GC STW pauses', `${stw.data.gc.count}, ${ns(stw.data.gc.totalNs)} in total`],
    );
  }
  return (
    <div className="pp-meta tr-overview" data-testid="trace-overview">
      {overview.warnings.length > 0 && (
        <div className="tr-partial" role="status" data-testid="trace-partial">
          <strong>Partial trace.</strong>
          {overview.warnings.map((w) => (
            <div key={w}>{w}</div>
          ))}
        </div>
      )}
      <dl className="pp-facts">
        {facts.map(([k, v]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </Fragment>
        ))}
      </dl>
      <QueryStatus loading={stw.loading} error={stw.error} hasData={!!stw.data} />
    </div>
  );
}
