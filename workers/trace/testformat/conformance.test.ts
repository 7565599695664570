import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../decodeError';
import { noProgress } from '../../progress';
import { parseTrace } from '../parseTrace';
import { readTestCase, textTraceToBinary } from './textTrace';

// Go's own reader test cases (golang/exp trace/testdata/tests, a copy of golang/go
// src/internal/trace/testdata/tests): each names the outcome Go's reader must reach.
const corpus = join(__dirname, '../../../../shared/corpus');
const goTests = join(corpus, 'golang__exp/trace/testdata/tests');
const cmdTraceTest = join(corpus, 'go-asm__assembler/cmd/trace/v2/testdata/go122.test');
const hasCorpus = existsSync(goTests);
if (!hasCorpus) console.warn(`Skipping Go's trace reader cases: ${goTests} is missing`);

/**
 * What the parser reports about a trace Go's reader rejects: the one warning of a partial
 * model, or the error when no generation before the fault was complete.
 */
function damageReport(bytes: Uint8Array): string {
  try {
    const { warnings } = parseTrace(bytes, { progress: noProgress });
    expect(warnings).toHaveLength(1);
    return warnings[0];
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err;
    return err.message;
  }
}

describe.skipIf(!hasCorpus)("Go's trace reader test cases", () => {
  const files = hasCorpus ? readdirSync(goTests).filter((f) => f.endsWith('.test')) : [];
  it('finds the cases', () => expect(files.length).toBeGreaterThanOrEqual(20));

  for (const file of files) {
    it(file, () => {
      const { failure, trace } = readTestCase(readFileSync(join(goTests, file), 'utf8'));
      const bytes = textTraceToBinary(trace);
      if (failure) {
        expect(damageReport(bytes)).toMatch(failure);
      } else {
        expect(parseTrace(bytes, { progress: noProgress }).warnings).toEqual([]);
      }
    });
  }

  // The go-asm mirror renamed Go's "internal/" packages to "github.com/go-asm/go/" inside the
  // string data, which makes those strings longer than their batch's declared size: as
  // mirrored, the string table overflows its batch, which Go's reader rejects too.
  const mirrorRename = /github\.com\/go-asm\/go\//g;

  it('go122.test from cmd/trace as mirrored: its string batch overflows', () => {
    const { trace } = readTestCase(readFileSync(cmdTraceTest, 'utf8'));
    expect(damageReport(textTraceToBinary(trace))).toMatch(/failed to read full string/);
  });

  it('go122.test from cmd/trace (a real Go 1.22 run) reads without error once un-renamed', () => {
    const { trace } = readTestCase(readFileSync(cmdTraceTest, 'utf8'));
    const original = trace.replace(mirrorRename, 'internal/');
    const model = parseTrace(textTraceToBinary(original), { progress: noProgress });
    expect(model.warnings).toEqual([]);
    expect(model.version).toBe('1.22');
    expect(model.count).toBeGreaterThan(1000);
  });
});
