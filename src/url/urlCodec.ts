import type { ViewState } from '../store/session';

/**
 * The shareable state in the address bar: `?v=1&sample=cpu.pprof&view=flame&si=alloc_space…`.
 * `v`, `sample`, `url` and `file` are the codec's own keys; every other key belongs to the
 * active file's view state, named by the views (pprof's names where they fit).
 */
export const urlVersion = 1;

export type UrlSource =
  | { kind: 'sample'; name: string }
  | { kind: 'url'; url: string }
  /** A file from the user's disk: only its name is shared; its view state waits for it. */
  | { kind: 'local'; name: string };

export interface UrlState {
  source: UrlSource | undefined;
  viewState: ViewState;
}

export interface DecodedUrl {
  state: UrlState;
  /** Said to the user when the URL could not be read as it was meant. */
  notice?: string;
}

const ownKeys = new Set(['v', 'sample', 'url', 'file']);

/** One step per version: takes the parameters of version N and returns those of N + 1. */
const upgraders: Record<number, (params: URLSearchParams) => URLSearchParams> = {};

export function encodeUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  if (!state.source && Object.keys(state.viewState).length === 0) return '';
  params.set('v', String(urlVersion));
  if (state.source?.kind === 'sample') params.set('sample', state.source.name);
  if (state.source?.kind === 'url') params.set('url', state.source.url);
  if (state.source?.kind === 'local') params.set('file', state.source.name);
  for (const key of Object.keys(state.viewState).sort()) {
    if (!ownKeys.has(key)) params.set(key, state.viewState[key]);
  }
  return `?${params.toString()}`;
}

/** Reads any query string without throwing: what can't be understood is dropped and said. */
export function decodeUrlState(search: string): DecodedUrl {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return { state: { source: undefined, viewState: {} }, notice: 'The link could not be read.' };
  }
  const rawVersion = params.get('v');
  let version = rawVersion === null ? urlVersion : Number(rawVersion);
  if (!Number.isInteger(version) || version < 1) {
    return {
      state: { source: sourceOf(params), viewState: {} },
      notice: `The link's version "${rawVersion}" is not one Gopherlens knows; its view settings were ignored.`,
    };
  }
  if (version > urlVersion) {
    return {
      state: { source: sourceOf(params), viewState: {} },
      notice: `This link was made by a newer Gopherlens (link version ${version}, this one reads up to ${urlVersion}); its view settings were ignored.`,
    };
  }
  while (version < urlVersion) {
    const upgrade = upgraders[version];
    if (upgrade) params = upgrade(params);
    version++;
  }
  const viewState: ViewState = {};
  params.forEach((value, key) => {
    if (!ownKeys.has(key)) viewState[key] = value;
  });
  return { state: { source: sourceOf(params), viewState } };
}

function sourceOf(params: URLSearchParams): UrlSource | undefined {
  const sample = params.get('sample');
  if (sample) return { kind: 'sample', name: sample };
  const url = params.get('url');
  if (url) return { kind: 'url', url };
  const file = params.get('file');
  if (file) return { kind: 'local', name: file };
  return undefined;
}
