import type { GoroutineLook } from '../procs/drawProcs';

/** The `goroutineNames` query: start function per goroutine id, ids ascending. */
export interface GoroutineNames {
  id: Int32Array;
  /** Index into `names`, per row of `id`. */
  name: Int32Array;
  names: string[];
}

/**
 * Start function per goroutine id and the highlighted group's members. Names are found by
 * binary search in the sorted ids, so nothing is built per goroutine (there may be millions).
 */
export function goroutineLook(names: GoroutineNames | undefined, group?: string): GoroutineLook {
  const nameOf = (g: number): string => {
    if (!names) return '';
    const { id } = names;
    let lo = 0;
    let hi = id.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (id[mid] === g) return names.names[names.name[mid]] ?? '';
      if (id[mid] < g) lo = mid + 1;
      else hi = mid - 1;
    }
    return '';
  };
  return {
    nameOf,
    highlighted: group === undefined ? undefined : (g: number) => nameOf(g) === group,
  };
}
