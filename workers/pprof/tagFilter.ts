import { compileGoRegexp } from './goRegexp';
import { sampleLabelSets, type PprofModel } from './model';

/** Whether sample `s` passes a -tagfocus/-tagignore style test. */
export type SampleTest = (s: number) => boolean;

const memoryUnits: Record<string, number> = {
  b: 1,
  byte: 1,
  bytes: 1,
  kb: 1024,
  mb: 1024 ** 2,
  gb: 1024 ** 3,
  tb: 1024 ** 4,
  pb: 1024 ** 5,
};
const timeUnits: Record<string, number> = {
  ns: 1,
  nanosecond: 1,
  nanoseconds: 1,
  us: 1e3,
  microsecond: 1e3,
  microseconds: 1e3,
  ms: 1e6,
  millisecond: 1e6,
  milliseconds: 1e6,
  s: 1e9,
  sec: 1e9,
  second: 1e9,
  seconds: 1e9,
  m: 60e9,
  min: 60e9,
  minute: 60e9,
  minutes: 60e9,
  h: 3600e9,
  hour: 3600e9,
  hours: 3600e9,
};

/** A value in base units (bytes, nanoseconds) and its kind, or the number as is. */
function scale(value: number, unit: string): { value: number; kind: string } {
  const u = unit.toLowerCase();
  if (memoryUnits[u] !== undefined) return { value: value * memoryUnits[u], kind: 'memory' };
  if (timeUnits[u] !== undefined) return { value: value * timeUnits[u], kind: 'time' };
  return { value, kind: u };
}

/**
 * pprof's tag filter (internal/driver/driver_focus.go compileTagFilter): "key=regex,regex" tests
 * the string values of one label key (any regex matching any value); a bare "regex,regex" needs
 * every regex to match some "key:value" of the sample; "1mb:", ":10ms", "4kb:1mb" or "64" with an
 * optional "key=" are numeric ranges over numeric labels, compared in base units.
 */
export function compileTagFilter(model: PprofModel, option: string, filter: string): SampleTest {
  let wantKey = '';
  let value = filter;
  const eq = filter.indexOf('=');
  if (eq >= 0) {
    wantKey = filter.slice(0, eq);
    value = filter.slice(eq + 1);
  }
  const { strings, samples } = model;
  const { labelOffsets, labelKey, labelString, labelNumber, labelUnit } = samples;
  const setOf = sampleLabelSets(samples);
  const range = parseRange(value);
  if (range) {
    return (s) => {
      const set = setOf[s];
      for (let l = labelOffsets[set]; l < labelOffsets[set + 1]; l++) {
        if (labelString[l] !== 0) continue;
        if (wantKey !== '' && strings[labelKey[l]] !== wantKey) continue;
        const unit = labelUnit[l] !== 0 ? strings[labelUnit[l]] : strings[labelKey[l]];
        if (range(labelNumber[l], unit)) return true;
      }
      return false;
    };
  }
  const regexps = value.split(',').map((r) => compileGoRegexp(option, r));
  if (wantKey === '') {
    return (s) =>
      regexps.every((rx) => {
        const set = setOf[s];
        for (let l = labelOffsets[set]; l < labelOffsets[set + 1]; l++) {
          if (labelString[l] !== 0 && rx.test(`${strings[labelKey[l]]}:${strings[labelString[l]]}`))
            return true;
        }
        return false;
      });
  }
  return (s) => {
    const set = setOf[s];
    for (let l = labelOffsets[set]; l < labelOffsets[set + 1]; l++) {
      if (labelString[l] === 0 || strings[labelKey[l]] !== wantKey) continue;
      const v = strings[labelString[l]];
      if (regexps.some((rx) => rx.test(v))) return true;
    }
    return false;
  };
}

/** "N", "N:", ":N" or "N:M" with optional units, as pprof's parseTagFilterRange reads them. */
function parseRange(filter: string): ((value: number, unit: string) => boolean) | undefined {
  const parts = [...filter.matchAll(/([+-]?\d+)([A-Za-z]+)?/g)].slice(0, 2);
  if (parts.length === 0) return undefined;
  const bound = (m: RegExpMatchArray) => scale(Number(m[1]), m[2] ?? '');
  const low = bound(parts[0]);
  const inKind = (v: number, u: string, kind: string) => {
    const scaled = scale(v, u);
    return scaled.kind === kind ? scaled.value : undefined;
  };
  if (parts.length === 1) {
    const match = parts[0][0];
    if (filter === match) return (v, u) => inKind(v, u, low.kind) === low.value;
    if (filter === `${match}:`) return (v, u) => (inKind(v, u, low.kind) ?? -Infinity) >= low.value;
    if (filter === `:${match}`) return (v, u) => (inKind(v, u, low.kind) ?? Infinity) <= low.value;
    return undefined;
  }
  if (filter !== `${parts[0][0]}:${parts[1][0]}`) return undefined;
  const high = bound(parts[1]);
  if (high.kind !== low.kind) return undefined;
  return (v, u) => {
    const scaled = inKind(v, u, low.kind);
    return scaled !== undefined && scaled >= low.value && scaled <= high.value;
  };
}
