import type { PprofModel } from './model';
import { sampleTypeIndex } from './stackView';

export type ProfileKind = 'cpu' | 'heap' | 'allocs' | 'goroutine' | 'mutex' | 'block' | 'other';

export interface PprofMetadata {
  profileType: ProfileKind;
  timeNanos: number;
  durationNanos: number;
  period: number;
  periodType?: { type: string; unit: string };
  sampleTypes: { type: string; unit: string; total: number }[];
  /** The sample type pprof shows first. */
  defaultSampleType: string;
  sampleCount: number;
  locationCount: number;
  functionCount: number;
  comments: string[];
  mappings: {
    file: string;
    buildId: string;
    memoryStart: number;
    memoryLimit: number;
    fileOffset: number;
    hasFunctions: boolean;
    hasFilenames: boolean;
    hasLineNumbers: boolean;
    hasInlineFrames: boolean;
  }[];
  dropFrames: string;
  keepFrames: string;
}

export function metadataQuery(model: PprofModel): PprofMetadata {
  const { strings } = model;
  const types = model.sampleTypes.map((t, i) => ({
    type: strings[t.type],
    unit: strings[t.unit],
    total: columnSum(model.samples.values[i]),
  }));
  const defaultIndex = sampleTypeIndex(model);
  return {
    profileType: guessProfileKind(model),
    timeNanos: model.timeNanos,
    durationNanos: model.durationNanos,
    period: model.period,
    periodType: model.periodType && {
      type: strings[model.periodType.type],
      unit: strings[model.periodType.unit],
    },
    sampleTypes: types,
    defaultSampleType: defaultIndex >= 0 ? types[defaultIndex].type : '',
    sampleCount: model.samples.count,
    locationCount: model.locations.id.length,
    functionCount: model.functions.id.length,
    comments: model.comments.map((c) => strings[c]),
    mappings: model.mappings.map((m) => ({
      file: strings[m.file],
      buildId: strings[m.buildId],
      memoryStart: m.memoryStart,
      memoryLimit: m.memoryLimit,
      fileOffset: m.fileOffset,
      hasFunctions: m.hasFunctions,
      hasFilenames: m.hasFilenames,
      hasLineNumbers: m.hasLineNumbers,
      hasInlineFrames: m.hasInlineFrames,
    })),
    dropFrames: strings[model.dropFrames],
    keepFrames: strings[model.keepFrames],
  };
}

/**
 * Which Go profile this is, from its sample types as runtime/pprof writes them. Block and mutex
 * profiles share "contentions/count, delay/nanoseconds"; a mutex profile's stacks end in the
 * unlock that released the contended lock, a block profile's in the blocking call.
 */
export function guessProfileKind(model: PprofModel): ProfileKind {
  const { strings } = model;
  const types = model.sampleTypes.map((t) => strings[t.type]);
  if (types.includes('cpu') || (model.periodType && strings[model.periodType.type] === 'cpu')) {
    return 'cpu';
  }
  if (types.includes('inuse_space') || types.includes('alloc_space')) {
    return strings[model.defaultSampleType] === 'alloc_space' ? 'allocs' : 'heap';
  }
  if (types.includes('goroutine')) return 'goroutine';
  if (types.includes('contentions') && types.includes('delay')) {
    return leafNamesMatch(model, /Unlock$|\.unlock$|\.(RUnlock|Signal|Broadcast)$/)
      ? 'mutex'
      : 'block';
  }
  return 'other';
}

function leafNamesMatch(model: PprofModel, rx: RegExp): boolean {
  const { samples, locations, functions, strings } = model;
  // Every stack is some sample's, so the stacks' leaves are the samples' leaves.
  for (let k = 0; k + 1 < samples.stackOffsets.length; k++) {
    if (samples.stackOffsets[k] === samples.stackOffsets[k + 1]) continue;
    const loc = samples.stackLocations[samples.stackOffsets[k]];
    for (let l = locations.lineOffsets[loc]; l < locations.lineOffsets[loc + 1]; l++) {
      const fn = locations.lineFunction[l];
      if (fn >= 0 && rx.test(strings[functions.name[fn]])) return true;
    }
  }
  return false;
}

function columnSum(column: Int32Array | Float64Array): number {
  let sum = 0;
  for (let s = 0; s < column.length; s++) sum += column[s];
  return sum;
}
