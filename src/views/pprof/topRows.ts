import { compareStrings, type TopRow } from '../../../workers/pprof/topTable';
import { tableUnit } from '../units/formatValue';

export type TopColumn = 'flat' | 'flatPercent' | 'sumPercent' | 'cum' | 'cumPercent' | 'name';

/**
 * The Top rows in the chosen order. Like `pprof -top -cum`, sum% is recomputed as the running
 * total of flat in the order shown. Ties keep pprof's order (by |flat|, then name).
 */
export function sortTopRows(
  rows: readonly TopRow[],
  column: TopColumn,
  ascending: boolean,
  total: number,
): TopRow[] {
  const key =
    column === 'sumPercent' || column === 'flatPercent'
      ? 'flat'
      : column === 'cumPercent'
        ? 'cum'
        : column;
  const order = rows.map((row, index) => ({ row, index }));
  order.sort((a, b) => {
    const diff =
      key === 'name'
        ? compareStrings(a.row.name, b.row.name)
        : Math.abs(a.row[key]) - Math.abs(b.row[key]);
    return diff !== 0 ? (ascending ? diff : -diff) : a.index - b.index;
  });
  let running = 0;
  return order.map(({ row }) => {
    running += row.flat;
    return { ...row, sumPercent: total === 0 ? 0 : (Math.abs(running) / total) * 100 };
  });
}

/** "cum" or "-name" in the URL: the column, with "-" flipping its natural direction. */
export function parseSort(value: string | undefined): { column: TopColumn; ascending: boolean } {
  const flipped = value?.startsWith('-') ?? false;
  const name = (flipped ? value!.slice(1) : value) as TopColumn | undefined;
  const column = name && columns.includes(name) ? name : 'flat';
  // Numbers read largest first and names A to Z; "-" asks for the other way.
  const natural = column === 'name';
  return { column, ascending: flipped ? !natural : natural };
}

export function encodeSort(column: TopColumn, ascending: boolean): string | undefined {
  const natural = column === 'name';
  if (column === 'flat' && !ascending) return undefined;
  return ascending === natural ? column : `-${column}`;
}

const columns: TopColumn[] = ['flat', 'flatPercent', 'sumPercent', 'cum', 'cumPercent', 'name'];

/**
 * The unit of every value column, chosen as `go tool pprof -top` chooses it: from the smallest
 * value among the rows its default node fraction (0.005) keeps, and the total.
 */
export function topTableUnit(rows: readonly TopRow[], total: number, unit: string) {
  let smallest = 0;
  for (const row of rows) {
    if (Math.abs(row.cum) <= nodeFraction * total) continue;
    const value = Math.abs(row.flat) || Math.abs(row.cum);
    if (value > 0 && (smallest === 0 || value < smallest)) smallest = value;
  }
  return tableUnit(smallest, total, unit);
}

const nodeFraction = 0.005;
