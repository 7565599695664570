import type { FlameMenuItem } from '../flamegraph/FlameGraphCanvas';
import { useSession, type OpenFile } from '../../store/session';
import { withFrame } from './pprofViewState';

/** What can be done with one function: pprof's filters, and its callers and callees. */
export function frameActions(file: OpenFile, name: string): FlameMenuItem[] {
  const patch = (p: Record<string, string | undefined>) =>
    useSession.getState().patchViewState(file.id, p);
  const state = () => useSession.getState().files.find((f) => f.id === file.id)?.viewState ?? {};
  return [
    { label: 'Focus on', action: () => patch({ f: withFrame(state(), 'f', name), z: undefined }) },
    { label: 'Ignore', action: () => patch({ i: withFrame(state(), 'i', name), z: undefined }) },
    { label: 'Hide', action: () => patch({ h: withFrame(state(), 'h', name) }) },
    { label: 'Callers / callees', action: () => patch({ fn: name, view: 'peek' }) },
    { label: 'Copy name', action: () => void navigator.clipboard?.writeText(name) },
  ];
}

/** The selected function with the same actions as buttons, for keyboard and touch users. */
export function SelectedFrameBar({ file }: { file: OpenFile }) {
  const fn = file.viewState.fn;
  if (!fn) return null;
  const actions = frameActions(file, fn).filter((a) => a.label !== 'Copy name');
  return (
    <span className="pp-selected" data-testid="selected-function">
      <code className="pp-selected-name" title={fn}>
        {fn}
      </code>
      {actions.map((a) => (
        <button
          key={a.label}
          className="pp-small"
          onClick={a.action}
          data-testid={`action-${a.label.toLowerCase().replace(/[^a-z]+/g, '-')}`}
        >
          {a.label}
        </button>
      ))}
    </span>
  );
}
