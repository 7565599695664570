import { DecodeError } from '../decodeError';
import type { ProgressReporter } from '../progress';
import type { SampleTable } from './model';
import { grownInt32 } from '../flame/grownInt32';
import { LabelSets } from './labelSets';
import { checkString } from './resolveTables';
import { StackInterner } from './stackInterner';
import { WireCursor } from './wireCursor';

/** What the top-level walk found of the Sample messages. */
export interface SampleRanges {
  count: number;
  /** Sum of the Sample messages' lengths. */
  bytes: number;
}

/** Field 2 (sample), wire type 2, as the top-level walk found it. */
const sampleTag = (2 << 3) | 2;

/** How sample location ids become location indexes: id - 1 when ids are 1..n, else a map. */
export interface LocationIds {
  count: number;
  index: Map<number, number> | undefined;
}

/**
 * Reads every Sample message once the tables are known, so location ids are turned into indexes
 * and values land in their sample type's column as they are read: no per-sample objects and no
 * second pass over the ids. Each sample's locations are read into one reused array and interned
 * (stackInterner.ts), so only distinct stacks are stored; so are label sets (labelSets.ts). This is the hot loop of the decoder
 * (samples are most of the bytes). The Sample messages are found by walking the top-level fields
 * again, which the first walk has checked: cheaper than keeping their positions, as every array
 * this large costs the time to touch its memory.
 */
export function readSamples(
  bytes: Uint8Array,
  ranges: SampleRanges,
  locations: LocationIds,
  typeCount: number,
  stringCount: number,
  progress: { report: ProgressReporter; before: number; total: number },
): SampleTable {
  const count = ranges.count;
  const cursor = new WireCursor(bytes);
  const buf = bytes;
  const stackOf = new Int32Array(count);
  const stacks = new StackInterner(ranges.bytes, locations.count);
  let stack = new Int32Array(256);
  // Columns start as 32-bit integers, half the memory, and widen when a value does not fit.
  const values: Array<Int32Array | Float64Array> = Array.from(
    { length: typeCount },
    () => new Int32Array(count),
  );
  const labelSets = new LabelSets();
  const labelSetOf = new Int32Array(count);
  const locationCount = locations.count;
  const locationIndex = locations.index;
  const step = Math.max(1 << 16, Math.floor(progress.total / 100));
  let done = 0;
  let nextReport = step;

  let next = 0;
  for (let s = 0; s < count; s++) {
    let tagOffset = next;
    cursor.pos = next;
    for (let tag = cursor.uint32(); tag !== sampleTag; tag = cursor.uint32()) {
      cursor.skip(tag & 7, tagOffset, buf.length);
      tagOffset = cursor.pos;
    }
    const len = cursor.uint32();
    const end = cursor.pos + len;
    let pos = cursor.pos;
    next = end;
    let depth = 0;
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
        // At most one id per byte.
        if (depth + len > stack.length) stack = grownInt32(stack, depth + len);
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
          stack[depth++] = index;
        }
        if (pos !== stop) cursor.truncated(fieldOffset);
      } else if (field === 2 && wire === 2) {
        cursor.pos = pos;
        const len = cursor.length(fieldOffset, end, 'value');
        const stop = cursor.pos + len;
        while (cursor.pos < stop) {
          const value = cursor.int64();
          if (valueCount < typeCount) storeValue(values, valueCount, s, value);
          valueCount++;
        }
        if (cursor.pos !== stop) cursor.truncated(fieldOffset);
        pos = cursor.pos;
      } else if (field === 1 && wire === 0) {
        cursor.pos = pos;
        const id = cursor.int64();
        pos = cursor.pos;
        const index = locationOf(id, locations, tagOffset);
        if (depth === stack.length) stack = grownInt32(stack, depth + 1);
        stack[depth++] = index;
      } else if (field === 2 && wire === 0) {
        cursor.pos = pos;
        const value = cursor.int64();
        pos = cursor.pos;
        if (valueCount < typeCount) storeValue(values, valueCount, s, value);
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
        readLabel(cursor, cursor.pos + len, labelSets, fieldOffset);
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
    stackOf[s] = stacks.intern(stack, depth);
    labelSetOf[s] = labelSets.endSample();
    if (valueCount !== typeCount) {
      throw new DecodeError(
        'pprof',
        { offset: tagOffset },
        `${typeCount} values per sample (one per sample type)`,
        `${valueCount} values`,
      );
    }
    done += len;
    if (done >= nextReport) {
      progress.report('decode', (progress.before + done) / progress.total);
      nextReport = done + step;
    }
  }
  const sets = labelSets.finish();
  const { key: labelKey, str: labelString, num: labelNumber, unit: labelUnit } = sets;
  for (let l = 0; l < labelKey.length; l++) {
    if (labelKey[l] >= stringCount) checkString(labelKey[l], stringCount, 'label key');
    if (labelString[l] >= stringCount) checkString(labelString[l], stringCount, 'label str');
    if (labelUnit[l] >= stringCount) checkString(labelUnit[l], stringCount, 'label num_unit');
  }
  const { offsets: stackOffsets, locations: stackLocations } = stacks.finish();
  return {
    count,
    stackOf,
    stackOffsets,
    stackLocations,
    values,
    labelSetOf,
    labelOffsets: sets.offsets,
    labelKey,
    labelString,
    labelNumber,
    labelUnit,
  };
}

/** values[type][s] = value, widening the column to doubles when the value does not fit it. */
function storeValue(
  values: Array<Int32Array | Float64Array>,
  type: number,
  s: number,
  value: number,
): void {
  const column = values[type];
  column[s] = value;
  if (column[s] !== value) {
    const wide = new Float64Array(column.length);
    wide.set(column.subarray(0, s));
    wide[s] = value;
    values[type] = wide;
  }
}

function readLabel(cursor: WireCursor, end: number, out: LabelSets, tagOffset: number): void {
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
  out.push(key, str, num, unit);
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
