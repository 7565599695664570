import $protobuf from 'protobufjs/minimal.js';
import { DecodeError } from '../decodeError';
import { noProgress, type ProgressReporter } from '../progress';
import type { PprofModel } from './model';
import { perftools } from './proto/profile';
import { readSamples, type SampleRanges } from './readSamples';
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
 * Decodes an uncompressed profile.proto message in two passes: the top-level fields are walked
 * here, the small tables decoded through the generated protobufjs code and the Sample messages
 * only counted; then the samples are read straight into typed arrays (readSamples.ts), their
 * location ids resolved and their stacks interned on the way. The walk reports a wrong wire type or a truncated field with
 * its byte offset.
 */
export function decodePprof(
  bytes: Uint8Array,
  progress: ProgressReporter = noProgress,
): PprofModel {
  const cursor = new WireCursor(bytes);
  const reader = $protobuf.Reader.create(bytes);
  const raw = newRawTables();
  const samples: SampleRanges = { count: 0, bytes: 0 };
  const end = bytes.length;
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
      if (field === 2) {
        samples.count++;
        samples.bytes += len;
      } else if (field === 13) {
        while (cursor.pos < at + len) raw.comments.push(cursor.int64());
      } else readMessage(reader, field, at, len, raw, tagOffset);
      if (cursor.pos !== at + len) cursor.pos = at + len;
    }
    if (cursor.pos > end) cursor.truncated(tagOffset);
  }
  // The tables are read; the samples, most of the bytes, are read next with their ids resolved.
  progress('decode', end === 0 ? 1 : (end - samples.bytes) / end);
  const tables = resolveTables(raw);
  const sampleTable = readSamples(
    bytes,
    samples,
    tables.locationIds,
    tables.model.sampleTypes.length,
    tables.model.strings.length,
    { report: progress, before: end - samples.bytes, total: end },
  );
  progress('decode', 1);
  return { ...tables.model, samples: sampleTable };
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
