/**
 * `npm run bench [-- --only load|pprof|trace|views] [--quick] [--ours-only]`: measures Gopherlens against
 * its peers on the same files in the same run, prints a table per benchmark and writes
 * bench/results/<name>.json. Nothing here asserts a time: see bench/README.md.
 */
import { stopApp } from './appServer';
import { closeBrowser } from './browserSession';
import { loadBench } from './loadBench';
import type { BenchOptions } from './options';
import { pprofBench } from './pprofBench';
import { printSkipped } from './stats';
import { traceBench } from './traceBench';
import { viewsBench } from './viewsBench';

const benches: Record<string, (options: BenchOptions) => Promise<void>> = {
  load: loadBench,
  pprof: pprofBench,
  trace: traceBench,
  views: viewsBench,
};

function parseArgs(argv: string[]): { only: string[]; options: BenchOptions } {
  const only: string[] = [];
  let quick = false;
  let oursOnly = false;
  let runs: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') quick = true;
    else if (arg === '--ours-only') oursOnly = true;
    else if (arg === '--only') only.push(...argv[++i].split(/[|,]/));
    else if (arg.startsWith('--only=')) only.push(...arg.slice(7).split(/[|,]/));
    else if (arg === '--runs') runs = Number(argv[++i]);
    else
      throw new Error(
        `unknown argument ${arg}; use --only <${Object.keys(benches).join('|')}>, --quick, --runs <n>, --ours-only`,
      );
  }
  for (const name of only) {
    if (!(name in benches)) throw new Error(`no benchmark named ${name}`);
  }
  return {
    only,
    options: {
      quick,
      oursOnly,
      runs: runs ?? (quick ? 1 : 3),
      traceRuns: runs ?? (quick ? 1 : 2),
    },
  };
}

async function main(): Promise<void> {
  const { only, options } = parseArgs(process.argv.slice(2));
  const names = only.length > 0 ? only : Object.keys(benches);
  const started = performance.now();
  try {
    for (const name of names) {
      console.log(`\n== ${name} ==`);
      try {
        await benches[name](options);
      } catch (err) {
        printSkipped(name, (err as Error).message.split('\n')[0]);
      }
    }
  } finally {
    await closeBrowser();
    await stopApp();
  }
  console.log(`\nbench finished in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

await main();
