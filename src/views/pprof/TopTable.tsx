import { useMemo, useState } from 'react';
import { useFileQuery } from '../../engine/useFileQuery';
import { useSession, type OpenFile } from '../../store/session';
import type { TopResult, TopRow } from '../../../workers/pprof/topTable';
import { TableHead, type TableColumn } from '../tables/TableHead';
import { formatInUnit, formatPercent } from '../units/formatValue';
import { SelectedFrameBar } from './frameActions';
import { searchRegex } from './FlameTab';
import { viewOptions } from './pprofViewState';
import { QueryStatus } from './QueryStatus';
import { encodeSort, parseSort, sortTopRows, topTableUnit, type TopColumn } from './topRows';

const firstPage = 200;
const morePage = 500;

const numericColumns = ['flat', 'flatPercent', 'sumPercent', 'cum', 'cumPercent'] as const;
const columns: Array<TableColumn & { key: TopColumn }> = [
  { key: 'flat', title: 'flat', numeric: true },
  { key: 'flatPercent', title: 'flat%', numeric: true },
  { key: 'sumPercent', title: 'sum%', numeric: true },
  { key: 'cum', title: 'cum', numeric: true },
  { key: 'cumPercent', title: 'cum%', numeric: true },
  { key: 'name', title: 'name' },
];

/**
 * `go tool pprof -top` as a sortable table, with the same numbers. Only the first rows are in
 * the DOM; "Show more" adds pages. Click a row to select its function, double-click to see its
 * callers and callees.
 */
export function TopTable({ file }: { file: OpenFile }) {
  const state = file.viewState;
  const result = useFileQuery<TopResult>(file.id, 'top', viewOptions(state));
  const [shown, setShown] = useState(firstPage);
  const patch = (p: Record<string, string | undefined>) =>
    useSession.getState().patchViewState(file.id, p);
  const { column, ascending } = parseSort(state.sort);
  const data = result.data;
  const rows = useMemo(() => {
    if (!data) return [];
    const match = searchRegex(state.q);
    const sorted = sortTopRows(data.rows, column, ascending, data.total);
    return match ? sorted.filter((r) => match.test(r.name)) : sorted;
  }, [data, column, ascending, state.q]);
  const unit = useMemo(
    () => (data ? topTableUnit(data.rows, data.total, data.unit) : undefined),
    [data],
  );

  const sortBy = (id: TopColumn) => {
    const next = id === column ? !ascending : id === 'name';
    patch({ sort: encodeSort(id, next) });
  };

  return (
    <div className="pp-top">
      <div className="pp-subbar">
        {data && (
          <span className="pp-total">
            {data.sampleType}: {data.rowCount} rows, showing nodes accounting for{' '}
            {formatInUnit(data.shownTotal, data.unit, unit)} (
            {formatPercent(data.shownTotal, data.total)}) of{' '}
            {formatInUnit(data.total, data.unit, unit)} total
          </span>
        )}
        <SelectedFrameBar file={file} />
      </div>
      <QueryStatus loading={result.loading} error={result.error} hasData={!!data} />
      {data && (
        <div className="pp-table-scroll">
          <table className="pp-table" data-testid="top-table">
            <TableHead
              columns={columns}
              sort={{
                key: column,
                ascending,
                onSort: (key) => sortBy(key as TopColumn),
                testIdPrefix: 'sort-',
              }}
            />
            <tbody>
              {rows.slice(0, shown).map((row) => (
                <TopTableRow
                  key={row.name}
                  row={row}
                  unit={data.unit}
                  tableUnit={unit}
                  selected={row.name === state.fn}
                  onSelect={() => patch({ fn: row.name === state.fn ? undefined : row.name })}
                  onOpen={() => patch({ fn: row.name, view: 'peek' })}
                />
              ))}
            </tbody>
          </table>
          {rows.length > shown && (
            <button
              className="pp-more"
              data-testid="show-more"
              onClick={() => setShown(shown + morePage)}
            >
              Show more ({rows.length - shown} more rows)
            </button>
          )}
        </div>
      )}
    </div>
  );
}

interface TopTableRowProps {
  row: TopRow;
  unit: string;
  tableUnit: string | undefined;
  selected: boolean;
  onSelect: () => void;
  onOpen: () => void;
}

function TopTableRow({ row, unit, tableUnit, selected, onSelect, onOpen }: TopTableRowProps) {
  const value = (v: number) => formatInUnit(v, unit, tableUnit);
  const percent = (p: number) => formatPercent(p, 100);
  return (
    <tr
      className={selected ? 'selected' : undefined}
      aria-selected={selected}
      onClick={onSelect}
      onDoubleClick={onOpen}
    >
      {numericColumns.map((key) => (
        <td key={key} className="num" data-value={row[key]}>
          {key.endsWith('Percent') ? percent(row[key]) : value(row[key])}
        </td>
      ))}
      <td className="name" data-value={row.name}>
        {row.name}
        {row.inline && (
          <span className="pp-inline-tag">
            {' '}
            ({row.inline === 'inline' ? 'inline' : 'partial-inline'})
          </span>
        )}
      </td>
    </tr>
  );
}
