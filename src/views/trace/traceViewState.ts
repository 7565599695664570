import type { ViewState } from '../../store/session';
import type { UtilFlags } from '../../../workers/analysis/mutatorUtilization';
import { framed, type TimeRange } from './timeline/viewportMath';

/**
 * The trace views' part of the URL. Times are integer ns from the trace start and goroutines
 * are Go's own goroutine ids, so a link survives a reload of the same trace:
 *   view   lower panel: gc (default), mmu, goroutines, flame, tasks, overview
 *   from to   the window every track shows (default: the whole trace)
 *   s0 s1  the brushed selection every panel analyses (default: the whole trace)
 *   cycle  selected GC cycle, 1-based row of the cycle table
 *   pins   goroutine ids with their own lane, comma-separated
 *   gg     highlighted goroutine group (its start function)
 *   gid    goroutine whose own timeline is open
 *   gsort csort  goroutine-group and cycle table sort column, "-" prefix for ascending
 *   fk     window flame graph: cpu (default), sync, network, syscall, sched, assist
 *   mmu    what counts as GC for the MMU: s(tw) b(ackground) a(ssist) w (sweep) p (per P)
 *   mw     MMU window size (integer ns) whose worst windows are listed
 *   gogc gml   GOGC and GOMEMLIMIT entered for the heap chart
 */
export type TracePanel = 'gc' | 'mmu' | 'goroutines' | 'flame' | 'tasks' | 'overview';

export const tracePanels: TracePanel[] = ['gc', 'mmu', 'goroutines', 'flame', 'tasks', 'overview'];

export function activePanel(state: ViewState): TracePanel {
  const p = state.view as TracePanel | undefined;
  return p && tracePanels.includes(p) ? p : 'gc';
}

/** The visible window from the URL, or undefined for the whole trace. */
export function visibleWindow(state: ViewState): TimeRange | undefined {
  return rangeOf(state.from, state.to);
}

/** The brushed selection from the URL, or undefined when nothing is selected. */
export function selectedWindow(state: ViewState): TimeRange | undefined {
  return rangeOf(state.s0, state.s1);
}

function rangeOf(a: string | undefined, b: string | undefined): TimeRange | undefined {
  const from = Number(a);
  const to = Number(b);
  if (a === undefined || b === undefined || !Number.isFinite(from) || !(to > from)) {
    return undefined;
  }
  return { from, to };
}

/**
 * The patch that selects a window and shows it with some room around, as a click on a GC cycle
 * or an MMU worst window does; `view` is the visible window to set live at once.
 */
export function focusPatch(
  span: TimeRange,
  extent: TimeRange,
): { view: TimeRange; patch: Record<string, string | undefined> } {
  const selected = { from: span.from, to: Math.max(span.to, span.from + 1) };
  const view = framed(selected, 0.25, extent);
  return {
    view,
    patch: { ...windowPatch(['s0', 's1'], selected), ...windowPatch(['from', 'to'], view) },
  };
}

/** The patch that stores a window under two keys, rounded to whole ns. */
export function windowPatch(
  keys: [string, string],
  w: TimeRange | undefined,
): Record<string, string | undefined> {
  return {
    [keys[0]]: w ? String(Math.round(w.from)) : undefined,
    [keys[1]]: w ? String(Math.round(w.to)) : undefined,
  };
}

export function pinnedGoroutines(state: ViewState): number[] {
  if (!state.pins) return [];
  return state.pins
    .split(',')
    .map(Number)
    .filter((g) => Number.isInteger(g));
}

export function togglePin(state: ViewState, g: number): string | undefined {
  const pins = pinnedGoroutines(state);
  const next = pins.includes(g) ? pins.filter((p) => p !== g) : [...pins, g];
  return next.length ? next.join(',') : undefined;
}

const mmuFlagLetters: Array<[string, keyof UtilFlags]> = [
  ['s', 'stw'],
  ['b', 'background'],
  ['a', 'assist'],
  ['w', 'sweep'],
  ['p', 'perProc'],
];

/** `go tool trace`'s MMU defaults: everything counts as GC, one series for the program. */
const defaultMmu = 'sbaw';

export function mmuFlags(state: ViewState): UtilFlags {
  const letters = state.mmu ?? defaultMmu;
  const flags: UtilFlags = {};
  for (const [letter, key] of mmuFlagLetters) if (letters.includes(letter)) flags[key] = true;
  return flags;
}

export function mmuFlagsValue(flags: UtilFlags): string | undefined {
  const letters = mmuFlagLetters.flatMap(([letter, key]) => (flags[key] ? [letter] : [])).join('');
  return letters === defaultMmu ? undefined : letters || '-';
}

/** The MMU window size whose worst windows are listed, undefined for none chosen. */
export function mmuWindowSize(state: ViewState): number | undefined {
  const ns = Number(state.mw);
  return state.mw && Number.isFinite(ns) && ns > 0 ? Math.round(ns) : undefined;
}

export function mmuWindowValue(ns: number | undefined): string | undefined {
  return ns !== undefined && Number.isFinite(ns) && ns > 0 ? String(Math.round(ns)) : undefined;
}
