import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Test access to the trace fixtures of this folder (made by tools/tracefixtures). */
export const fixtureNames = readdirSync(__dirname)
  .filter((f) => f.endsWith('.trace.gz'))
  .map((f) => f.replace('.trace.gz', ''));

export function loadFixture(name: string): Uint8Array {
  return new Uint8Array(gunzipSync(readFileSync(join(__dirname, `${name}.trace.gz`))));
}

/** The summary tools/traceoracle (x/exp/trace) printed for the fixture. */
export function loadGolden(name: string) {
  return JSON.parse(readFileSync(join(__dirname, `${name}.golden.json`), 'utf8'));
}
