/**
 * One measured run of our decoders in a fresh Node process, so every run is as cold as a page
 * load and GNU time can report its peak memory:
 *
 *   node --import tsx bench/nodeWork.ts pprof|pprof-format|trace <file>
 *   node --import tsx bench/nodeWork.ts fresh-memory <MiB>
 *
 * The benchmarks run it bundled (bench/nodeRuns.ts), as the app ships it.
 *
 * Prints one JSON object: milliseconds per step (`steps`), their sum (`totalMs`), CPU
 * milliseconds per step (`cpuSteps`), the resident memory before the file was read
 * (`baselineRssBytes`) and, for a trace, the size of the model's event columns (`modelSize`).
 */
import { readFileSync } from 'node:fs';
import { Profile } from 'pprof-format';
import { blockingKinds } from '../workers/analysis/blockingProfiles';
import { traceAnalysisSummary } from '../workers/analysis/traceSummary';
import { inflateGzip, isGzip } from '../workers/gzip/inflateGzip';
import { decodePprof } from '../workers/pprof/decodePprof';
import { flameQuery } from '../workers/pprof/flameQuery';
import { topTable } from '../workers/pprof/topTable';
import { traceFormat } from '../workers/trace/format';
import type { TraceModel } from '../workers/trace/model';
import { parseTrace } from '../workers/trace/parseTrace';
import { traceBasics } from '../workers/trace/traceBasics';

const steps: Record<string, number> = {};
/** CPU time (user + system) per step: on a busy machine it varies less than wall time. */
const cpuSteps: Record<string, number> = {};

function step<T>(name: string, work: () => T): T {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = work();
  steps[name] = performance.now() - start;
  const used = process.cpuUsage(cpu);
  cpuSteps[name] = (used.user + used.system) / 1000;
  // On stderr as each step ends, so a slow step shows while the run is still going.
  console.error(`${name}: ${steps[name].toFixed(0)} ms (cpu ${cpuSteps[name].toFixed(0)} ms)`);
  return result;
}

/** The trace analyses as a view asks them: the whole trace, charts 1280 pixels wide. */
const traceQueries: Array<[string, unknown]> = [
  ['overview', undefined],
  ['gcCycles', undefined],
  ['stwPauses', undefined],
  ['heapSeries', { pixelWidth: 1280 }],
  ['goroutines', undefined],
  ['goroutineGroups', undefined],
  ['goroutineStateCounts', { pixelWidth: 1280 }],
  ['procs', { pixelWidth: 1280 }],
  ['mmu', { flags: { stw: true, background: true, assist: true, sweep: true } }],
  ['markAssists', undefined],
  ['cpuFlame', undefined],
  ...blockingKinds.map((kind): [string, unknown] => ['blockingFlame', { kind }]),
  ['annotations', undefined],
];

/**
 * What this machine charges for memory a process writes for the first time, against writing it
 * again: a model of hundreds of MB pays the first price once per byte.
 */
function freshMemory(mib: number): void {
  const bytes = new Uint8Array(mib * 2 ** 20);
  const touchPages = () => {
    for (let i = 0; i < bytes.length; i += 4096) bytes[i]++;
  };
  step('first write', touchPages);
  step('second write', touchPages);
}

/**
 * The model's per-event columns: their bytes as stored, and the bytes each event would take if
 * every column had the narrowest whole-byte width that holds this trace's values. The second
 * is a floor for any model that keeps every event in typed-array columns.
 */
function eventColumnSizes(model: TraceModel): { events: number; bytes: number; narrowest: number } {
  const { timeOffset, kind, g, procThread, stack, arg, transition } = model;
  const columns = [timeOffset, kind, g, procThread, stack, arg, transition];
  let bytes = model.timeBase.byteLength;
  let narrowest = 0;
  for (const column of columns) {
    const values = column.subarray(0, model.count);
    bytes += values.byteLength;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < values.length; i++) {
      if (values[i] < min) min = values[i];
      if (values[i] > max) max = values[i];
    }
    narrowest += Math.max(1, Math.ceil(Math.log2(max - min + 1) / 8));
  }
  return { events: model.count, bytes, narrowest: narrowest * model.count };
}

let modelSize: ReturnType<typeof eventColumnSizes> | undefined;

function run(task: string, file: string): void {
  if (task === 'fresh-memory') return freshMemory(Number(file));
  // A view of the file's bytes, not a copy: a second copy of a 110 MiB input would count in the
  // peak memory measured. It is let go once decoded, as the app's worker lets go of its input.
  let input: Uint8Array | undefined = step('read', () => {
    const read = readFileSync(file);
    return new Uint8Array(read.buffer, read.byteOffset, read.byteLength);
  });
  const takeInput = () => {
    const bytes = input!;
    input = undefined;
    return bytes;
  };
  const inflated = () => {
    const bytes = takeInput();
    return isGzip(bytes) ? inflateGzip(bytes) : bytes;
  };
  if (task === 'pprof') {
    const bytes = step('inflate', inflated);
    const model = step('decode', () => decodePprof(bytes));
    step('flame', () => flameQuery(model));
    step('top', () => topTable(model, { limit: 20 }));
  } else if (task === 'pprof-format') {
    const bytes = step('inflate', inflated);
    step('decode', () => Profile.decode(bytes));
  } else if (task === 'trace') {
    const model = step('parse', () => parseTrace(takeInput(), { progress: () => {} }));
    modelSize = eventColumnSizes(model);
    step('summary', () => ({ ...traceBasics(model), ...traceAnalysisSummary(model) }));
    for (const [name, args] of traceQueries) {
      const query = traceFormat.queries[name];
      const kind = (args as { kind?: string } | undefined)?.kind;
      if (query) step(kind ? `${name}:${kind}` : name, () => query(model, args));
    }
  } else {
    throw new Error(`unknown task ${task}`);
  }
}

const [task, file] = process.argv.slice(2);
const baselineRssBytes = process.memoryUsage().rss;
run(task, file);
const totalMs = Object.entries(steps)
  .filter(([name]) => name !== 'read')
  .reduce((sum, [, ms]) => sum + ms, 0);
console.log(JSON.stringify({ steps, totalMs, cpuSteps, baselineRssBytes, modelSize }));
