import { LaneState } from '../../../../workers/analysis/goroutineLanes';

/** How a pinned goroutine's states read and look; running takes its function's colour. */
export const laneStateNames: Record<number, string> = {
  [LaneState.running]: 'running',
  [LaneState.runnable]: 'runnable (waiting for a P)',
  [LaneState.syscall]: 'in syscall',
  [LaneState.blocked]: 'blocked',
};

export const runnableColor = '#b4c3d6';
export const syscallColor = '#f2b05e';

/**
 * Blocked time coloured by what it waited on, in a few families of the runtime's reasons
 * (runtime/traceruntime.go traceBlockReason strings): channels, locks, I/O, sleeps, GC.
 */
const blockFamilies: Array<[RegExp, string]> = [
  [/chan|select/, '#e7b6cf'],
  [/sync|cond|mutex|semacquire/i, '#e59a91'],
  [/network|IO|syscall/i, '#9ccbe0'],
  [/sleep|timer/i, '#cfcfcf'],
  [/GC|sweep|mark/, '#c7b2e3'],
];
const otherBlockColor = '#d9cfae';

export function blockColor(reason: string | undefined): string {
  if (reason === undefined) return otherBlockColor;
  for (const [pattern, color] of blockFamilies) if (pattern.test(reason)) return color;
  return otherBlockColor;
}

/** A state as the tooltip says it: "blocked (chan receive)". */
export function laneStateText(state: number, reason: string | undefined): string {
  const name = laneStateNames[state] ?? 'unknown';
  return state === LaneState.blocked && reason ? `${name} (${reason})` : name;
}
