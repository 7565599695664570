import { useMemo, useRef, useState } from 'react';
import { TableHead, type TableColumn } from '../tables/TableHead';
import '../pprof/profileView.css';
import './gcCharts.css';

export interface GcCycleColumn extends TableColumn {
  /** The cell's number for a row (NaN when absent: shown as "—", sorted last). */
  value: (row: number) => number;
  format: (value: number) => string;
}

/** A numeric column whose values are an array indexed by row, or a function of the row. */
export function cycleColumn(
  key: string,
  title: string,
  values: ArrayLike<number> | ((row: number) => number),
  format: (v: number) => string,
  help?: string,
): GcCycleColumn {
  const value = typeof values === 'function' ? values : (row: number) => values[row];
  return { key, title, numeric: true, value, format, help };
}

export interface GcCycleTableProps {
  /** Rows are 0 … rowCount-1; columns read their values by row index. */
  rowCount: number;
  columns: GcCycleColumn[];
  /** Column key, "-key" for descending; uncontrolled without onSortChange. Default: first column ascending. */
  sort?: string;
  onSortChange?: (sort: string | undefined) => void;
  selected?: number;
  onSelect?: (row: number) => void;
  /** Height of the scrolling body in CSS pixels (default 320). */
  height?: number;
}

const rowHeight = 24;
const overscan = 10;

/**
 * One row per GC cycle, columns chosen by the caller, sortable by any column. Only the rows in
 * view are rendered, so logs with 100k cycles scroll as fast as short ones.
 */
export function GcCycleTable(props: GcCycleTableProps) {
  const { rowCount, columns, height = 320 } = props;
  const [ownSort, setOwnSort] = useState<string>();
  const sort = props.onSortChange ? props.sort : ownSort;
  const setSort = props.onSortChange ?? setOwnSort;
  const [scrollTop, setScrollTop] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);

  const descending = sort?.startsWith('-') ?? false;
  const sortKey = sort?.replace(/^-/, '') ?? columns[0]?.key;
  const sortColumn = columns.find((c) => c.key === sortKey) ?? columns[0];
  const order = useMemo(
    () => sortedRows(rowCount, sortColumn, descending),
    [rowCount, sortColumn, descending],
  );

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(rowCount, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const visible = Array.from(order.subarray(first, last));

  return (
    <div
      ref={scrollRef}
      className="gc-cycle-table"
      data-testid="gc-cycle-table"
      style={{ maxHeight: height }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <table className="pp-table">
        <TableHead
          columns={columns}
          sort={{
            key: sortColumn?.key ?? '',
            ascending: !descending,
            onSort: (key) => {
              const next = key === sortColumn?.key && !descending ? `-${key}` : key;
              setSort(next === columns[0].key ? undefined : next);
            },
          }}
        />
        <tbody>
          {first > 0 && <tr style={{ height: first * rowHeight }} aria-hidden />}
          {visible.map((row) => (
            <tr
              key={row}
              style={{ height: rowHeight }}
              className={row === props.selected ? 'selected' : undefined}
              onClick={() => props.onSelect?.(row)}
            >
              {columns.map((c) => {
                const v = c.value(row);
                return (
                  <td key={c.key} className="num">
                    {Number.isFinite(v) ? c.format(v) : '—'}
                  </td>
                );
              })}
            </tr>
          ))}
          {last < rowCount && <tr style={{ height: (rowCount - last) * rowHeight }} aria-hidden />}
        </tbody>
      </table>
    </div>
  );
}

/** Row indexes ordered by a column; NaN last either way, ties in row order. */
function sortedRows(rowCount: number, column: GcCycleColumn | undefined, descending: boolean) {
  const order = Int32Array.from({ length: rowCount }, (_, i) => i);
  if (!column) return order;
  const values = Float64Array.from(order, (r) => column.value(r));
  const sign = descending ? -1 : 1;
  return order.sort((a, b) => {
    const va = values[a];
    const vb = values[b];
    const na = Number.isNaN(va);
    const nb = Number.isNaN(vb);
    if (na || nb) return na === nb ? a - b : na ? 1 : -1;
    return sign * (va - vb) || a - b;
  });
}
