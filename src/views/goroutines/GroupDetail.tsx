import { useFileQuery } from '../../engine/useFileQuery';
import type { OpenFile } from '../../store/session';
import type { GoroutineGroupDetail } from '../../../workers/goroutines/goroutineQueries';
import { QueryStatus } from '../pprof/QueryStatus';

const idsShown = 200;

/** An expanded group: its shared stack (innermost first), where it was created, its goroutines. */
export function GroupDetail({ file, index }: { file: OpenFile; index: number }) {
  const detail = useFileQuery<GoroutineGroupDetail>(file.id, 'group', { index });
  const d = detail.data;
  if (!d) return <QueryStatus loading={detail.loading} error={detail.error} hasData={false} />;
  const ids = d.goroutines.filter((g) => g.id > 0);
  return (
    <div className="gr-detail" data-testid="goroutine-group-detail">
      <ol className="gr-stack" data-testid="goroutine-stack">
        {d.frames.map((f, i) => (
          <li key={i}>
            <span className="gr-fn">{f.function}</span>
            <span className="gr-file">
              {f.file}:{f.line}
            </span>
          </li>
        ))}
        {d.createdBy && (
          <li className="gr-created-by">
            <span className="gr-fn">created by {d.createdBy}</span>
            {d.createdByFile && (
              <span className="gr-file">
                {d.createdByFile}:{d.createdByLine}
              </span>
            )}
          </li>
        )}
      </ol>
      {ids.length > 0 && (
        <div className="gr-ids" data-testid="goroutine-ids">
          <span className="gr-ids-title">
            {ids.length === 1 ? 'Goroutine' : `${ids.length.toLocaleString('en-US')} goroutines`}
          </span>
          {ids.slice(0, idsShown).map((g) => (
            <span
              key={g.id}
              className="gr-id"
              title={
                `line ${g.line}` +
                (g.waitMinutes ? `, waiting ${g.waitMinutes} min` : '') +
                (g.parentId > 0 ? `, parent goroutine ${g.parentId}` : '')
              }
            >
              {g.id}
            </span>
          ))}
          {ids.length > idsShown && (
            <span className="pp-muted">
              and {(ids.length - idsShown).toLocaleString('en-US')} more
            </span>
          )}
        </div>
      )}
    </div>
  );
}
