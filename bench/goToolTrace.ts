import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { goBinary, hasGo, startProcess, waitForHttp } from './processes';

/** A free loopback port, by asking the OS for one. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The cmd/trace binary itself (`go tool -n trace` builds it if needed and prints its path), so
 * the measurement is not the go command's start-up or a build.
 */
function traceToolBinary(): string {
  if (!hasGo()) throw new Error('go is not installed');
  const found = spawnSync(goBinary, ['tool', '-n', 'trace'], { encoding: 'utf8' });
  if (found.status !== 0) throw new Error(`go tool -n trace failed: ${found.stderr}`);
  return found.stdout.trim();
}

/** Times `go tool trace` runs, per trace file, shared by the trace and views benchmarks. */
const measured = new Map<string, number[]>();

/**
 * On the 110 MiB trace `go tool trace` takes minutes (several times our own runs), so it is
 * run once per benchmark run and shared: its row shows N=1.
 */
const runs = 1;

/**
 * Wall time from starting `go tool trace -http=127.0.0.1:<port> <file>` until its first page
 * answers 200 (it parses the whole trace first); the server is then stopped.
 */
export async function goToolTraceFirstPage(file: string): Promise<number[]> {
  const known = measured.get(file);
  if (known) return known;
  const binary = traceToolBinary();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const port = await freePort();
    const start = performance.now();
    // BROWSER=none: it must not try to open a browser on the machine.
    const server = startProcess(binary, [`-http=127.0.0.1:${port}`, file], {
      ...process.env,
      BROWSER: 'none',
    });
    try {
      times.push(
        await waitForHttp(
          `http://127.0.0.1:${port}/`,
          start,
          15 * 60_000,
          () => server.child.exitCode === null,
        ),
      );
    } finally {
      await server.stop();
    }
  }
  measured.set(file, times);
  return times;
}
