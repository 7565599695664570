import type { HeapTextModel } from './decodeHeapText';
import { chronologicalPauses, type GcPauses } from './parseMemStats';

export interface MemStatsGroup {
  /** 'general' | 'heap' | 'offHeap' | 'gc' | 'other' */
  name: string;
  title: string;
  fields: Array<{ name: string; value: number }>;
}

export interface MemStatsResult {
  /** False when the text had no "# runtime.MemStats" section. */
  present: boolean;
  groups: MemStatsGroup[];
  /** The PauseNs/PauseEnd rings in chronological order, for an STW timeline. */
  pauses: GcPauses;
}

// Grouped as runtime/mstats.go documents MemStats: general statistics, heap memory statistics,
// off-heap (stack and runtime-internal) memory, and garbage collector statistics.
const groupFields: Array<[string, string, string[]]> = [
  ['general', 'General statistics', ['Alloc', 'TotalAlloc', 'Sys', 'Lookups', 'Mallocs', 'Frees']],
  [
    'heap',
    'Heap memory',
    ['HeapAlloc', 'HeapSys', 'HeapIdle', 'HeapInuse', 'HeapReleased', 'HeapObjects'],
  ],
  [
    'offHeap',
    'Stack and runtime memory',
    [
      'StackInuse',
      'StackSys',
      'MSpanInuse',
      'MSpanSys',
      'MCacheInuse',
      'MCacheSys',
      'BuckHashSys',
      'GCSys',
      'OtherSys',
    ],
  ],
  [
    'gc',
    'Garbage collector',
    ['NextGC', 'LastGC', 'NumGC', 'NumForcedGC', 'GCCPUFraction', 'DebugGC'],
  ],
];

/** `memstats()`: the MemStats fields by group (unknown ones, e.g. MaxRSS, under 'other') and the pauses. */
export function memStatsQuery(model: HeapTextModel): MemStatsResult {
  const section = model.memStats;
  const scalars = section?.scalars ?? {};
  const placed = new Set<string>();
  const groups: MemStatsGroup[] = groupFields.map(([name, title, names]) => ({
    name,
    title,
    fields: names
      .filter((n) => n in scalars)
      .map((n) => {
        placed.add(n);
        return { name: n, value: scalars[n] };
      }),
  }));
  groups.push({
    name: 'other',
    title: 'Other',
    fields: Object.keys(scalars)
      .filter((n) => !placed.has(n))
      .map((n) => ({ name: n, value: scalars[n] })),
  });
  const empty = { scalars: {}, pauseNs: [], pauseEnd: [], line: 0 };
  return {
    present: section !== undefined,
    groups: groups.filter((g) => g.fields.length > 0),
    pauses: chronologicalPauses(section ?? empty),
  };
}

/**
 * The MemStats part of `summarize --json`: scalar fields only, as named in the text (the
 * PauseNs/PauseEnd arrays are left out; "pauses" sums the ring's chronological pauses).
 */
export function summarizeMemStats(model: HeapTextModel): Record<string, unknown> {
  if (!model.memStats) return {};
  const pauses = chronologicalPauses(model.memStats);
  let maxNs = 0;
  let totalNs = 0;
  for (const d of pauses.durationNs) {
    maxNs = Math.max(maxNs, d);
    totalNs += d;
  }
  return {
    memstats: { ...model.memStats.scalars },
    pauses: { count: pauses.durationNs.length, maxNs, totalNs },
  };
}
