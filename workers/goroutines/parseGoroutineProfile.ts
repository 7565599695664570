import { noProgress, type ProgressReporter } from '../progress';
import { GoroutineModelBuilder, type GoroutinesModel } from './goroutineModel';

// runtime/pprof/pprof.go printCountProfile: "N @ 0x… 0x…", then "# labels: {…}" and one
// "#\t0xPC\tfunction+0xOFF\tfile:line" line per frame (inlined frames included).
const recordPattern = /^(\d+) @((?: 0x[0-9a-f]+)*)$/;
const framePattern = /^#\t(0x[0-9a-f]+)\t(\S+?)(?:\+0x[0-9a-f]+)?\t+(.*):(\d+)$/;
const labelsPattern = /^# labels: (.*)$/;

/**
 * Reads a debug=1 goroutine profile ("goroutine profile: total N") from the given header line.
 * A record without symbolized "#" lines keeps its raw PCs as function names.
 */
export function parseGoroutineProfile(
  lines: string[],
  headerIndex: number,
  endsWithNewline: boolean,
  progress: ProgressReporter = noProgress,
): GoroutinesModel {
  const headerTotal = Number(/\d+/.exec(lines[headerIndex])![0]);
  const model = new GoroutineModelBuilder();
  const warnings: string[] = [];
  let pcs: string[] = [];
  let framesInRecord = 0;
  const flushRawPcs = () => {
    if (model.recordCount > 0 && framesInRecord === 0) {
      for (const pc of pcs) model.addFrame(pc, '', 0);
    }
  };
  let sum = 0;

  for (let i = headerIndex + 1; i < lines.length; i++) {
    if (i % 4096 === 0) progress('Reading goroutine profile', i / lines.length);
    const line = lines[i];
    const record = recordPattern.exec(line);
    if (record) {
      flushRawPcs();
      const count = Number(record[1]);
      sum += count;
      model.startRecord({ count, line: i + 1 });
      pcs = record[2].trim().split(' ').filter(Boolean);
      framesInRecord = 0;
      continue;
    }
    if (model.recordCount === 0) continue;
    const frame = framePattern.exec(line);
    if (frame) {
      model.addFrame(frame[2], frame[3], Number(frame[4]));
      framesInRecord++;
      continue;
    }
    const labels = labelsPattern.exec(line);
    if (labels) model.setLabels(labels[1]);
  }
  flushRawPcs();
  progress('Reading goroutine profile', 1);

  if (sum !== headerTotal) {
    warnings.push(
      `the header says "total ${headerTotal}" but the records add up to ${sum}` +
        (endsWithNewline ? '' : ': the profile looks truncated'),
    );
  } else if (!endsWithNewline) {
    warnings.push('the profile ends without a final newline: it may be truncated');
  }
  return model.build('profile', headerTotal, warnings);
}
