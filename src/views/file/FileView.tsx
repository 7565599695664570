import { createElement, useEffect } from 'react';
import { cancelLoad, closeFile } from '../../loading/openFile';
import type { OpenFile } from '../../store/session';
import { formatTitles } from '../../../workers/formatId';
import { SummaryView } from '../summary/SummaryView';
import { hasFormatView, preloadFormatViews, useFormatView } from './formatViews';
import { warmCanvasText } from './warmCanvasText';

/** One open file: its progress while loading, its error, or the views for its format. */
export function FileView({ file }: { file: OpenFile }) {
  if (file.status === 'loading') return <LoadProgress file={file} />;
  if (file.status === 'error' || !file.info) {
    return (
      <div className="error-panel" data-testid="error" role="alert">
        <h2>Could not open {file.name}</h2>
        <p className="error-message">{file.error?.message ?? 'Unknown error.'}</p>
        {file.error && (
          <dl className="error-details">
            <dt>Expected</dt>
            <dd>{file.error.expected}</dd>
            <dt>Found</dt>
            <dd>{file.error.found}</dd>
            {file.error.offset !== undefined && (
              <>
                <dt>At byte</dt>
                <dd>{file.error.offset}</dd>
              </>
            )}
            {file.error.line !== undefined && (
              <>
                <dt>At line</dt>
                <dd>{file.error.line}</dd>
              </>
            )}
          </dl>
        )}
        <button onClick={() => closeFile(file.id)}>Close this file</button>
      </div>
    );
  }
  return (
    <div className="file-view" data-testid="file-view" data-format={file.info.format}>
      {file.info.warnings.length > 0 && (
        <div className="warnings" role="status" data-testid="warnings">
          {file.info.warnings.map((w) => (
            <div key={w}>⚠ {w}</div>
          ))}
        </div>
      )}
      {hasFormatView(file.info.format) ? (
        <FormatViewOf file={file} />
      ) : (
        <SummaryView file={file} title={formatTitles[file.info.format]} />
      )}
    </div>
  );
}

/** The format's view, once its code is in (it is preloaded while the file decodes). */
function FormatViewOf({ file }: { file: OpenFile }) {
  // The same component for a format every time: the module's export, not one made here.
  const view = useFormatView(file.info!.format);
  return view ? createElement(view, { file }) : <div className="pp-loading">Loading the view…</div>;
}

function LoadProgress({ file }: { file: OpenFile }) {
  // The views draw text on canvases as soon as the file is decoded: prepare for it meanwhile,
  // and load the views' code.
  useEffect(() => {
    void preloadFormatViews();
    return warmCanvasText();
  }, []);
  const percent = Math.round((file.progress?.fraction ?? 0) * 100);
  return (
    <div className="load-progress" data-testid="load-progress">
      <h2>Opening {file.name}</h2>
      {file.progress ? (
        <>
          <div className="progress-label">
            {file.progress.phase} — {percent}%
          </div>
          <progress max={100} value={percent} data-testid="progress-bar" />
        </>
      ) : (
        <div className="progress-label">Reading…</div>
      )}
      <div className="pulse" aria-hidden data-testid="load-animation" />
      <button onClick={() => cancelLoad(file.id)} data-testid="cancel-load">
        Cancel
      </button>
    </div>
  );
}
