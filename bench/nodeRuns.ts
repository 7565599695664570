import { timedRun } from './processes';

export interface NodeRun {
  /** Milliseconds per step, as bench/nodeWork.ts measured them inside the process. */
  steps: Record<string, number>;
  /** Sum of the steps except reading the file. */
  totalMs: number;
  /** Wall time of the whole Node process, start-up included. */
  wallMs: number;
  maxRssBytes: number | undefined;
  baselineRssBytes: number;
}

/** Runs bench/nodeWork.ts once in a fresh Node process. */
export function nodeRun(task: string, file: string): NodeRun {
  const run = timedRun(process.execPath, ['--import', 'tsx', 'bench/nodeWork.ts', task, file]);
  const parsed = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}');
  return { ...parsed, wallMs: run.wallMs, maxRssBytes: run.maxRssBytes };
}

/** The values of one step across runs. */
export function stepSamples(runs: NodeRun[], name: string): number[] {
  return runs.map((r) => r.steps[name]).filter((v) => v !== undefined);
}
