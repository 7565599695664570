import type { PprofViewOptions } from '../../../workers/pprof/format';
import type { ViewState } from '../../store/session';

/**
 * The pprof views' part of the URL. Filter keys are pprof's own web UI names, so a pprof user
 * reads a Gopherlens link as they would read pprof's:
 *   view  active tab: flame (default), top, peek, labels, meta, memstats
 *   si    sample type (-sample_index)        g     granularity: lines, files, addresses
 *   noinl "1" hides inlined frames           q     search regex
 *   f i h s sf tf ti   focus, ignore, hide, show, show_from, tagfocus, tagignore
 *   fn    selected function (exact name)     o     "bu" draws the flame graph root at the bottom
 *   z zc ze  zoomed frame of the flame graph, the callers graph and the callees graph, as the
 *            frame names from the root joined by a newline (which no Go symbol contains)
 *   sort  Top table column, "-" prefix for ascending
 */
export type ProfileTab = 'flame' | 'top' | 'peek' | 'labels' | 'meta' | 'memstats';

export const tabKey = 'view';

export interface FilterDef {
  key: string;
  option: keyof PprofViewOptions;
  /** pprof's flag name, shown on chips. */
  label: string;
  help: string;
}

export const filterDefs: FilterDef[] = [
  { key: 'f', option: 'focus', label: 'focus', help: 'Only samples with a frame matching' },
  { key: 'i', option: 'ignore', label: 'ignore', help: 'Drop samples with a frame matching' },
  { key: 'h', option: 'hide', label: 'hide', help: 'Remove matching frames from stacks' },
  { key: 's', option: 'show', label: 'show', help: 'Keep only matching frames in stacks' },
  { key: 'sf', option: 'showFrom', label: 'show_from', help: 'Cut stacks above the first match' },
  { key: 'tf', option: 'tagFocus', label: 'tagfocus', help: 'Only samples whose labels match' },
  { key: 'ti', option: 'tagIgnore', label: 'tagignore', help: 'Drop samples whose labels match' },
];

export const granularities = ['functions', 'lines', 'files', 'addresses'] as const;
export type Granularity = (typeof granularities)[number];

/** The options every pprof query takes, read from the view state. */
export function viewOptions(state: ViewState): PprofViewOptions {
  const options: PprofViewOptions = {};
  if (state.si) options.sampleIndex = state.si;
  for (const def of filterDefs) {
    const value = state[def.key];
    if (value) (options as Record<string, string>)[def.option] = value;
  }
  const g = state.g as Granularity | undefined;
  options.granularity = g && granularities.includes(g) ? g : 'functions';
  if (state.noinl === '1') options.noInlines = true;
  return options;
}

export function activeTab(state: ViewState, offered: readonly ProfileTab[]): ProfileTab {
  const tab = state[tabKey] as ProfileTab | undefined;
  return tab && offered.includes(tab) ? tab : offered[0];
}

const pathSeparator = '\n';

export function encodeFramePath(path: readonly string[]): string | undefined {
  return path.length === 0 ? undefined : path.join(pathSeparator);
}

export function decodeFramePath(value: string | undefined): string[] {
  return value ? value.split(pathSeparator) : [];
}

/** Go's regexp.QuoteMeta: the name as a regex that matches it literally. */
export function quoteMeta(name: string): string {
  return name.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** A regex matching exactly one function name, as pprof's web UI writes it for "Focus on". */
export function exactName(name: string): string {
  return `^${quoteMeta(name)}$`;
}

/**
 * The new value of a filter when one more frame is added to it from a menu: focus replaces (a
 * new focus is a new question), ignore and hide grow with "|" (removing one more thing).
 */
export function withFrame(state: ViewState, key: string, name: string): string {
  const regex = exactName(name);
  const current = state[key];
  if (key === 'f' || !current) return regex;
  const parts = current.split('|');
  return parts.includes(regex) ? current : `${current}|${regex}`;
}

/** tagfocus for one label value: "key=^value$" for strings, "key=<n><unit>" for numbers. */
export function tagFocusFor(key: string, value: { value: string; number?: number; unit?: string }) {
  if (value.number !== undefined) return `${key}=${value.number}${value.unit ?? ''}`;
  return `${key}=${exactName(value.value)}`;
}
