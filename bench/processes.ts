import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `go` from PATH, else the standard install location. */
export const goBinary = existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : 'go';

export function hasGo(): boolean {
  return spawnSync(goBinary, ['version']).status === 0;
}

const gnuTime = '/usr/bin/time';

export interface TimedRun {
  wallMs: number;
  /** Peak resident set size of the process, when GNU time is installed. */
  maxRssBytes: number | undefined;
  stdout: string;
}

/**
 * Runs a command to completion and measures its wall time and, through GNU time, its peak
 * resident memory. Throws with the command's stderr if it fails.
 */
export function timedRun(command: string, args: string[], env?: NodeJS.ProcessEnv): TimedRun {
  const useTime = existsSync(gnuTime);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const rssFile = path.join(dir, 'rss');
  const [cmd, argv] = useTime
    ? [gnuTime, ['-f', '%M', '-o', rssFile, command, ...args]]
    : [command, args];
  const start = performance.now();
  const result = spawnSync(cmd, argv, {
    encoding: 'utf8',
    env: env ?? process.env,
    maxBuffer: 64 << 20,
  });
  const wallMs = performance.now() - start;
  try {
    if (result.status !== 0) {
      throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.error}`);
    }
    const maxRssBytes = useTime ? Number(readFileSync(rssFile, 'utf8').trim()) * 1024 : undefined;
    return { wallMs, maxRssBytes, stdout: result.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A long-running process the benchmark started; stop() ends its whole process group. */
export interface Started {
  child: ChildProcess;
  stop(): Promise<void>;
}

export function startProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Started {
  const child = spawn(command, args, { detached: true, stdio: 'ignore', env });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    async stop() {
      if (child.exitCode !== null || child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000));
      await Promise.race([exited, timeout]);
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
  };
}

/** Polls a URL until it answers 200; resolves with the time that took, from `since`. */
export async function waitForHttp(
  url: string,
  since: number,
  timeoutMs: number,
  alive: () => boolean = () => true,
): Promise<number> {
  while (performance.now() - since < timeoutMs) {
    if (!alive()) throw new Error(`the server for ${url} exited before answering`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}
