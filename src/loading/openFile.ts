import { cancelWorker, closeWorker, openInWorker } from '../engine/fileWorkers';
import { useSession, type FileSource, type ViewState } from '../store/session';

let nextId = 1;

/** Progress is shown only for loads that take longer than this, so quick files don't flash. */
const progressDelayMs = 200;

/**
 * Opens bytes, or a File the worker reads itself, as a new file in the session: a worker
 * decodes them while the UI stays live.
 */
export async function openBytes(
  name: string,
  input: ArrayBuffer | Blob,
  source: FileSource,
  viewState: ViewState = {},
): Promise<string> {
  const id = `f${nextId++}`;
  const session = useSession.getState();
  session.addFile({ id, name, source, viewState });
  // The bar appears only once a load has taken progressDelayMs, then shows the latest report.
  let latest = { phase: 'read', fraction: 0 };
  let shown = false;
  const show = () => useSession.getState().updateFile(id, { progress: latest });
  const timer = setTimeout(() => {
    shown = true;
    show();
  }, progressDelayMs);
  const result = await openInWorker(
    id,
    input,
    (phase, fraction) => {
      latest = { phase, fraction };
      if (shown) show();
    },
    (error) =>
      useSession.getState().updateFile(id, { status: 'error', error, progress: undefined }),
  );
  clearTimeout(timer);
  if (!useSession.getState().files.some((f) => f.id === id)) return id;
  if (result.ok) {
    useSession
      .getState()
      .updateFile(id, { status: 'ready', info: result.file, progress: undefined });
  } else {
    closeWorker(id);
    useSession
      .getState()
      .updateFile(id, { status: 'error', error: result.error, progress: undefined });
  }
  return id;
}

export async function openFiles(files: Iterable<File>): Promise<void> {
  await Promise.all(
    [...files].map(async (file) =>
      openBytes(
        file.name,
        // Reading a big file here would take the UI thread for hundreds of milliseconds.
        file,
        { kind: 'local' },
        useSession.getState().takePendingLocal(file.name),
      ),
    ),
  );
}

export function openPastedText(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const firstLine = text.trimStart().split('\n', 1)[0].slice(0, 40);
  return openBytes(`pasted: ${firstLine}`, bytes.buffer as ArrayBuffer, { kind: 'paste' });
}

/**
 * Fetches a file the user asked for (?url= or the URL box). A failed or CORS-blocked fetch is
 * reported in the file's error panel, in plain words.
 */
export async function openUrl(url: string, viewState: ViewState = {}): Promise<string> {
  const name = url.split('/').pop()?.split('?')[0] || url;
  let buffer: ArrayBuffer;
  try {
    const response = await fetch(url);
    if (!response.ok) {
      return failedOpen(
        name,
        { kind: 'url', url },
        viewState,
        `HTTP ${response.status} ${response.statusText}`.trim(),
      );
    }
    buffer = await response.arrayBuffer();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return failedOpen(
      name,
      { kind: 'url', url },
      viewState,
      `a network error (${reason}). The server may be down, or it does not allow this page to read it (CORS)`,
    );
  }
  return openBytes(name, buffer, { kind: 'url', url }, viewState);
}

export async function openSample(sample: string, viewState: ViewState = {}): Promise<string> {
  const url = `${import.meta.env.BASE_URL}samples/${encodeURIComponent(sample)}`;
  const response = await fetch(url);
  if (!response.ok) {
    return failedOpen(
      sample,
      { kind: 'sample', name: sample },
      viewState,
      `no bundled sample named "${sample}"`,
    );
  }
  return openBytes(
    sample,
    await response.arrayBuffer(),
    { kind: 'sample', name: sample },
    viewState,
  );
}

/** Stops a load for real: the worker is terminated mid-decode and the file leaves the list. */
export function cancelLoad(id: string): void {
  cancelWorker(id);
  useSession.getState().removeFile(id);
}

export function closeFile(id: string): void {
  closeWorker(id);
  useSession.getState().removeFile(id);
}

function failedOpen(name: string, source: FileSource, viewState: ViewState, found: string): string {
  const id = `f${nextId++}`;
  const url = source.kind === 'url' ? source.url : name;
  useSession.getState().addFile({ id, name, source, viewState });
  useSession.getState().updateFile(id, {
    status: 'error',
    error: {
      format: 'unknown',
      expected: `the file at ${url}`,
      found,
      message: `Could not fetch ${url}: ${found}.`,
    },
  });
  return id;
}
