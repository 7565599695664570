import { useSession, activeFile } from './store/session';
import { FileSwitcher } from './views/file/FileSwitcher';
import { FileView } from './views/file/FileView';
import { StartPage } from './views/start/StartPage';
import { DropTarget } from './loading/DropTarget';
import { usePasteToOpen } from './loading/usePasteToOpen';
import { OpenFilesButton } from './loading/OpenFilesButton';
import { AppErrorBoundary } from './views/file/AppErrorBoundary';

export function App() {
  const file = useSession(activeFile);
  const notice = useSession((s) => s.notice);
  usePasteToOpen();
  return (
    <div className="app">
      <header className="app-header">
        <button
          className="brand"
          onClick={() => useSession.getState().setActive(undefined)}
          title="Start page"
          aria-label="Start page"
        >
          <img src="/favicon.svg" alt="" width={22} height={22} />
          Gopherlens
        </button>
        <FileSwitcher />
        <OpenFilesButton />
      </header>
      {notice && (
        <div className="notice" role="status" data-testid="notice">
          {notice}
          <button onClick={() => useSession.getState().setNotice(undefined)} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
      <main className="app-main">
        <AppErrorBoundary key={file?.id ?? 'start'}>
          {file ? <FileView file={file} /> : <StartPage />}
        </AppErrorBoundary>
      </main>
      <DropTarget />
    </div>
  );
}
