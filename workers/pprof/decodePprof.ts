import $protobuf from 'protobufjs/minimal.js';
import { DecodeError } from '../decodeError';
import { noProgress, type ProgressReporter } from '../progress';
import { GrowableColumn } from './growableColumn';
import type { PprofModel } from './model';
import { perftools } from './proto/profile';
import { resolveTables, type RawTables } from './resolveTables';
import { WireCursor } from './wireCursor';

const pb = perftools.profiles;

/** Profile field numbers (proto/profile.proto) and the wire type each must arrive with. */
const fields: Record<number, { name: string; wire: number }> = {
  1: { name: 'sample_type', wire: 2 },
  2: { name: 'sample', wire: 2 },
  3: { name: 'mapping', wire: 2 },
  4: { name: 'location', wire: 2 },
  5: { name: 'function', wire: 2 },
  6: { name: 'string_table', wire: 2 },
  7: { name: 'drop_frames', wire: 0 },
  8: { name: 'keep_frames', wire: 0 },
  9: { name: 'time_nanos', wire: 0 },
  10: { name: 'duration_nanos', wire: 0 },
  11: { name: 'period_type', wire: 2 },
  12: { name: 'period', wire: 0 },
  13: { name: 'comment', wire: 2 },
  14: { name: 'default_sample_type', wire: 0 },
};

/**
 * Decodes an uncompressed profile.proto message. Samples are read straight into typed arrays
 * (they are most of the bytes); the small tables go through the generated protobufjs code.
 * The top-level fields are walked here so that a wrong wire type or a truncated field is reported
 * with its byte offset.
 */
export function decodePprof(
  bytes: Uint8Array,
  progress: ProgressReporter = noProgress,
): PprofModel {
  const cursor = new WireCursor(bytes);
  const reader = $protobuf.Reader.create(bytes);
  const raw = newRawTables();
  const end = bytes.length;
  const step = Math.max(1 << 16, Math.floor(end / 100));
  let nextReport = step;
  while (cursor.pos < end) {
    const tagOffset = cursor.pos;
    const tag = cursor.uint32();
    const field = tag >>> 3;
    const wire = tag & 7;
    const known = fields[field];
    if (field === 0) {
      throw new DecodeError('pprof', { offset: tagOffset }, 'a field number above 0', 'field 0');
    }
    if (!known) {
      cursor.skip(wire, tagOffset, end);
      continue;
    }
    // Repeated scalars (comment) may arrive unpacked, one varint per field.
    if (wire !== known.wire && !(field === 13 && wire === 0)) {
      throw new DecodeError(
        'pprof',
        { offset: tagOffset },
        `wire type ${known.wire} for field ${field} (${known.name})`,
        `wire type ${wire}`,
      );
    }
    if (wire === 0) {
      readScalar(raw, field, cursor.int64());
    } else {
      const len = cursor.length(tagOffset, end, known.name);
      const at = cursor.pos;
      if (field === 2) readSample(cursor, at + len, raw, tagOffset);
      else if (field === 13) {
        while (cursor.pos < at + len) raw.comments.push(cursor.int64());
      } else readMessage(reader, field, at, len, raw, tagOffset);
      if (cursor.pos !== at + len) cursor.pos = at + len;
    }
    if (cursor.pos > end) cursor.truncated(tagOffset);
    if (cursor.pos >= nextReport) {
      progress('decode', cursor.pos / end);
      nextReport = cursor.pos + step;
    }
  }
  progress('decode', 1);
  return resolveTables(raw);
}

function newRawTables(): RawTables {
  return {
    strings: [],
    sampleTypes: [],
    mappings: [],
    locations: [],
    locationOffsets: [],
    functions: [],
    functionOffsets: [],
    scalars: {},
    periodType: undefined,
    comments: [],
    sampleOffsets: new GrowableColumn(),
    stackOffsets: new GrowableColumn(),
    stackIds: new GrowableColumn(),
    valueCounts: new GrowableColumn(),
    values: new GrowableColumn(),
    labelOffsets: new GrowableColumn(),
    labelKey: new GrowableColumn(),
    labelString: new GrowableColumn(),
    labelNumber: new GrowableColumn(),
    labelUnit: new GrowableColumn(),
  };
}

function readScalar(raw: RawTables, field: number, value: number): void {
  if (field === 13) raw.comments.push(value);
  else raw.scalars[field] = value;
}

function readMessage(
  reader: $protobuf.Reader,
  field: number,
  at: number,
  len: number,
  raw: RawTables,
  tagOffset: number,
): void {
  reader.pos = at;
  try {
    switch (field) {
      case 1:
        raw.sampleTypes.push(pb.ValueType.decode(reader, len));
        break;
      case 3:
        raw.mappings.push(pb.Mapping.decode(reader, len));
        break;
      case 4:
        raw.locationOffsets.push(tagOffset);
        raw.locations.push(pb.Location.decode(reader, len));
        break;
      case 5:
        raw.functionOffsets.push(tagOffset);
        raw.functions.push(pb.Function.decode(reader, len));
        break;
      case 6:
        raw.strings.push($protobuf.util.utf8.read(reader.buf, at, at + len));
        break;
      case 11:
        raw.periodType = pb.ValueType.decode(reader, len);
        break;
    }
  } catch (err) {
    if (err instanceof DecodeError) throw err;
    throw new DecodeError(
      'pprof',
      { offset: tagOffset },
      `a well-formed ${fields[field].name} message`,
      err instanceof Error ? err.message : String(err),
    );
  }
}

/** One Sample message: location ids, values and labels, appended to the raw columns. */
function readSample(cursor: WireCursor, end: number, raw: RawTables, tagOffset: number): void {
  raw.sampleOffsets.push(tagOffset);
  raw.stackOffsets.push(raw.stackIds.length);
  raw.labelOffsets.push(raw.labelKey.length);
  const valuesBefore = raw.values.length;
  while (cursor.pos < end) {
    const fieldOffset = cursor.pos;
    const tag = cursor.uint32();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 1 || field === 2) {
      const column = field === 1 ? raw.stackIds : raw.values;
      if (wire === 2) {
        const len = cursor.length(fieldOffset, end, field === 1 ? 'location_id' : 'value');
        const stop = cursor.pos + len;
        // The hot loop of the decoder: a packed field holds at most `len` varints.
        const data = column.reserve(len);
        const buf = cursor.buf;
        let n = column.length;
        while (cursor.pos < stop) {
          const b = buf[cursor.pos];
          if (b < 0x80) {
            data[n++] = b;
            cursor.pos++;
          } else data[n++] = cursor.int64();
        }
        column.length = n;
        if (cursor.pos !== stop) cursor.truncated(fieldOffset);
      } else if (wire === 0) {
        column.push(cursor.int64());
      } else {
        throw new DecodeError(
          'pprof',
          { offset: fieldOffset },
          `wire type 0 or 2 for sample field ${field === 1 ? 'location_id' : 'value'}`,
          `wire type ${wire}`,
        );
      }
    } else if (field === 3 && wire === 2) {
      const len = cursor.length(fieldOffset, end, 'label');
      readLabel(cursor, cursor.pos + len, raw, fieldOffset);
    } else if (field === 3) {
      throw new DecodeError(
        'pprof',
        { offset: fieldOffset },
        'wire type 2 for sample field label',
        `wire type ${wire}`,
      );
    } else {
      cursor.skip(wire, fieldOffset, end);
    }
  }
  if (cursor.pos > end) cursor.truncated(tagOffset);
  raw.valueCounts.push(raw.values.length - valuesBefore);
}

function readLabel(cursor: WireCursor, end: number, raw: RawTables, tagOffset: number): void {
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
  for (const index of [key, str, unit]) {
    if (index < 0 || index > 0x7fffffff) {
      throw new DecodeError('pprof', { offset: tagOffset }, 'a string table index', `${index}`);
    }
  }
  raw.labelKey.push(key);
  raw.labelString.push(str);
  raw.labelNumber.push(num);
  raw.labelUnit.push(unit);
}
