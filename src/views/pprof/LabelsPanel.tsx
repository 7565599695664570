import { useFileQuery } from '../../engine/useFileQuery';
import { useSession, type OpenFile } from '../../store/session';
import type { LabelsResult } from '../../../workers/pprof/labelsQuery';
import { formatPercent, formatValue } from '../units/formatValue';
import { tagFocusFor, viewOptions } from './pprofViewState';
import { QueryStatus } from './QueryStatus';

const valuesPerKey = 50;

/** `go tool pprof -tags`: label keys, their values and totals. Click a value to tagfocus it. */
export function LabelsPanel({ file }: { file: OpenFile }) {
  const result = useFileQuery<LabelsResult>(file.id, 'labels', viewOptions(file.viewState));
  const data = result.data;
  const focus = (tf: string) => useSession.getState().patchViewState(file.id, { tf });
  return (
    <div className="pp-labels" data-testid="labels">
      <QueryStatus loading={result.loading} error={result.error} hasData={!!data} />
      {data && data.keys.length === 0 && (
        <p className="pp-empty">The samples carry no labels (pprof.Labels / pprof.Do).</p>
      )}
      {data?.keys.map((k) => (
        <section key={k.key} className="pp-label-key">
          <h3>
            <code>{k.key}</code>{' '}
            <span className="pp-muted">
              {formatValue(k.total, data.unit)} · {formatPercent(k.total, data.total)}
            </span>
          </h3>
          <table className="pp-table compact">
            <tbody>
              {k.values.slice(0, valuesPerKey).map((v) => (
                <tr
                  key={v.value}
                  onClick={() => focus(tagFocusFor(k.key, v))}
                  title="Keep only samples with this label value (tagfocus)"
                  data-testid="label-value"
                >
                  <td className="num">{formatValue(v.total, data.unit)}</td>
                  <td className="num">{formatPercent(v.total, data.total)}</td>
                  <td className="bar-cell">
                    <span
                      className="pp-bar"
                      style={{
                        width: `${data.total ? (100 * Math.abs(v.total)) / data.total : 0}%`,
                      }}
                    />
                  </td>
                  <td className="name">{v.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {k.values.length > valuesPerKey && (
            <p className="pp-muted">and {k.values.length - valuesPerKey} more values</p>
          )}
        </section>
      ))}
    </div>
  );
}
