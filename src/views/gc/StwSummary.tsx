import { useMemo, useState } from 'react';
import { pauseStats, type PauseStats } from '../../../workers/stats/pauseStats';
import { TableHead, type TableColumn } from '../tables/TableHead';
import { formatValue } from '../units/formatValue';
import { formatCount } from '../units/formatCount';
import type { StwPauseSeries } from './chartData';
import { Histogram } from './Histogram';
import { reasonColor } from './reasonColors';

export interface StwSummaryProps {
  pauses: StwPauseSeries;
  /** The reason whose histogram is shown, '' or undefined for all; uncontrolled without onReasonChange. */
  reason?: string;
  onReasonChange?: (reason: string | undefined) => void;
}

const ns = (v: number) => formatValue(v, 'ns');

const columns: TableColumn[] = [
  { key: 'reason', title: 'Reason' },
  ...['Count', 'Total', 'p50', 'p95', 'p99', 'Max'].map((title) => ({
    key: title,
    title,
    numeric: true,
  })),
];

/**
 * Pause statistics (count, total, nearest-rank p50/p95/p99, max) overall and per reason, and a
 * log-binned histogram of pause lengths for all pauses or the chosen reason.
 */
export function StwSummary({ pauses, reason: chosen, onReasonChange }: StwSummaryProps) {
  const [ownReason, setOwnReason] = useState<string>();
  const reason = onReasonChange ? chosen : ownReason;
  const setReason = onReasonChange ?? setOwnReason;
  const rows = useMemo(() => statsRows(pauses), [pauses]);
  const reasonIndex = reason ? pauses.reasons.indexOf(reason) : -1;
  const shown = useMemo(
    () =>
      reasonIndex < 0
        ? pauses.duration
        : pauses.duration.filter((_, i) => pauses.reason[i] === reasonIndex),
    [pauses, reasonIndex],
  );
  const shownStats =
    reasonIndex < 0 ? rows[0].stats : rows.find((r) => r.index === reasonIndex)!.stats;

  return (
    <div className="gc-stw-summary" data-testid="stw-summary">
      <div className="gc-stats-scroll">
        <table className="pp-table compact gc-stats-table">
          <TableHead columns={columns} />
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.index}
                className={row.index === reasonIndex ? 'selected' : undefined}
                data-testid={row.index < 0 ? 'stw-summary-all' : undefined}
                onClick={() => setReason(row.index < 0 ? undefined : pauses.reasons[row.index])}
              >
                <td>
                  {row.index >= 0 && (
                    <span className="gc-swatch" style={{ background: reasonColor(row.index) }} />
                  )}
                  {row.index < 0 ? 'All pauses' : pauses.reasons[row.index]}
                </td>
                <td className="num" data-testid={row.index < 0 ? 'stw-count' : undefined}>
                  {formatCount(row.stats.count)}
                </td>
                <td className="num">{ns(row.stats.totalNs)}</td>
                <td className="num">{ns(row.stats.p50Ns)}</td>
                <td className="num">{ns(row.stats.p95Ns)}</td>
                <td className="num">{ns(row.stats.p99Ns)}</td>
                <td className="num">{ns(row.stats.maxNs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="gc-histogram-head">
        <span>Pause lengths of</span>
        <select
          aria-label="Pause reason"
          value={reasonIndex < 0 ? '' : reason}
          onChange={(e) => setReason(e.target.value || undefined)}
          data-testid="stw-reason"
        >
          <option value="">all pauses</option>
          {rows.slice(1).map((row) => (
            <option key={row.index} value={pauses.reasons[row.index]}>
              {pauses.reasons[row.index]}
            </option>
          ))}
        </select>
      </div>
      <Histogram
        values={shown}
        format={ns}
        label="pause length (log scale)"
        color={reasonIndex < 0 ? '#5b9bd5' : reasonColor(reasonIndex)}
        markers={
          shownStats.count > 0
            ? [
                { label: 'p50', value: shownStats.p50Ns },
                { label: 'p99', value: shownStats.p99Ns },
              ]
            : []
        }
        testId="stw-histogram"
      />
    </div>
  );
}

/** All pauses first, then each reason that has pauses. */
function statsRows(pauses: StwPauseSeries): Array<{ index: number; stats: PauseStats }> {
  const rows = [{ index: -1, stats: pauseStats(pauses.duration) }];
  if (pauses.reasons.length < 2) return rows;
  for (let r = 0; r < pauses.reasons.length; r++) {
    const stats = pauseStats(pauses.duration.filter((_, i) => pauses.reason[i] === r));
    if (stats.count > 0) rows.push({ index: r, stats });
  }
  return rows;
}
