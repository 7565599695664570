import { useState } from 'react';
import { useSession, type OpenFile } from '../../store/session';
import { filterDefs } from './pprofViewState';
import { regexError } from './ProfileToolbar';

/**
 * pprof's filters as removable chips, plus a control to add one: pick the filter, type its
 * regex, press Enter. A regex that does not compile is reported inline and not applied.
 */
export function FilterBar({ file }: { file: OpenFile }) {
  const state = file.viewState;
  const [key, setKey] = useState('f');
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const patch = (p: Record<string, string | undefined>) =>
    useSession.getState().patchViewState(file.id, p);
  const active = filterDefs.filter((d) => state[d.key]);
  const def = filterDefs.find((d) => d.key === key)!;

  const add = () => {
    const value = text.trim();
    if (!value) return;
    const problem = filterError(key, value);
    setError(problem);
    if (problem) return;
    patch({ [key]: value });
    setText('');
  };

  return (
    <div className="pp-filters" data-testid="filter-bar">
      {active.map((d) => (
        <span key={d.key} className="pp-chip" data-testid={`filter-chip-${d.label}`} title={d.help}>
          <span className="pp-chip-key">{d.label}</span>
          <code className="pp-chip-value">{state[d.key]}</code>
          <button
            className="pp-chip-remove"
            aria-label={`Remove ${d.label} filter`}
            data-testid={`remove-filter-${d.label}`}
            onClick={() => patch({ [d.key]: undefined })}
          >
            ×
          </button>
        </span>
      ))}
      <form
        className="pp-add-filter"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <select
          aria-label="Filter"
          data-testid="filter-kind"
          value={key}
          onChange={(e) => {
            setKey(e.target.value);
            setError(undefined);
          }}
        >
          {filterDefs.map((d) => (
            <option key={d.key} value={d.key} title={d.help}>
              {d.label}
            </option>
          ))}
        </select>
        <input
          data-testid="filter-input"
          className={error ? 'invalid' : undefined}
          placeholder={placeholderOf(def.key)}
          aria-label={`${def.label} regex`}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setError(undefined);
          }}
        />
        <button type="submit" data-testid="add-filter" disabled={!text.trim()}>
          Add filter
        </button>
        {error && (
          <span className="pp-inline-error" role="alert" data-testid="filter-error">
            {error}
          </span>
        )}
      </form>
    </div>
  );
}

function placeholderOf(key: string): string {
  if (key === 'tf' || key === 'ti') return 'key=regex, or 1mb: range';
  return 'regex, e.g. ^main\\.';
}

/** Why a filter value would be rejected, checked like the worker will compile it. */
export function filterError(key: string, value: string): string | undefined {
  if (key !== 'tf' && key !== 'ti') return regexError(value);
  const eq = value.indexOf('=');
  const right = eq >= 0 ? value.slice(eq + 1) : value;
  // Numeric ranges ("1mb:", ":10ms", "64") are not regexes.
  if (/^[\d.]*[a-zA-Z]*:?[\d.]*[a-zA-Z]*$/.test(right) && /\d/.test(right)) return undefined;
  for (const part of right.split(',')) {
    const problem = regexError(part);
    if (problem) return problem;
  }
  return undefined;
}
