import { proxy, transfer, wrap, type Remote } from 'comlink';
import type { DecodeErrorInfo } from '../../workers/decodeError';
import type { FileEngine, OpenResult, QueryPriority } from '../../workers/engine/fileEngine';

/** One dedicated worker per open file: cancelling or closing a file terminates only its worker. */
interface FileWorker {
  worker: Worker;
  engine: Remote<FileEngine>;
  /** Rejects the pending open when the worker is terminated or dies. */
  abort: (reason: DecodeErrorInfo) => void;
}

const workers = new Map<string, FileWorker>();

export class QueryError extends Error {
  constructor(readonly info: DecodeErrorInfo) {
    super(info.message);
  }
}

/**
 * Hands the input to a new worker, which decodes it and keeps the model: bytes are transferred
 * (not copied), and a File is read by the worker itself, off the UI thread.
 */
export function openInWorker(
  id: string,
  input: ArrayBuffer | Blob,
  onProgress: (phase: string, fraction: number) => void,
  onDeath: (error: DecodeErrorInfo) => void,
): Promise<OpenResult> {
  closeWorker(id);
  const worker = spare ?? startWorker();
  spare = undefined;
  const engine = wrap<FileEngine>(worker);
  return new Promise<OpenResult>((resolve) => {
    const abort = (error: DecodeErrorInfo) => resolve({ ok: false, error });
    workers.set(id, { worker, engine, abort });
    // An uncaught error or running out of memory: the model is gone, so the file is closed.
    worker.addEventListener('error', (event) => {
      workers.delete(id);
      worker.terminate();
      const error = workerDied(event.message);
      abort(error);
      onDeath(error);
    });
    engine
      .open(input instanceof Blob ? input : transfer(input, [input]), proxy(onProgress))
      .then(resolve, (err: unknown) => abort(workerDied(String(err))))
      // Once this file's first views are drawn: a starting worker would compete with them.
      .finally(() => setTimeout(prepareWorker, spareDelayMs));
  });
}

/**
 * A worker started before the next file is chosen: starting one and evaluating its code takes a
 * few hundred milliseconds, which would otherwise come before any decoding.
 */
let spare: Worker | undefined;
const spareDelayMs = 3000;

function startWorker(): Worker {
  return new Worker(new URL('../../workers/engine/worker.ts', import.meta.url), {
    type: 'module',
    name: 'decode',
  });
}

/** Starts the spare worker, if there is none, once the page is idle. */
export function prepareWorker(): void {
  // Safari has no requestIdleCallback.
  const whenIdle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 0));
  whenIdle(() => {
    if (spare) return;
    const worker = startWorker();
    // A spare that fails before it is used is dropped; the next file starts its own.
    worker.addEventListener('error', () => {
      if (spare === worker) spare = undefined;
      worker.terminate();
    });
    spare = worker;
  });
}

export function cancelWorker(id: string): void {
  const entry = workers.get(id);
  closeWorker(id);
  entry?.abort({
    format: 'unknown',
    expected: 'the load to finish',
    found: 'it was cancelled',
    message: 'Loading cancelled.',
  });
}

export function closeWorker(id: string): void {
  workers.get(id)?.worker.terminate();
  workers.delete(id);
}

/** `paint` queries in flight, by file, name and arguments. */
const paintQueries = new Map<string, Promise<unknown>>();

/**
 * Asks the file's worker a query; `paint` ones are answered before others that wait. Paint
 * queries feed canvases that only read their answer, so identical ones in flight share it
 * (the minimap and the P lanes both start with the whole trace at the same width).
 */
export function queryFile<T>(
  id: string,
  name: string,
  args: unknown = {},
  priority: QueryPriority = 'normal',
): Promise<T> {
  if (priority !== 'paint') return askWorker<T>(id, name, args, priority);
  const key = `${id}\u0000${name}\u0000${JSON.stringify(args)}`;
  let answer = paintQueries.get(key);
  if (!answer) {
    answer = askWorker<T>(id, name, args, priority).finally(() => paintQueries.delete(key));
    paintQueries.set(key, answer);
  }
  return answer as Promise<T>;
}

async function askWorker<T>(
  id: string,
  name: string,
  args: unknown,
  priority: QueryPriority,
): Promise<T> {
  const entry = workers.get(id);
  if (!entry) throw new QueryError(workerDied('the file is no longer loaded'));
  const result = await entry.engine.query(name, args, priority);
  if (!result.ok) throw new QueryError(result.error);
  return result.value as T;
}

/** What `summarize --json` prints for the file, computed only when asked. */
export async function summarizeFile(id: string): Promise<Record<string, unknown>> {
  const entry = workers.get(id);
  if (!entry) throw new QueryError(workerDied('the file is no longer loaded'));
  const result = await entry.engine.summary();
  if (!result.ok) throw new QueryError(result.error);
  return result.value as Record<string, unknown>;
}

function workerDied(detail: string): DecodeErrorInfo {
  return {
    format: 'unknown',
    expected: 'the decoding worker to finish',
    found: `it stopped (${detail}), for example out of memory`,
    message: `The decoding worker stopped unexpectedly (${detail}). It may have run out of memory; the file was closed and the rest of the app still works.`,
  };
}
