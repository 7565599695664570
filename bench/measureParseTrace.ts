import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { noProgress } from '../workers/progress';
import { eventTime } from '../workers/trace/eventTimes';
import type { TraceModel } from '../workers/trace/model';
import { parseTrace } from '../workers/trace/parseTrace';

/**
 * Times parseTrace against Go's reader on one trace, each run in a fresh process:
 *
 *   npx tsx bench/measureParseTrace.ts <trace> [--runs 5] [--oracle /tmp/traceoracle]
 *
 * prints, per side, the median wall and CPU time, the largest peak RSS and the median count of
 * page faults. The oracle is tools/traceoracle built with
 * `cd tools && go build -o /tmp/traceoracle ./traceoracle`.
 * `--fingerprint` parses once and prints a hash of every model column instead (values, not
 * array types), to check that a change to the parser leaves its output alone.
 */
const args = process.argv.slice(2);
const file = args[0];
const option = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};

if (!file) {
  console.error('usage: measureParseTrace.ts <trace> [--runs N] [--oracle path] [--fingerprint]');
  process.exit(2);
} else if (args.includes('--child')) {
  const bytes = readFileSync(file);
  const start = process.cpuUsage();
  const model = parseTrace(bytes, { progress: noProgress });
  const used = process.cpuUsage(start);
  console.log(JSON.stringify({ parseCpuS: (used.user + used.system) / 1e6, events: model.count }));
} else if (args.includes('--fingerprint')) {
  const model = parseTrace(readFileSync(file), { progress: noProgress });
  console.log(JSON.stringify(fingerprint(model), null, 1));
} else {
  const runs = Number(option('--runs', '5'));
  const oracle = option('--oracle', '/tmp/traceoracle');
  const self = fileURLToPath(import.meta.url);
  const ours: Run[] = [];
  const go: Run[] = [];
  for (let r = 0; r < runs; r++) {
    ours.push(timed(['node', '--import', 'tsx', self, file, '--child']));
    go.push(timed([oracle, '-events', file]));
  }
  const size = readFileSync(file).length;
  const report = (name: string, list: Run[]) => {
    const seconds = (pick: (r: Run) => number) => `${median(list.map(pick)).toFixed(2)}s`;
    const parse =
      list[0].parseCpuS === undefined ? '' : `, parse CPU ${seconds((r) => r.parseCpuS!)}`;
    const rss = Math.max(...list.map((r) => r.maxRssMB));
    const faults = median(list.map((r) => r.minorFaults));
    console.log(
      `${name}: wall ${seconds((r) => r.wallS)}, CPU ${seconds((r) => r.cpuS)}${parse}, ` +
        `peak RSS ${rss.toFixed(0)} MB (${(rss / (size / 2 ** 20)).toFixed(2)}x file), ` +
        `${(faults / 1000).toFixed(0)}k page faults; ` +
        `CPU per run ${list.map((r) => r.cpuS.toFixed(2)).join(' ')}`,
    );
  };
  console.log(`${file}: ${(size / 2 ** 20).toFixed(1)} MB, median of ${runs} fresh processes`);
  report('parseTrace', ours);
  report('Go x/exp/trace', go);
}

/** Whole-process wall and CPU (user + system) seconds; CPU is steadier on a busy machine. */
interface Run {
  wallS: number;
  cpuS: number;
  maxRssMB: number;
  /**
   * Minor page faults: each first touch of a 4 KiB page of fresh memory. Unlike times they do
   * not depend on how busy the machine is, and on a virtual machine each one costs several
   * microseconds, so they show how much of the CPU time is the model's size.
   */
  minorFaults: number;
  /** Our child only: CPU seconds inside parseTrace (no startup, no file read). */
  parseCpuS?: number;
}

/** Runs a command under /usr/bin/time for its wall time, CPU time, peak RSS and page faults. */
function timed(command: string[]): Run {
  const out = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M %R', ...command], {
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`${command.join(' ')} failed: ${out.stderr}`);
  const [wallS, user, system, rssKB, minorFaults] = out.stderr
    .trim()
    .split('\n')
    .pop()!
    .split(' ')
    .map(Number);
  const line = out.stdout.trim();
  const parseCpuS = line.startsWith('{')
    ? (JSON.parse(line) as { parseCpuS: number }).parseCpuS
    : undefined;
  return { wallS, cpuS: user + system, maxRssMB: rssKB / 1024, minorFaults, parseCpuS };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/**
 * A hash per column, over the values as float64, so narrowing a column keeps its hash. Event
 * times are hashed as times, whatever columns hold them.
 */
function fingerprint(model: TraceModel): Record<string, unknown> {
  const { timeBase, timeOffset, kind, g, procThread, procThreads, ...columns } = model;
  const times = Float64Array.from(timeOffset, (_, i) => eventTime({ timeBase, timeOffset }, i));
  // P and M as values per event, whatever the storage.
  const p = Int32Array.from(procThread, (pair) => procThreads.p[pair]);
  const m = Int32Array.from(procThread, (pair) => procThreads.m[pair]);
  const out: Record<string, unknown> = { count: model.count, version: model.version };
  const walk = (prefix: string, value: unknown) => {
    if (ArrayBuffer.isView(value)) {
      const a = value as unknown as ArrayLike<number>;
      out[prefix] = createHash('sha256').update(Float64Array.from(a)).digest('hex').slice(0, 16);
    } else if (Array.isArray(value)) {
      out[prefix] = createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}.${k}` : k, v);
    } else {
      out[prefix] = value;
    }
  };
  walk('', { time: times, kind, g, p, m, ...columns });
  return out;
}
