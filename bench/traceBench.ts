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
/** The targets: ours against Go's reader, and our peak memory against the file. */
const goReaderTarget = 0.5;
const fileSizeTarget = 3;

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
        goReaderTarget,
      ),
    );
  }
  if (goToolTrace.length > 0) {
    rows.push(row('go tool trace: first page', goToolTrace));
    ratios.push(
      ratio('ours vs go tool trace', median(ours.map((r) => r.totalMs)), median(goToolTrace), 0.1),
    );
  }
  ratios.push(ratio('peak RSS vs file size', median(oursRss) * mib, fileBytes, fileSizeTarget));
  // The machine's price for fresh memory, which the model's size pays: it explains much of
  // the gap to a reader that keeps nothing, and differs a lot between machines.
  const perMiB = (step: string) => probes.map((p) => p.cpuSteps[step] / probeMiB);
  const firstWriteMsPerMiB = median(perMiB('first write'));
  rows.push(row('machine: first write of fresh memory', perMiB('first write'), 'ms/MiB'));
  rows.push(row('machine: writing it again', perMiB('second write'), 'ms/MiB'));
  rows.push(
    ...modelFloorRows(ours, {
      firstWriteMsPerMiB,
      goReaderMs: go.length > 0 ? median(go.map((r) => r.wallMs)) : NaN,
      nodeBaselineBytes: median(ours.map((r) => r.baselineRssBytes)),
      fileBytes,
    }),
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

/**
 * What any model keeping every event in typed-array columns pays on this machine, whatever its
 * decoder and analyses: the columns at the narrowest width this trace's values allow, written
 * once at the machine's price for fresh memory, and held beside Node's own baseline. Each is
 * also given as a share of what the target allows for the whole parse and every analysis.
 */
function modelFloorRows(
  ours: NodeRun[],
  machine: {
    firstWriteMsPerMiB: number;
    goReaderMs: number;
    nodeBaselineBytes: number;
    fileBytes: number;
  },
): Row[] {
  const size = ours[0].modelSize;
  if (!size) return [];
  const writeMs = machine.firstWriteMsPerMiB * (size.narrowest / mib);
  const heldBytes = machine.nodeBaselineBytes + size.narrowest;
  return [
    row('model: event columns as stored', [size.bytes / mib], 'MiB'),
    row('model: bytes per event as stored', [size.bytes / size.events], 'B'),
    row('floor: bytes per event, narrowest columns', [size.narrowest / size.events], 'B'),
    row('floor: first write of those columns', [writeMs]),
    row(
      'floor: … share of the Go-reader target',
      [(100 * writeMs) / (goReaderTarget * machine.goReaderMs)],
      '%',
    ),
    row('floor: Node baseline + those columns', [heldBytes / mib], 'MiB'),
    row(
      'floor: … share of the memory target',
      [(100 * heldBytes) / (fileSizeTarget * machine.fileBytes)],
      '%',
    ),
  ];
}
