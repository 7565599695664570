import { sampleLabelSets, type PprofModel } from './model';
import { buildStackView, type PprofViewOptions } from './stackView';

export interface LabelValue {
  /** The string value, or the number with its unit for numeric labels. */
  value: string;
  number?: number;
  unit?: string;
  total: number;
  samples: number;
}

export interface LabelKey {
  key: string;
  /** Sum over the samples carrying this key (a sample with two values counts for each). */
  total: number;
  values: LabelValue[];
}

export interface LabelsResult {
  keys: LabelKey[];
  /** Sum over all samples left by the filters; pprof -tags prints "Total x of y". */
  total: number;
  sampleType: string;
  unit: string;
}

/** `go tool pprof -tags`: each label key with its values and their totals, largest first. */
export function labelsQuery(model: PprofModel, options: PprofViewOptions = {}): LabelsResult {
  const view = buildStackView(model, options);
  const { strings } = model;
  const { labelOffsets, labelKey, labelString, labelNumber, labelUnit } = model.samples;
  const setOf = sampleLabelSets(model.samples);
  const byKey = new Map<string, Map<string, LabelValue>>();
  let total = 0;
  for (let k = 0; k < view.value.length; k++) {
    const set = setOf[view.sample ? view.sample[k] : k];
    const w = view.value[k];
    total += w;
    for (let l = labelOffsets[set]; l < labelOffsets[set + 1]; l++) {
      const key = strings[labelKey[l]];
      const isString = labelString[l] !== 0;
      const unit = isString ? undefined : strings[labelUnit[l]];
      const value = isString ? strings[labelString[l]] : `${labelNumber[l]}${unit ?? ''}`;
      let values = byKey.get(key);
      if (!values) byKey.set(key, (values = new Map()));
      let entry = values.get(value);
      if (!entry) {
        entry = isString
          ? { value, total: 0, samples: 0 }
          : { value, number: labelNumber[l], unit, total: 0, samples: 0 };
        values.set(value, entry);
      }
      entry.total += w;
      entry.samples++;
    }
  }
  const keys = [...byKey.entries()].map(([key, values]) => {
    const list = [...values.values()].sort(
      (a, b) => Math.abs(b.total) - Math.abs(a.total) || (a.value < b.value ? -1 : 1),
    );
    return { key, total: list.reduce((sum, v) => sum + v.total, 0), values: list };
  });
  keys.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { keys, total, sampleType: view.sampleType, unit: view.unit };
}
