import { create } from 'zustand';
import type { DecodeErrorInfo } from '../../workers/decodeError';
import type { OpenedFile } from '../../workers/engine/fileEngine';

/** Where a file came from: only samples and URLs can be re-opened from a shared link. */
export type FileSource =
  | { kind: 'sample'; name: string }
  | { kind: 'url'; url: string }
  | { kind: 'local' }
  | { kind: 'paste' };

/**
 * A view's state as short string keys, the same keys the URL carries (pprof's names where they
 * fit: si, f, i, h, s, sf, tf, ti, g). Views read and patch it; src/url/ turns it into the URL.
 */
export type ViewState = Record<string, string>;

export interface OpenFile {
  id: string;
  name: string;
  source: FileSource;
  status: 'loading' | 'ready' | 'error';
  progress?: { phase: string; fraction: number };
  /** Set once the worker decoded the file. */
  info?: OpenedFile;
  error?: DecodeErrorInfo;
  viewState: ViewState;
}

export interface SessionState {
  files: OpenFile[];
  activeId: string | undefined;
  /** A message about the session itself (e.g. a URL that could not be read), shown on top. */
  notice: string | undefined;
  addFile(file: Omit<OpenFile, 'status' | 'viewState'> & { viewState?: ViewState }): void;
  updateFile(id: string, patch: Partial<OpenFile>): void;
  removeFile(id: string): void;
  setActive(id: string | undefined): void;
  patchViewState(id: string, patch: Record<string, string | undefined>): void;
  setNotice(notice: string | undefined): void;
  /** View state a shared link carried for a file from someone's disk, kept until it is dropped. */
  pendingLocal: { name: string; viewState: ViewState } | undefined;
  setPendingLocal(pending: { name: string; viewState: ViewState } | undefined): void;
  takePendingLocal(name: string): ViewState | undefined;
}

export const useSession = create<SessionState>()((set, get) => ({
  files: [],
  activeId: undefined,
  notice: undefined,
  addFile: (file) =>
    set((s) => ({
      files: [...s.files, { status: 'loading', viewState: {}, ...file }],
      activeId: file.id,
    })),
  updateFile: (id, patch) =>
    set((s) => ({ files: s.files.map((f) => (f.id === id ? { ...f, ...patch } : f)) })),
  removeFile: (id) =>
    set((s) => {
      const files = s.files.filter((f) => f.id !== id);
      const activeId = s.activeId === id ? files[files.length - 1]?.id : s.activeId;
      return { files, activeId };
    }),
  setActive: (activeId) => set({ activeId }),
  patchViewState: (id, patch) =>
    set((s) => ({
      files: s.files.map((f) =>
        f.id === id ? { ...f, viewState: applyPatch(f.viewState, patch) } : f,
      ),
    })),
  setNotice: (notice) => set({ notice }),
  pendingLocal: undefined,
  setPendingLocal: (pendingLocal) => set({ pendingLocal }),
  takePendingLocal: (name) => {
    const pending = get().pendingLocal;
    if (pending?.name !== name) return undefined;
    set({ pendingLocal: undefined, notice: undefined });
    return pending.viewState;
  },
}));

function applyPatch(state: ViewState, patch: Record<string, string | undefined>): ViewState {
  const next = { ...state };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === '') delete next[key];
    else next[key] = value;
  }
  return next;
}

export function activeFile(s: SessionState): OpenFile | undefined {
  return s.files.find((f) => f.id === s.activeId);
}
