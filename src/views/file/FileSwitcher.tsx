import { closeFile } from '../../loading/openFile';
import { useSession } from '../../store/session';

/** Tabs for the open files; each keeps its own view state while another is shown. */
export function FileSwitcher() {
  const files = useSession((s) => s.files);
  const activeId = useSession((s) => s.activeId);
  return (
    <nav className="file-switcher" data-testid="file-switcher" aria-label="Open files">
      {files.map((file) => (
        <div
          key={file.id}
          className={`file-tab ${file.id === activeId ? 'active' : ''} ${file.status}`}
        >
          <button
            className="file-tab-name"
            onClick={() => useSession.getState().setActive(file.id)}
            title={`${file.name}${file.info ? ` — ${file.info.format}` : ''}`}
          >
            {file.status === 'loading' && <span className="spinner" aria-hidden />}
            {file.status === 'error' && (
              <span className="tab-error" aria-label="error">
                !
              </span>
            )}
            {file.name}
          </button>
          <button
            className="file-tab-close"
            onClick={() => closeFile(file.id)}
            aria-label={`Close ${file.name}`}
          >
            ×
          </button>
        </div>
      ))}
    </nav>
  );
}
