import { useState } from 'react';
import { useFileQuery } from '../../engine/useFileQuery';
import { useSession, type OpenFile } from '../../store/session';
import type { OtherLinesPage } from '../../../workers/gctrace/gctraceQueries';
import { QueryStatus } from '../pprof/QueryStatus';

const pageSize = 200;

/** The log's lines that are neither gc nor scavenger lines, listed only when asked for. */
export function OtherLinesPanel({ file, total }: { file: OpenFile; total: number }) {
  const shown = file.viewState.lines === '1';
  return (
    <section className="gt-card gt-fill" data-testid="other-lines">
      <h3>
        {total.toLocaleString('en-US')} other {total === 1 ? 'line' : 'lines'}{' '}
        <span className="gt-hint">program output mixed into the log</span>
      </h3>
      {shown ? (
        <OtherLinesList file={file} total={total} />
      ) : (
        <button
          className="gt-show-lines"
          data-testid="show-other-lines"
          onClick={() => useSession.getState().patchViewState(file.id, { lines: '1' })}
        >
          Show them
        </button>
      )}
    </section>
  );
}

function OtherLinesList({ file, total }: { file: OpenFile; total: number }) {
  const [limit, setLimit] = useState(pageSize);
  const page = useFileQuery<OtherLinesPage>(file.id, 'otherLines', { offset: 0, limit });
  return (
    <>
      <QueryStatus loading={page.loading} error={page.error} hasData={!!page.data} />
      {page.data && (
        <ol className="gt-lines" data-testid="other-lines-list">
          {page.data.lines.map((l) => (
            <li key={l.line}>
              <span className="gt-line-number">{l.line}</span>
              <span className="gt-line-text">{l.text}</span>
            </li>
          ))}
        </ol>
      )}
      {page.data && page.data.lines.length < total && (
        <button className="gt-show-lines" onClick={() => setLimit(limit + pageSize)}>
          Show {Math.min(pageSize, total - page.data.lines.length).toLocaleString('en-US')} more
        </button>
      )}
    </>
  );
}
