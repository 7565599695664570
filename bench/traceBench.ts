import { statSync } from 'node:fs';
import path from 'node:path';
import { goToolTraceFirstPage } from './goToolTrace';
import { bigTrace, builtTool } from './inputs';
import { nodeRun, stepSamples, type NodeRun } from './nodeRuns';
import type { BenchOptions } from './options';
import { hasGo, timedRun, type TimedRun } from './processes';
import { writeResults } from './results';
import { median, printSkipped, printTable, ratio, row, type Ratio, type Row } from './stats';

const mib = 1 << 20;

/**
 * The trace benchmark on bench/data/big.trace: our parse and analyses in Node against Go's
 * own reader (tools/traceoracle -events, golang.org/x/exp/trace) and `go tool trace`'s time
 * to its first page; peak memory of ours and of Go's reader.
 */
export async function traceBench(options: BenchOptions): Promise<void> {
  const file = path.resolve(bigTrace());
  const fileBytes = statSync(file).size;
  const runs = options.traceRuns;
  const rows: Row[] = [];
  const ratios: Ratio[] = [];
  const skipped: Record<string, string> = {};

  // --ours-only is for iterating on our side: no peers, and (as in the views benchmark) no
  // results file, so the committed comparison is only replaced by a full run.
  const oracle = options.oursOnly || !hasGo() ? undefined : builtTool('traceoracle');
  if (!oracle) skipped['Go reader'] = options.oursOnly ? '--ours-only' : 'go is not installed';
  const ours: NodeRun[] = [];
  const go: TimedRun[] = [];
  // The machine's price for fresh memory is probed beside each run: it moves with the load.
  const probeMiB = 256;
  const probes: NodeRun[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(await nodeRun('trace', file));
    probes.push(await nodeRun('fresh-memory', String(probeMiB)));
    if (oracle) go.push(timedRun(oracle, ['-events', file]));
  }
  let goToolTrace: number[] = [];
  if (options.oursOnly) {
    skipped['go tool trace'] = '--ours-only';
  } else {
    try {
      goToolTrace = await goToolTraceFirstPage(file);
    } catch (err) {
      skipped['go tool trace'] = (err as Error).message.split('\n')[0];
    }
  }

  const analysisSteps = Object.keys(ours[0].steps).filter((s) => s !== 'read' && s !== 'parse');
  const analysesMs = ours.map((r) => analysisSteps.reduce((sum, s) => sum + r.steps[s], 0));
  rows.push(row('ours: parseTrace', stepSamples(ours, 'parse')));
  rows.push(row('ours: summary + view queries', analysesMs));
  rows.push(
    row(
      'ours: total (in process)',
      ours.map((r) => r.totalMs),
    ),
  );
  rows.push(
    row(
      'ours: Node process wall',
      ours.map((r) => r.wallMs),
    ),
  );
  const oursRss = ours.map((r) => (r.maxRssBytes ?? NaN) / mib);
  rows.push(row('ours: peak RSS', oursRss, 'MiB'));
  rows.push(
    row(
      'ours: peak RSS − Node baseline',
      ours.map((r) => ((r.maxRssBytes ?? NaN) - r.baselineRssBytes) / mib),
      'MiB',
    ),
  );
  if (go.length > 0) {
    rows.push(
      row(
        'Go x/exp/trace read (wall)',
        go.map((r) => r.wallMs),
      ),
    );
    rows.push(
      row(
        'Go x/exp/trace peak RSS',
        go.map((r) => (r.maxRssBytes ?? NaN) / mib),
        'MiB',
      ),
    );
    ratios.push(
      ratio(
        'ours vs Go reader',
        median(ours.map((r) => r.totalMs)),
        median(go.map((r) => r.wallMs)),
        0.5,
      ),
    );
  }
  if (goToolTrace.length > 0) {
    rows.push(row('go tool trace: first page', goToolTrace));
    ratios.push(
      ratio('ours vs go tool trace', median(ours.map((r) => r.totalMs)), median(goToolTrace), 0.1),
    );
  }
  ratios.push(ratio('peak RSS vs file size', median(oursRss) * mib, fileBytes, 3));
  // The machine's price for fresh memory, which the model's size pays: it explains much of
  // the gap to a reader that keeps nothing, and differs a lot between machines.
  const perMiB = (step: string) => probes.map((p) => p.cpuSteps[step] / probeMiB);
  const firstWriteMsPerMiB = median(perMiB('first write'));
  rows.push(row('machine: first write of fresh memory', perMiB('first write'), 'ms/MiB'));
  rows.push(row('machine: writing it again', perMiB('second write'), 'ms/MiB'));
  rows.push(...modelFloorRows(ours, firstWriteMsPerMiB));
  if (go.length > 0) {
    ratios.push(
      ratio(
        'floor vs Go reader: writing the columns',
        firstWriteMsPerMiB * narrowestMiB(ours),
        median(go.map((r) => r.wallMs)),
        0.5,
      ),
    );
  }
  ratios.push(
    ratio(
      'floor vs file size: Node + the columns',
      median(ours.map((r) => r.baselineRssBytes)) + narrowestMiB(ours) * mib,
      fileBytes,
      3,
    ),
  );
  // The slowest analyses, so their owners see where the time goes.
  const slowest = analysisSteps
    .map((s) => row(`  of which ${s}`, stepSamples(ours, s)))
    .sort((a, b) => b.median - a.median)
    .slice(0, 5);
  rows.push(...slowest);

  printTable(
    `trace: ${path.basename(file)} (${(fileBytes / mib).toFixed(0)} MiB)`,
    runs,
    rows,
    ratios,
  );
  for (const [what, why] of Object.entries(skipped)) printSkipped(what, why);
  if (options.oursOnly) {
    console.log('  results not written: --ours-only runs leave bench/results/trace.json alone');
    return;
  }
  writeResults('trace', {
    file: path.basename(file),
    fileBytes,
    runs,
    rows,
    ratios,
    skipped,
    raw: { ours, go, goToolTraceFirstPageMs: goToolTrace },
  });
}

/** MiB of the model's event columns at their narrowest (the same in every run). */
function narrowestMiB(ours: NodeRun[]): number {
  return (ours[0].modelSize?.narrowest ?? NaN) / mib;
}

/**
 * What any model keeping every event in typed-array columns pays on this machine, whatever its
 * decoder and analyses: the columns at the narrowest width this trace's values allow, written
 * once at the machine's price for fresh memory. The floor rows and ratios set it against the
 * targets.
 */
function modelFloorRows(ours: NodeRun[], firstWriteMsPerMiB: number): Row[] {
  const size = ours[0].modelSize;
  if (!size) return [];
  return [
    row('model: event columns as stored', [size.bytes / mib], 'MiB'),
    row('model: bytes per event as stored', [size.bytes / size.events], 'B'),
    row('floor: bytes per event, narrowest columns', [size.narrowest / size.events], 'B'),
    row('floor: first write of those columns', [firstWriteMsPerMiB * narrowestMiB(ours)]),
  ];
}
