import { ProcActivity } from '../../../../workers/analysis/procIntervalTable';

/** How each kind of P activity reads and looks; goroutines running take their function's colour. */
export const activityNames: Record<number, string> = {
  [ProcActivity.running]: 'running',
  [ProcActivity.syscall]: 'in syscall (holding the P)',
  [ProcActivity.markDedicated]: 'GC mark worker (dedicated)',
  [ProcActivity.markFractional]: 'GC mark worker (fractional)',
  [ProcActivity.markIdle]: 'GC mark worker (idle)',
  [ProcActivity.markAssist]: 'GC mark assist',
  [ProcActivity.sweep]: 'GC incremental sweep',
};

export const activityColors: Record<number, string> = {
  [ProcActivity.syscall]: '#f2b05e',
  [ProcActivity.markDedicated]: '#7048a8',
  [ProcActivity.markFractional]: '#9367c7',
  [ProcActivity.markIdle]: '#bda2df',
  [ProcActivity.markAssist]: '#d6336c',
  [ProcActivity.sweep]: '#2a9d8f',
};

/** Assists and sweeps overlap whoever runs: they are drawn as a strip along the lane's bottom. */
export function isOverlay(activity: number): boolean {
  return activity === ProcActivity.markAssist || activity === ProcActivity.sweep;
}

export const stwColor = '#d92d20';
export const markColor = '#9b6bcc';
export const busyColumnColor = '#9db4cf';
export const gcColumnColor = '#9b6bcc';
