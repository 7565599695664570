export interface TableColumn {
  /** Stable id, the sort key. */
  key: string;
  title: string;
  /** Right-aligned, as numbers are. */
  numeric?: boolean;
  /** Tooltip of the column header. */
  help?: string;
}

export interface TableSort {
  key: string;
  ascending: boolean;
  /** A header was clicked; the table decides the new direction. */
  onSort: (key: string) => void;
  /** Gives each header button the test id `<prefix><key>`. */
  testIdPrefix?: string;
}

/**
 * The header row of the views' tables. With `sort`, each title is a button that sorts by its
 * column and the sorted column shows ▲ (ascending) or ▼ (descending).
 */
export function TableHead({
  columns,
  sort,
}: {
  columns: readonly TableColumn[];
  sort?: TableSort;
}) {
  return (
    <thead>
      <tr>
        {columns.map((c) => {
          const sorted = sort?.key === c.key;
          return (
            <th
              key={c.key}
              className={c.numeric ? 'num' : undefined}
              title={c.help}
              aria-sort={sort && (sorted ? (sort.ascending ? 'ascending' : 'descending') : 'none')}
            >
              {sort ? (
                <button
                  data-testid={sort.testIdPrefix && `${sort.testIdPrefix}${c.key}`}
                  onClick={() => sort.onSort(c.key)}
                >
                  {c.title}
                  {sorted ? (sort.ascending ? ' ▲' : ' ▼') : ''}
                </button>
              ) : (
                c.title
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
