import { useEffect, useState } from 'react';
import { useFileQuery } from '../../engine/useFileQuery';
import { useSession, type OpenFile } from '../../store/session';
import { compileGoRegexp } from '../../../workers/pprof/goRegexp';
import type { SearchResult } from '../../../workers/pprof/flameQuery';
import type { PprofMetadata } from '../../../workers/pprof/metadataQuery';
import { formatPercent, formatValue } from '../units/formatValue';
import { granularities, viewOptions } from './pprofViewState';

/** Sample type, granularity, inlined frames and the search box: the options of every tab. */
export function ProfileToolbar({ file, meta }: { file: OpenFile; meta?: PprofMetadata }) {
  const state = file.viewState;
  const patch = (p: Record<string, string | undefined>) =>
    useSession.getState().patchViewState(file.id, p);
  const sampleType = state.si ?? meta?.defaultSampleType ?? '';
  return (
    <div className="pp-toolbar">
      {meta && meta.sampleTypes.length > 1 && (
        <label className="pp-field">
          <span>Sample</span>
          <select
            data-testid="sample-type"
            value={sampleType}
            onChange={(e) =>
              patch({ si: e.target.value === meta.defaultSampleType ? undefined : e.target.value })
            }
          >
            {meta.sampleTypes.map((t) => (
              <option key={t.type} value={t.type}>
                {t.type} ({t.unit})
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="pp-field">
        <span>Granularity</span>
        <select
          data-testid="granularity"
          value={state.g ?? 'functions'}
          onChange={(e) =>
            patch({ g: e.target.value === 'functions' ? undefined : e.target.value })
          }
        >
          {granularities.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </label>
      <label
        className="pp-check"
        title="Show functions inlined by the compiler as their own frames"
      >
        <input
          type="checkbox"
          data-testid="inlined"
          checked={state.noinl !== '1'}
          onChange={(e) => patch({ noinl: e.target.checked ? undefined : '1' })}
        />
        Inlined frames
      </label>
      <SearchBox file={file} meta={meta} />
    </div>
  );
}

/** A regex over frame names; its matches are highlighted and their total is shown. */
function SearchBox({ file, meta }: { file: OpenFile; meta?: PprofMetadata }) {
  const stored = file.viewState.q ?? '';
  const [text, setText] = useState(stored);
  const [seen, setSeen] = useState(stored);
  if (stored !== seen) {
    // The URL or another control changed the search: follow it.
    setSeen(stored);
    setText(stored);
  }
  const error = regexError(text);
  useEffect(() => {
    if (error || text === stored) return;
    const timer = setTimeout(() => {
      useSession.getState().patchViewState(file.id, { q: text || undefined });
    }, 250);
    return () => clearTimeout(timer);
  }, [text, error, stored, file.id]);

  return (
    <div className="pp-search">
      <input
        type="search"
        placeholder="Search regex…"
        aria-label="Search functions (regular expression)"
        data-testid="search"
        className={error ? 'invalid' : undefined}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {error ? (
        <span className="pp-inline-error" role="alert" data-testid="search-error">
          {error}
        </span>
      ) : (
        stored && <SearchTotal file={file} regex={stored} meta={meta} />
      )}
    </div>
  );
}

function SearchTotal({
  file,
  regex,
  meta,
}: {
  file: OpenFile;
  regex: string;
  meta?: PprofMetadata;
}) {
  const options = viewOptions(file.viewState);
  const result = useFileQuery<SearchResult>(file.id, 'search', { ...options, regex });
  if (result.error) return <span className="pp-inline-error">{result.error}</span>;
  if (!result.data) return null;
  const name = options.sampleIndex ?? meta?.defaultSampleType;
  const type = meta?.sampleTypes.find((t) => t.type === name);
  const total = result.data.total;
  return (
    <span className="pp-matched" data-testid="search-total">
      matches {type ? formatValue(total, type.unit) : total}
      {type && ` · ${formatPercent(total, type.total)}`}
    </span>
  );
}

export function regexError(source: string): string | undefined {
  if (!source) return undefined;
  try {
    compileGoRegexp('search', source);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
