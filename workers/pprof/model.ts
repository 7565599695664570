/**
 * A decoded pprof profile as plain data: one interned string table, tables as typed arrays, and
 * every sample as a slice of shared typed arrays. Tables are indexed densely (0..n-1); the
 * profile's own ids are kept beside them for display and cross-checking.
 *
 * Numbers: the wire format uses int64/uint64. They are read as JS doubles, which are exact for
 * magnitudes up to 2^53 (9.0e15: 104 days of CPU nanoseconds, 8 PiB of bytes). Larger magnitudes
 * are rounded to the nearest double. Totals are summed in doubles too, so they are exact while
 * the running sum stays below 2^53, which covers every real profile we know of.
 */
export interface PprofModel {
  /** string_table; index 0 is always "". */
  strings: string[];
  /** String indexes of each sample type's name and unit. */
  sampleTypes: { type: number; unit: number }[];
  /** Index into `strings`, 0 when the profile names no default. */
  defaultSampleType: number;
  dropFrames: number;
  keepFrames: number;
  comments: number[];
  timeNanos: number;
  durationNanos: number;
  period: number;
  periodType: { type: number; unit: number } | undefined;
  mappings: PprofMapping[];
  functions: FunctionTable;
  locations: LocationTable;
  samples: SampleTable;
}

export interface PprofMapping {
  id: number;
  memoryStart: number;
  memoryLimit: number;
  fileOffset: number;
  /** String indexes. */
  file: number;
  buildId: number;
  hasFunctions: boolean;
  hasFilenames: boolean;
  hasLineNumbers: boolean;
  hasInlineFrames: boolean;
}

export interface FunctionTable {
  id: Float64Array;
  /** String indexes. */
  name: Int32Array;
  systemName: Int32Array;
  filename: Int32Array;
  startLine: Float64Array;
}

export interface LocationTable {
  id: Float64Array;
  /** Index into `mappings`, or -1 when the location names none. */
  mapping: Int32Array;
  address: Float64Array;
  isFolded: Uint8Array;
  /** Location i owns lines lineOffsets[i]..lineOffsets[i+1]; line 0 of a location is the
   * innermost inlined callee, its last line the function the code was inlined into. */
  lineOffsets: Int32Array;
  /** Per line: index into the function table, or -1 for a line without a function. */
  lineFunction: Int32Array;
  lineNumber: Float64Array;
  lineColumn: Float64Array;
}

export interface SampleTable {
  count: number;
  /** Sample i's stack is stack stackOf[i]. Absent when stack i is sample i's, as in heap debug=1
   * text, whose records are one per stack; see sampleStacks. */
  stackOf?: Int32Array;
  /** Stack k is stackLocations[stackOffsets[k]..stackOffsets[k+1]), leaf first, as indexes into
   * the location table. The decoder stores each distinct stack once: a big heap profile has
   * several samples per stack (one per allocation size), each stack tens of locations deep.
   * 16-bit when every location index fits, which halves the largest array of the model. */
  stackOffsets: Int32Array;
  stackLocations: Int32Array | Uint16Array;
  /** One column per sample type: 32-bit integers when every value of the type fits them (half
   * the memory of doubles), else doubles. */
  values: Array<Int32Array | Float64Array>;
  /** Sample i's labels are label set labelSetOf[i]; absent when set i is sample i's (heap
   * debug=1 text). Label set k is labels labelOffsets[k]..labelOffsets[k+1]: the decoder stores
   * each distinct set once (a heap profile labels every sample with its allocation size). */
  labelSetOf?: Int32Array;
  labelOffsets: Int32Array;
  /** String indexes; labelString is 0 for numeric labels. */
  labelKey: Int32Array;
  labelString: Int32Array;
  labelNumber: Float64Array;
  labelUnit: Int32Array;
}

/** Each sample's stack index (see SampleTable.stackOf). */
export function sampleStacks(samples: SampleTable): Int32Array {
  return samples.stackOf ?? identity(samples.count);
}

/** Each sample's label set index (see SampleTable.labelSetOf). */
export function sampleLabelSets(samples: SampleTable): Int32Array {
  return samples.labelSetOf ?? identity(samples.count);
}

function identity(count: number): Int32Array {
  return Int32Array.from({ length: count }, (_, i) => i);
}
