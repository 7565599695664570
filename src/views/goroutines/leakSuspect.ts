import type { GoroutineGroupRow } from '../../../workers/goroutines/goroutineQueries';

/** A group at least this big… */
export const leakMinGoroutines = 10;
/** …that has waited at least this long (the runtime prints waits from one minute on). */
export const leakMinWaitMinutes = 1;

/**
 * Whether a group looks leaked: many goroutines with one stack, parked for minutes. Running,
 * runnable and syscall goroutines are working, not leaked; debug=1 profiles print no states or
 * waits, so they are never flagged.
 */
export function leakSuspect(row: GoroutineGroupRow): boolean {
  if (row.count < leakMinGoroutines || row.maxWaitMinutes < leakMinWaitMinutes) return false;
  return !/^(running|runnable|syscall)\b/.test(row.state);
}
