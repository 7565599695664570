import { DecodeError } from '../decodeError';
import type { ProgressReporter } from '../progress';
import { GrowableColumn } from './growableColumn';
import type { SampleTable } from './model';
import { checkString } from './resolveTables';
import { WireCursor } from './wireCursor';

/** Where each Sample message lies in the input, collected by the top-level walk. */
export interface SampleRanges {
  tagOffset: GrowableColumn;
  start: GrowableColumn;
  end: GrowableColumn;
  /** Sum of the Sample messages' lengths. */
  bytes: number;
  /** Location ids in all samples, from countLocationIds. */
  ids: number;
}

/**
 * The number of location ids in one Sample message, counted from the varints' last bytes, so
 * readSamples can fill one exactly sized array: tens of millions of ids would otherwise be copied
 * while the array grows and again when it is trimmed. Malformed input stops the count early;
 * readSamples then grows the array and reports the error.
 */
export function countLocationIds(bytes: Uint8Array, start: number, end: number): number {
  let count = 0;
  let pos = start;
  while (pos < end) {
    const tag = bytes[pos++];
    const wire = tag & 7;
    if (tag >= 0x80) return count;
    if (wire === 0) {
      if (tag === 0x08) count++;
      while (pos < end && bytes[pos] >= 0x80) pos++;
      pos++;
    } else if (wire === 2) {
      let len = 0;
      for (let shift = 0; ; shift += 7) {
        if (pos >= end || shift > 21) return count;
        const b = bytes[pos++];
        len |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
      const stop = Math.min(end, pos + len);
      if (tag === 0x0a) for (let i = pos; i < stop; i++) if (bytes[i] < 0x80) count++;
      pos = stop;
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else return count;
  }
  return count;
}

/** How sample location ids become location indexes: id - 1 when ids are 1..n, else a map. */
export interface LocationIds {
  count: number;
  index: Map<number, number> | undefined;
}

/**
 * Reads every Sample message once the tables are known, so location ids are turned into indexes
 * and values land in their sample type's column as they are read: no per-sample objects and no
 * second pass over the ids. This is the hot loop of the decoder (samples are most of the bytes).
 */
export function readSamples(
  bytes: Uint8Array,
  ranges: SampleRanges,
  locations: LocationIds,
  typeCount: number,
  stringCount: number,
  progress: { report: ProgressReporter; before: number; total: number },
): SampleTable {
  const count = ranges.tagOffset.length;
  const tagOffsets = ranges.tagOffset.view();
  const starts = ranges.start.view();
  const ends = ranges.end.view();
  const cursor = new WireCursor(bytes);
  const buf = bytes;
  const stackOffsets = new Int32Array(count + 1);
  let stackLocations = new Int32Array(Math.max(1024, ranges.ids));
  let n = 0;
  const values = Array.from({ length: typeCount }, () => new Float64Array(count));
  // Go's heap profiles carry one label per sample (the allocation size).
  const labels = newLabelColumns(count);
  const locationCount = locations.count;
  const locationIndex = locations.index;
  const labelOffsets = new Int32Array(count + 1);
  const step = Math.max(1 << 16, Math.floor(progress.total / 100));
  let done = 0;
  let nextReport = step;

  for (let s = 0; s < count; s++) {
    const tagOffset = tagOffsets[s];
    const end = ends[s] | 0;
    let pos = starts[s] | 0;
    stackOffsets[s] = n;
    labelOffsets[s] = labels.key.length;
    let valueCount = 0;
    while (pos < end) {
      const fieldOffset = pos;
      let tag = buf[pos++];
      if (tag >= 0x80) {
        cursor.pos = fieldOffset;
        tag = cursor.uint32();
        pos = cursor.pos;
      }
      const field = tag >>> 3;
      const wire = tag & 7;
      if (field === 1 && wire === 2) {
        cursor.pos = pos;
        const len = cursor.length(fieldOffset, end, 'location_id');
        pos = cursor.pos;
        const stop = pos + len;
        if (n + len > stackLocations.length) {
          const bigger = new Int32Array(Math.max(stackLocations.length * 2, n + len));
          bigger.set(stackLocations.subarray(0, n));
          stackLocations = bigger;
        }
        while (pos < stop) {
          let id = buf[pos++];
          if (id >= 0x80) {
            // Ids up to 2^28 in at most four bytes; longer ones through the general reader.
            const b1 = buf[pos];
            if (b1 < 0x80) {
              id = (id & 0x7f) | (b1 << 7);
              pos += 1;
            } else {
              const b2 = buf[pos + 1];
              if (b2 < 0x80) {
                id = (id & 0x7f) | ((b1 & 0x7f) << 7) | (b2 << 14);
                pos += 2;
              } else {
                cursor.pos = pos - 1;
                id = cursor.int64();
                pos = cursor.pos;
              }
            }
          }
          const index = locationIndex ? (locationIndex.get(id) ?? -1) : id - 1;
          if (index < 0 || index >= locationCount) locationOf(id, locations, tagOffset);
          stackLocations[n++] = index;
        }
        if (pos !== stop) cursor.truncated(fieldOffset);
      } else if (field === 2 && wire === 2) {
        cursor.pos = pos;
        const len = cursor.length(fieldOffset, end, 'value');
        const stop = cursor.pos + len;
        while (cursor.pos < stop) {
          const value = cursor.int64();
          if (valueCount < typeCount) values[valueCount][s] = value;
          valueCount++;
        }
        if (cursor.pos !== stop) cursor.truncated(fieldOffset);
        pos = cursor.pos;
      } else if (field === 1 && wire === 0) {
        cursor.pos = pos;
        const id = cursor.int64();
        pos = cursor.pos;
        const index = locationOf(id, locations, tagOffset);
        if (n === stackLocations.length) {
          const bigger = new Int32Array(stackLocations.length * 2);
          bigger.set(stackLocations);
          stackLocations = bigger;
        }
        stackLocations[n++] = index;
      } else if (field === 2 && wire === 0) {
        cursor.pos = pos;
        const value = cursor.int64();
        pos = cursor.pos;
        if (valueCount < typeCount) values[valueCount][s] = value;
        valueCount++;
      } else if (field === 1 || field === 2) {
        throw new DecodeError(
          'pprof',
          { offset: fieldOffset },
          `wire type 0 or 2 for sample field ${field === 1 ? 'location_id' : 'value'}`,
          `wire type ${wire}`,
        );
      } else if (field === 3 && wire === 2) {
        cursor.pos = pos;
        const len = cursor.length(fieldOffset, end, 'label');
        readLabel(cursor, cursor.pos + len, labels, fieldOffset);
        pos = cursor.pos;
      } else if (field === 3) {
        throw new DecodeError(
          'pprof',
          { offset: fieldOffset },
          'wire type 2 for sample field label',
          `wire type ${wire}`,
        );
      } else {
        cursor.pos = pos;
        cursor.skip(wire, fieldOffset, end);
        pos = cursor.pos;
      }
    }
    if (pos > end) cursor.truncated(tagOffset);
    if (valueCount !== typeCount) {
      throw new DecodeError(
        'pprof',
        { offset: tagOffset },
        `${typeCount} values per sample (one per sample type)`,
        `${valueCount} values`,
      );
    }
    done += end - starts[s];
    if (done >= nextReport) {
      progress.report('decode', (progress.before + done) / progress.total);
      nextReport = done + step;
    }
  }
  stackOffsets[count] = n;
  labelOffsets[count] = labels.key.length;

  const labelKey = labels.key.toInt32();
  const labelString = labels.str.toInt32();
  const labelUnit = labels.unit.toInt32();
  for (let l = 0; l < labelKey.length; l++) {
    if (labelKey[l] >= stringCount) checkString(labelKey[l], stringCount, 'label key');
    if (labelString[l] >= stringCount) checkString(labelString[l], stringCount, 'label str');
    if (labelUnit[l] >= stringCount) checkString(labelUnit[l], stringCount, 'label num_unit');
  }
  return {
    count,
    stackOffsets,
    stackLocations: n === stackLocations.length ? stackLocations : stackLocations.slice(0, n),
    values,
    labelOffsets,
    labelKey,
    labelString,
    labelNumber: labels.num.toFloat64(),
    labelUnit,
  };
}

interface LabelColumns {
  key: GrowableColumn;
  str: GrowableColumn;
  num: GrowableColumn;
  unit: GrowableColumn;
}

function newLabelColumns(capacity: number): LabelColumns {
  return {
    key: new GrowableColumn(capacity),
    str: new GrowableColumn(capacity),
    num: new GrowableColumn(capacity),
    unit: new GrowableColumn(capacity),
  };
}

function readLabel(cursor: WireCursor, end: number, out: LabelColumns, tagOffset: number): void {
  let key = 0;
  let str = 0;
  let num = 0;
  let unit = 0;
  while (cursor.pos < end) {
    const fieldOffset = cursor.pos;
    const tag = cursor.uint32();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field >= 1 && field <= 4) {
      if (wire !== 0) {
        throw new DecodeError(
          'pprof',
          { offset: fieldOffset },
          `wire type 0 for label field ${field}`,
          `wire type ${wire}`,
        );
      }
      const value = cursor.int64();
      if (field === 1) key = value;
      else if (field === 2) str = value;
      else if (field === 3) num = value;
      else unit = value;
    } else {
      cursor.skip(wire, fieldOffset, end);
    }
  }
  if (cursor.pos !== end) cursor.truncated(tagOffset);
  checkLabelIndex(key, tagOffset);
  checkLabelIndex(str, tagOffset);
  checkLabelIndex(unit, tagOffset);
  out.key.push(key);
  out.str.push(str);
  out.num.push(num);
  out.unit.push(unit);
}

function checkLabelIndex(index: number, tagOffset: number): void {
  if (index < 0 || index > 0x7fffffff) {
    throw new DecodeError('pprof', { offset: tagOffset }, 'a string table index', `${index}`);
  }
}

function locationOf(id: number, locations: LocationIds, tagOffset: number): number {
  const index = locations.index ? (locations.index.get(id) ?? -1) : id - 1;
  if (index >= 0 && index < locations.count) return index;
  throw new DecodeError(
    'pprof',
    { offset: tagOffset },
    `sample location ids naming locations`,
    `location id ${id}, which no location has`,
  );
}
