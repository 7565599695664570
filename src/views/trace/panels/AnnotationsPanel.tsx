import { useMemo } from 'react';
import type { UserAnnotations } from '../../../../workers/analysis/userAnnotations';
import { useFileQuery } from '../../../engine/useFileQuery';
import { useSession, type OpenFile } from '../../../store/session';
import { Histogram } from '../../gc/Histogram';
import { QueryStatus } from '../../pprof/QueryStatus';
import { TableHead, type TableColumn } from '../../tables/TableHead';
import { formatValue } from '../../units/formatValue';
import { useTimeline } from '../timeline/timelineContext';
import { framed } from '../timeline/viewportMath';

interface Row {
  kind: 'task' | 'region' | 'log';
  name: string;
  start: number;
  end: number;
  g: number;
}

const rowLimit = 1000;

const columns: TableColumn[] = [
  { key: 'kind', title: 'Kind' },
  { key: 'name', title: 'Name / message' },
  { key: 'start', title: 'Start', numeric: true },
  { key: 'duration', title: 'Duration', numeric: true },
  { key: 'g', title: 'Goroutine', numeric: true },
];

/**
 * runtime/trace tasks, regions and logs in time order, with durations; a click selects the
 * item's time everywhere. Picking a name shows the histogram of its durations.
 */
export function AnnotationsPanel({ file }: { file: OpenFile }) {
  const result = useFileQuery<UserAnnotations>(file.id, 'annotations', {});
  const { store, select } = useTimeline();
  const rows = useMemo(() => (result.data ? annotationRows(result.data) : []), [result.data]);
  const names = useMemo(
    () => [...new Set(rows.filter((r) => r.kind !== 'log').map((r) => `${r.kind}: ${r.name}`))],
    [rows],
  );
  const chosen = file.viewState.an;
  const durations = useMemo(
    () =>
      Float64Array.from(
        rows.filter((r) => `${r.kind}: ${r.name}` === chosen && r.end > r.start),
        (r) => r.end - r.start,
      ),
    [rows, chosen],
  );
  const patch = (p: Record<string, string | undefined>) =>
    useSession.getState().patchViewState(file.id, p);

  if (!result.data)
    return <QueryStatus loading={result.loading} error={result.error} hasData={false} />;
  if (rows.length === 0) {
    return (
      <div className="pp-empty" data-testid="annotations-panel">
        This trace has no user tasks, regions or logs (runtime/trace.NewTask, WithRegion, Log).
      </div>
    );
  }
  return (
    <div className="tr-annotations" data-testid="annotations-panel">
      <div className="pp-table-scroll tr-half">
        <table className="pp-table compact">
          <TableHead columns={columns} />
          <tbody>
            {rows.slice(0, rowLimit).map((r, i) => (
              <tr
                key={i}
                onClick={() => {
                  const span = {
                    from: r.start,
                    to: Number.isFinite(r.end) ? Math.max(r.end, r.start + 1) : store.extent.to,
                  };
                  select(span);
                  store.set(framed(span, 0.25, store.extent));
                }}
              >
                <td>{r.kind}</td>
                <td className="name">{r.name}</td>
                <td className="num">
                  {Number.isFinite(r.start) ? formatValue(r.start, 'ns') : 'before the trace'}
                </td>
                <td className="num">
                  {r.kind === 'log'
                    ? ''
                    : Number.isFinite(r.end - r.start)
                      ? formatValue(r.end - r.start, 'ns')
                      : 'unfinished'}
                </td>
                <td className="num">{r.g >= 0 ? `G${r.g}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length > rowLimit && (
          <div className="pp-more pp-muted">{rows.length - rowLimit} more not listed.</div>
        )}
      </div>
      <div className="tr-half tr-annotation-histogram">
        <label className="pp-field">
          Durations of
          <select value={chosen ?? ''} onChange={(e) => patch({ an: e.target.value || undefined })}>
            <option value="">choose a task or region…</option>
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        {chosen && durations.length > 0 && (
          <Histogram
            values={durations}
            format={(v) => formatValue(v, 'ns')}
            label={`Durations of ${chosen}`}
          />
        )}
      </div>
    </div>
  );
}

function annotationRows(a: UserAnnotations): Row[] {
  const rows: Row[] = [];
  const text = (i: number) => a.strings[i] ?? '';
  for (let i = 0; i < a.tasks.id.length; i++) {
    rows.push({
      kind: 'task',
      name: text(a.tasks.type[i]),
      start: a.tasks.start[i],
      end: a.tasks.end[i],
      g: -1,
    });
  }
  for (let i = 0; i < a.regions.g.length; i++) {
    rows.push({
      kind: 'region',
      name: text(a.regions.type[i]),
      start: a.regions.start[i],
      end: a.regions.end[i],
      g: a.regions.g[i],
    });
  }
  for (let i = 0; i < a.logs.time.length; i++) {
    const category = text(a.logs.category[i]);
    rows.push({
      kind: 'log',
      name: category ? `${category}: ${text(a.logs.message[i])}` : text(a.logs.message[i]),
      start: a.logs.time[i],
      end: a.logs.time[i],
      g: a.logs.g[i],
    });
  }
  return rows.sort((x, y) => (x.start || 0) - (y.start || 0));
}
