import { DecodeError } from '../decodeError';
import type { PprofMapping, PprofModel } from './model';
import type { perftools } from './proto/profile';
import type { LocationIds } from './readSamples';

/** protobufjs gives int64 fields as numbers, or as Long objects when the `long` package loads. */
type Int64 = number | { toNumber(): number } | null | undefined;

export function int64ToNumber(value: Int64): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}

/** What the decoder collected before ids are resolved to table indexes (samples come later). */
export interface RawTables {
  strings: string[];
  sampleTypes: perftools.profiles.IValueType[];
  mappings: perftools.profiles.IMapping[];
  locations: perftools.profiles.ILocation[];
  locationOffsets: number[];
  functions: perftools.profiles.IFunction[];
  functionOffsets: number[];
  /** Scalar Profile fields by field number. */
  scalars: Record<number, number>;
  periodType: perftools.profiles.IValueType | undefined;
  comments: number[];
}

/** Everything but the samples, and how samples' location ids map to location indexes. */
export interface ResolvedTables {
  model: Omit<PprofModel, 'samples'>;
  locationIds: LocationIds;
}

export function checkString(index: number, count: number, what: string, offset?: number): number {
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new DecodeError(
      'pprof',
      offset === undefined ? {} : { offset },
      `${what} to be a string_table index below ${count}`,
      `${index}`,
    );
  }
  return index;
}

/**
 * Turns ids into dense indexes and checks every reference, as google/pprof's decoder does
 * (profile/encode.go postDecode): a nonzero id naming no entry is an error, id 0 means "none".
 */
export function resolveTables(raw: RawTables): ResolvedTables {
  const strings = raw.strings.length > 0 ? raw.strings : [''];
  if (strings[0] !== '') {
    throw new DecodeError(
      'pprof',
      {},
      'an empty first string_table entry',
      JSON.stringify(strings[0]),
    );
  }
  const stringAt = (index: number, what: string, offset?: number) =>
    checkString(index, strings.length, what, offset);
  const valueType = (t: perftools.profiles.IValueType, what: string) => ({
    type: stringAt(int64ToNumber(t.type), `${what} type`),
    unit: stringAt(int64ToNumber(t.unit), `${what} unit`),
  });

  const mappingIndex = new Map<number, number>();
  const mappings: PprofMapping[] = raw.mappings.map((m, i) => {
    mappingIndex.set(int64ToNumber(m.id), i);
    return {
      id: int64ToNumber(m.id),
      memoryStart: int64ToNumber(m.memoryStart),
      memoryLimit: int64ToNumber(m.memoryLimit),
      fileOffset: int64ToNumber(m.fileOffset),
      file: stringAt(int64ToNumber(m.filename), 'mapping filename'),
      buildId: stringAt(int64ToNumber(m.buildId), 'mapping build_id'),
      hasFunctions: !!m.hasFunctions,
      hasFilenames: !!m.hasFilenames,
      hasLineNumbers: !!m.hasLineNumbers,
      hasInlineFrames: !!m.hasInlineFrames,
    };
  });

  const functionCount = raw.functions.length;
  const functions = {
    id: new Float64Array(functionCount),
    name: new Int32Array(functionCount),
    systemName: new Int32Array(functionCount),
    filename: new Int32Array(functionCount),
    startLine: new Float64Array(functionCount),
  };
  const functionIndex = new Map<number, number>();
  raw.functions.forEach((f, i) => {
    const at = raw.functionOffsets[i];
    functions.id[i] = int64ToNumber(f.id);
    functionIndex.set(functions.id[i], i);
    functions.name[i] = stringAt(int64ToNumber(f.name), 'function name', at);
    functions.systemName[i] = stringAt(int64ToNumber(f.systemName), 'function system_name', at);
    functions.filename[i] = stringAt(int64ToNumber(f.filename), 'function filename', at);
    functions.startLine[i] = int64ToNumber(f.startLine);
  });

  const locationCount = raw.locations.length;
  const lineCount = raw.locations.reduce((n, l) => n + (l.line?.length ?? 0), 0);
  const locations = {
    id: new Float64Array(locationCount),
    mapping: new Int32Array(locationCount),
    address: new Float64Array(locationCount),
    isFolded: new Uint8Array(locationCount),
    lineOffsets: new Int32Array(locationCount + 1),
    lineFunction: new Int32Array(lineCount),
    lineNumber: new Float64Array(lineCount),
    lineColumn: new Float64Array(lineCount),
  };
  let line = 0;
  let denseIds = true;
  raw.locations.forEach((l, i) => {
    const at = raw.locationOffsets[i];
    const id = int64ToNumber(l.id);
    locations.id[i] = id;
    if (id !== i + 1) denseIds = false;
    locations.mapping[i] = lookup(mappingIndex, int64ToNumber(l.mappingId), 'mapping', at);
    locations.address[i] = int64ToNumber(l.address);
    locations.isFolded[i] = l.isFolded ? 1 : 0;
    locations.lineOffsets[i] = line;
    for (const ln of l.line ?? []) {
      locations.lineFunction[line] = lookup(
        functionIndex,
        int64ToNumber(ln.functionId),
        'function',
        at,
      );
      locations.lineNumber[line] = int64ToNumber(ln.line);
      locations.lineColumn[line] = int64ToNumber(ln.column);
      line++;
    }
  });
  locations.lineOffsets[locationCount] = line;
  const locationIndex = denseIds
    ? undefined
    : new Map(Array.from(locations.id, (id, i) => [id, i] as [number, number]));

  return {
    model: {
      strings,
      sampleTypes: raw.sampleTypes.map((t) => valueType(t, 'sample_type')),
      defaultSampleType: stringAt(raw.scalars[14] ?? 0, 'default_sample_type'),
      dropFrames: stringAt(raw.scalars[7] ?? 0, 'drop_frames'),
      keepFrames: stringAt(raw.scalars[8] ?? 0, 'keep_frames'),
      comments: raw.comments.map((c) => stringAt(c, 'comment')),
      timeNanos: raw.scalars[9] ?? 0,
      durationNanos: raw.scalars[10] ?? 0,
      period: raw.scalars[12] ?? 0,
      periodType: raw.periodType && valueType(raw.periodType, 'period_type'),
      mappings,
      functions,
      locations,
    },
    locationIds: { count: locationCount, index: locationIndex },
  };
}

function lookup(index: Map<number, number>, id: number, what: string, offset: number): number {
  if (id === 0) return -1;
  const found = index.get(id);
  if (found === undefined) {
    throw new DecodeError('pprof', { offset }, `a ${what} with id ${id}`, `no such ${what}`);
  }
  return found;
}
