import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noProgress } from '../progress';
import { traceFormat } from './format';
import { fixtureNames, loadFixture, loadGolden } from './testdata/loadFixture';

/**
 * Compares `summarize` with the oracle's JSON: counts exactly, nanosecond figures within 1 µs
 * (tick conversion may round differently), recursively over the golden's fields.
 */
function expectMatchesGolden(got: unknown, want: unknown, path = ''): void {
  if (typeof want === 'number') {
    expect(typeof got, path).toBe('number');
    if (/Ns$/.test(path)) expect(Math.abs((got as number) - want), path).toBeLessThanOrEqual(1000);
    else expect(got, path).toBe(want);
  } else if (want && typeof want === 'object') {
    expect(Object.keys(got as object).sort(), path).toEqual(
      expect.arrayContaining(Object.keys(want).filter((k) => k !== 'error')),
    );
    for (const [k, v] of Object.entries(want)) {
      if (k !== 'error')
        expectMatchesGolden((got as Record<string, unknown>)[k], v, `${path}.${k}`);
    }
  } else {
    expect(got, path).toEqual(want);
  }
}

describe('traceFormat.summarize against x/exp/trace goldens', () => {
  for (const name of fixtureNames) {
    it(name, () => {
      const model = traceFormat.decode(loadFixture(name), { progress: noProgress });
      expectMatchesGolden(traceFormat.summarize(model), loadGolden(name));
    });
  }
});

const hasGo = (() => {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasGo) console.warn('Skipping the fresh-trace comparison: `go` is not installed');

describe('a trace made now by the local Go', () => {
  it.skipIf(!hasGo)(
    'reads like x/exp/trace reads it',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'gopherlens-trace-'));
      const tools = join(__dirname, '../../tools');
      try {
        const tracePath = join(dir, 'fresh.trace');
        execFileSync(
          'go',
          ['run', './tracefixtures/gcload', '-o', tracePath, '-d', '200ms', '-gc', '2'],
          {
            cwd: tools,
            stdio: 'ignore',
          },
        );
        const golden = JSON.parse(
          execFileSync('go', ['run', './traceoracle', tracePath], { cwd: tools, encoding: 'utf8' }),
        );
        const model = traceFormat.decode(new Uint8Array(readFileSync(tracePath)), {
          progress: noProgress,
        });
        expectMatchesGolden(traceFormat.summarize(model), golden);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
