import { build } from 'vite';
import { timedRun } from './processes';

export interface NodeRun {
  /** Milliseconds per step, as bench/nodeWork.ts measured them inside the process. */
  steps: Record<string, number>;
  /** CPU milliseconds (user + system) per step: on a busy machine they vary less. */
  cpuSteps: Record<string, number>;
  /** Sum of the steps except reading the file. */
  totalMs: number;
  /** Wall time of the whole Node process, start-up included. */
  wallMs: number;
  maxRssBytes: number | undefined;
  baselineRssBytes: number;
  /** Trace runs: the model's event columns as stored, and at their narrowest (nodeWork.ts). */
  modelSize?: { events: number; bytes: number; narrowest: number };
}

/** Where bench/nodeWork.ts is bundled to, next to the other generated inputs. */
const bundledNodeWork = 'bench/data/build/nodeWork.js';

let bundled: Promise<unknown> | undefined;

/**
 * Bundles bench/nodeWork.ts with the app's own bundler, once per benchmark run, so Node runs the
 * decoders as the browser gets them: one module with its imports resolved. Run through tsx
 * instead, every use of an imported binding is a getter call and the loader's compiler takes
 * memory, which the app never pays.
 */
function bundleNodeWork(): Promise<unknown> {
  bundled ??= build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    build: {
      ssr: 'bench/nodeWork.ts',
      outDir: 'bench/data/build',
      emptyOutDir: true,
      target: 'es2022',
    },
  });
  return bundled;
}

/** Runs the bundled bench/nodeWork.ts (see bundleNodeWork) once in a fresh Node process. */
export async function nodeRun(task: string, file: string): Promise<NodeRun> {
  await bundleNodeWork();
  const run = timedRun(process.execPath, [bundledNodeWork, task, file]);
  const parsed = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}');
  return { ...parsed, wallMs: run.wallMs, maxRssBytes: run.maxRssBytes };
}

/** The values of one step across runs. */
export function stepSamples(runs: NodeRun[], name: string): number[] {
  return runs.map((r) => r.steps[name]).filter((v) => v !== undefined);
}
