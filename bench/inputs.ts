import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { goBinary, hasGo, timedRun } from './processes';

const dataDir = 'bench/data';

/** The largest bundled sample (what `?sample=<name>` opens), by file size. */
export function largestSample(): { name: string; bytes: number } {
  const dir = 'public/samples';
  const files = readdirSync(dir)
    .filter((name) => name !== 'manifest.json')
    .map((name) => ({ name, bytes: statSync(path.join(dir, name)).size }));
  if (files.length === 0) throw new Error('public/samples holds no samples (npm run samples)');
  return files.reduce((a, b) => (b.bytes > a.bytes ? b : a));
}

/**
 * A generated input in bench/data, written by a Go program under tools/ when missing (or when
 * smaller than it must be). Throws a plain reason when Go is not installed.
 */
function generated(file: string, minBytes: number, program: string, args: string[]): string {
  const out = path.join(dataDir, file);
  if (existsSync(out) && statSync(out).size >= minBytes) return out;
  if (!hasGo()) throw new Error(`${out} is missing and go is not installed to generate it`);
  if (!existsSync(path.join('tools', program))) throw new Error(`tools/${program} does not exist`);
  console.log(`  generating ${out} with tools/${program} …`);
  timedRun(goBinary, ['-C', 'tools', 'run', `./${program}`, '-out', path.resolve(out), ...args]);
  return out;
}

/** bench/data/big.heap.pprof: ≥ 500,000 samples over ≥ 100,000 stacks (tools/bigprofile). */
export function bigHeapProfile(): string {
  return generated('big.heap.pprof', 1 << 20, 'bigprofile', []);
}

/** bench/data/big.trace: a Go 1.26 execution trace of ≥ 100 MB (tools/bigtrace). */
export function bigTrace(): string {
  return generated('big.trace', 100_000_000, 'bigtrace', ['-mb', '110']);
}

/** A Go program under tools/ built into bench/data (cached by go), so runs don't time the compiler. */
export function builtTool(program: string): string {
  const out = path.resolve(dataDir, program);
  if (!hasGo()) throw new Error(`go is not installed to build tools/${program}`);
  timedRun(goBinary, ['-C', 'tools', 'build', '-o', out, `./${program}`]);
  return out;
}
