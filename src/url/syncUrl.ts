import { openSample, openUrl } from '../loading/openFile';
import { activeFile, useSession, type OpenFile, type SessionState } from '../store/session';
import { decodeUrlState, encodeUrlState, type UrlSource, type UrlState } from './urlCodec';

const writeDelayMs = 250;

/**
 * The only code that touches `location` and `history`: it writes the store's shareable state to
 * the URL and reads it back on load and on back/forward.
 */
export function startUrlSync(): () => void {
  applyUrl(location.search);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let written = location.search;
  const write = (next: string, push: boolean) => {
    const url = `${location.pathname}${next}${location.hash}`;
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    written = next;
  };
  // While the session is being brought to a URL, its passing states are not written back.
  let applying = false;
  // Moving to another file or tab is a step back/forward can return to, written at once;
  // settings within a view (zoom, filters as they are typed) replace the entry, debounced.
  const unsubscribe = useSession.subscribe((session) => {
    clearTimeout(timer);
    if (applying) return;
    const next = encodeUrlState(urlStateOf(session));
    if (next === written) return;
    if (sourceKey(next) !== sourceKey(written) || viewKey(next) !== viewKey(written)) {
      write(next, true);
      return;
    }
    timer = setTimeout(() => write(next, false), writeDelayMs);
  });
  const onPopState = () => {
    written = location.search;
    applying = true;
    applyUrl(location.search);
    applying = false;
  };
  addEventListener('popstate', onPopState);
  return () => {
    unsubscribe();
    removeEventListener('popstate', onPopState);
  };
}

export function urlStateOf(session: SessionState): UrlState {
  const file = activeFile(session);
  if (!file) return { source: undefined, viewState: {} };
  return { source: urlSourceOf(file), viewState: file.viewState };
}

function urlSourceOf(file: OpenFile): UrlSource {
  if (file.source.kind === 'sample' || file.source.kind === 'url') return file.source;
  return { kind: 'local', name: file.name };
}

/** Brings the session to what a URL describes, opening its file if it is not open yet. */
function applyUrl(search: string): void {
  const { state, notice } = decodeUrlState(search);
  const session = useSession.getState();
  session.setNotice(notice);
  const source = state.source;
  if (!source) {
    session.setActive(undefined);
    return;
  }
  const open = session.files.find((f) => sameSource(urlSourceOf(f), source));
  if (open) {
    session.setActive(open.id);
    session.patchViewState(open.id, replacementPatch(open.viewState, state.viewState));
  } else if (source.kind === 'sample') {
    void openSample(source.name, state.viewState);
  } else if (source.kind === 'url') {
    void openUrl(source.url, state.viewState);
  } else {
    session.setNotice(
      `This link shows "${source.name}", a file from someone's disk. Drop that file here to see the shared view.`,
    );
    session.setPendingLocal({ name: source.name, viewState: state.viewState });
  }
}

function sameSource(a: UrlSource, b: UrlSource): boolean {
  if (a.kind === 'sample' && b.kind === 'sample') return a.name === b.name;
  if (a.kind === 'url' && b.kind === 'url') return a.url === b.url;
  if (a.kind === 'local' && b.kind === 'local') return a.name === b.name;
  return false;
}

function replacementPatch(current: Record<string, string>, next: Record<string, string>) {
  const patch: Record<string, string | undefined> = { ...next };
  for (const key of Object.keys(current)) if (!(key in next)) patch[key] = undefined;
  return patch;
}

function sourceKey(search: string): string {
  const params = new URLSearchParams(search);
  return `${params.get('sample')}|${params.get('url')}|${params.get('file')}`;
}

function viewKey(search: string): string | null {
  return new URLSearchParams(search).get('view');
}
