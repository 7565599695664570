/**
 * The "# runtime.MemStats" section that ends a debug=1 heap profile (runtime/pprof/pprof.go
 * writeHeapInternal). Fields keep their Go names; "# Stack = a / b" (and MSpan, MCache) become
 * StackInuse and StackSys, as the struct names them.
 */
export interface MemStatsSection {
  /** Scalars in text order; DebugGC (a bool) is 0 or 1. */
  scalars: Record<string, number>;
  /** PauseNs and PauseEnd as printed: rings of the last 256 GC pauses. */
  pauseNs: number[];
  /** PauseEnd as exact BigInt Unix ns (doubles would round them to ~256 ns). */
  pauseEnd: bigint[];
  /** 1-based line of "# runtime.MemStats". */
  line: number;
}

/** Field order as the runtime prints it; a section stopping before DebugGC was cut short. */
const printedFields = [
  'Alloc',
  'TotalAlloc',
  'Sys',
  'Lookups',
  'Mallocs',
  'Frees',
  'HeapAlloc',
  'HeapSys',
  'HeapIdle',
  'HeapInuse',
  'HeapReleased',
  'HeapObjects',
  'StackInuse',
  'MSpanInuse',
  'MCacheInuse',
  'BuckHashSys',
  'GCSys',
  'OtherSys',
  'NextGC',
  'LastGC',
  'PauseNs',
  'PauseEnd',
  'NumGC',
  'NumForcedGC',
  'GCCPUFraction',
  'DebugGC',
];
const ringSize = 256;

/** Reads the section starting at `start` (the "# runtime.MemStats" line); warnings go to `warnings`. */
export function parseMemStats(
  lines: string[],
  start: number,
  endsWithNewline: boolean,
  warnings: string[],
): MemStatsSection {
  const section: MemStatsSection = { scalars: {}, pauseNs: [], pauseEnd: [], line: start + 1 };
  const seen = new Set<string>();
  for (let i = start + 1; i < lines.length; i++) {
    const m = /^# (\w+) = (.*)$/.exec(lines[i]);
    if (!m) continue;
    const [, key, value] = m;
    const cutHere = i === lines.length - 1 && !endsWithNewline;
    if (value.startsWith('[')) {
      const items = value
        .replace(/^\[|\]$/g, '')
        .split(' ')
        .filter(Boolean);
      if (cutHere && !value.endsWith(']')) items.pop(); // the last number may be cut too
      const unreadable = items.find((item) => !/^\d+$/.test(item));
      if (unreadable !== undefined) {
        warnings.push(
          `line ${i + 1}: MemStats field ${key} has an unreadable entry "${unreadable}"`,
        );
        continue;
      }
      if (key === 'PauseNs') section.pauseNs = items.map(Number);
      else if (key === 'PauseEnd') section.pauseEnd = items.map((s) => BigInt(s));
      if (!value.endsWith(']') || items.length !== ringSize) {
        warnings.push(
          `line ${i + 1}: ${key} holds ${items.length} of its ${ringSize} entries (the MemStats section looks truncated)`,
        );
      }
      seen.add(key);
      continue;
    }
    if (cutHere) break; // a number cut mid-way would be wrong, not just short
    const pair = /^(\d+) \/ (\d+)$/.exec(value);
    if (pair) {
      section.scalars[`${key}Inuse`] = Number(pair[1]);
      section.scalars[`${key}Sys`] = Number(pair[2]);
      seen.add(`${key}Inuse`);
    } else if (value === 'true' || value === 'false') {
      section.scalars[key] = value === 'true' ? 1 : 0;
    } else if (Number.isFinite(Number(value))) {
      section.scalars[key] = Number(value);
    } else {
      warnings.push(`line ${i + 1}: MemStats field ${key} has an unreadable value "${value}"`);
      continue;
    }
    seen.add(key);
  }
  const missing = printedFields.filter((f) => !seen.has(f));
  if (missing.length > 0) {
    warnings.push(
      `the MemStats section is missing ${missing.join(', ')} (it looks truncated); showing what was read`,
    );
  }
  return section;
}

export interface GcPauses {
  /** GC cycle number of each pause, oldest first. */
  gc: Float64Array;
  durationNs: Float64Array;
  /** End of each pause as Unix ns (rounded to a double) and exactly, relative to the oldest end. */
  endUnixNs: Float64Array;
  endOffsetNs: Float64Array;
}

/**
 * Puts the PauseNs/PauseEnd rings in chronological order. runtime/mstats.go: the most recent
 * pause is at index (NumGC+255)%256, so the k-th most recent is at (NumGC-1-k) mod 256; with
 * more than 256 cycles only the last 256 are kept.
 */
export function chronologicalPauses(section: MemStatsSection): GcPauses {
  const numGC = section.scalars.NumGC ?? 0;
  const available = Math.min(section.pauseNs.length, section.pauseEnd.length);
  const indexes: number[] = [];
  const cycles: number[] = [];
  for (let k = Math.min(numGC, ringSize) - 1; k >= 0; k--) {
    const index = (numGC - 1 - k) % ringSize;
    if (index < available) {
      indexes.push(index);
      cycles.push(numGC - k);
    }
  }
  const n = indexes.length;
  const out: GcPauses = {
    gc: new Float64Array(n),
    durationNs: new Float64Array(n),
    endUnixNs: new Float64Array(n),
    endOffsetNs: new Float64Array(n),
  };
  const firstEnd = n > 0 ? section.pauseEnd[indexes[0]] : 0n;
  for (let j = 0; j < n; j++) {
    const index = indexes[j];
    out.gc[j] = cycles[j];
    out.durationNs[j] = section.pauseNs[index];
    out.endUnixNs[j] = Number(section.pauseEnd[index]);
    out.endOffsetNs[j] = Number(section.pauseEnd[index] - firstEnd);
  }
  return out;
}
