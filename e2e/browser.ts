import { existsSync } from 'node:fs';

/**
 * The one place that picks the browser for e2e tests and benchmarks: $GOPHERLENS_CHROMIUM, then
 * Debian's Chromium, then Playwright's own download (on a laptop that has one).
 */
const knownPaths = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.GOPHERLENS_CHROMIUM;
  if (fromEnv) return fromEnv;
  return knownPaths.find((path) => existsSync(path));
}

/** Flags that keep a headless Chromium quiet on a machine with no outside network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const chromiumLaunchOptions = {
  executablePath: chromiumExecutable(),
  args: chromiumArgs,
};
