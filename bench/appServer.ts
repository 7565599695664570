import { spawnSync } from 'node:child_process';
import { startProcess, waitForHttp, type Started } from './processes';

/** The production build, served by `vite preview` on loopback, as a user would get it. */
const port = 4180;
export const appUrl = `http://127.0.0.1:${port}`;

let server: Started | undefined;

/** Builds the app once and starts `vite preview`; later calls reuse the running server. */
export async function startApp(): Promise<string> {
  if (server) return appUrl;
  const build = spawnSync('npx', ['vite', 'build'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`vite build failed: ${build.stderr}`);
  const started = startProcess('npx', [
    'vite',
    'preview',
    '--port',
    String(port),
    '--strictPort',
    '--host',
    '127.0.0.1',
  ]);
  server = started;
  await waitForHttp(appUrl, performance.now(), 60_000, () => started.child.exitCode === null);
  return appUrl;
}

export async function stopApp(): Promise<void> {
  await server?.stop();
  server = undefined;
}
