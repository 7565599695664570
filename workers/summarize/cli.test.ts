import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Runs the CLI as a user would, through tsx, and returns what it printed. */
function summarize(...args: string[]) {
  const run = spawnSync('node_modules/.bin/tsx', ['workers/summarize/cli.ts', ...args], {
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('summarize CLI', () => {
  it('prints exactly one JSON object with the common fields', () => {
    const { status, stdout } = summarize('public/samples/trace.out.gz', '--json');
    expect(status).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({
      format: 'trace',
      bytes: statSync('public/samples/trace.out.gz').size,
      gzip: true,
      traceVersion: '1.26',
    });
  });

  it.each([
    ['cpu.pprof', 'pprof', true],
    ['gctrace.log', 'gctrace', false],
    ['goroutines.debug2.txt', 'goroutines', false],
    ['heap.debug1.txt', 'heap-text', false],
  ])('names %s as %s', (name, format, gzip) => {
    const { status, stdout } = summarize(`public/samples/${name}`, '--json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      format,
      gzip,
      bytes: statSync(`public/samples/${name}`).size,
    });
  });

  it('exits non-zero on unknown input with the UI message on stderr and nothing on stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gopherlens-'));
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'just some notes\n');
    const { status, stdout, stderr } = summarize(file, '--json');
    expect(status).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /Unrecognised input at byte 0: expected one of: pprof profile .* found text whose first line is "just some notes"/,
    );
  });

  it('prints only the JSON object through `npm run summarize`, with no npm banner', () => {
    const run = spawnSync(
      'npm',
      ['run', 'summarize', '--', 'public/samples/gctrace.log', '--json'],
      {
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ format: 'gctrace' });
  });

  it('reports a cut gzip file as truncated', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gopherlens-'));
    const file = join(dir, 'cut.gz');
    const bytes = readFileSync('public/samples/trace.out.gz');
    writeFileSync(file, bytes.subarray(0, 1000));
    const { status, stderr } = summarize(file);
    expect(status).toBe(1);
    expect(stderr).toMatch(/gzip stream .*truncated/);
  });
});
