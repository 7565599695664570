import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FileEngine } from './fileEngine';

const sample = readFileSync('public/samples/trace.out.gz');

function freshBuffer(): ArrayBuffer {
  return sample.buffer.slice(sample.byteOffset, sample.byteOffset + sample.byteLength);
}

describe('FileEngine', () => {
  it('reads a Blob itself and leaves the summary until asked', async () => {
    const engine = new FileEngine();
    const opened = await engine.open(new Blob([freshBuffer()]), () => {});
    expect(opened.ok && opened.file.format).toBe('trace');
    expect(opened.ok && 'summary' in opened.file).toBe(false);
    const summary = engine.summary();
    expect(summary.ok && (summary.value as { format: string }).format).toBe('trace');
  });

  it('answers a paint query before normal ones that arrived earlier', async () => {
    const engine = new FileEngine();
    await engine.open(freshBuffer(), () => {});
    const order: string[] = [];
    const ask = (name: string, priority: 'paint' | 'normal') =>
      engine.query(name, {}, priority).then((r) => {
        expect(r.ok).toBe(true);
        order.push(name);
      });
    await Promise.all([
      ask('stwPauses', 'normal'),
      ask('gcCycles', 'normal'),
      ask('procs', 'paint'),
      ask('overview', 'normal'),
    ]);
    expect(order).toEqual(['procs', 'stwPauses', 'gcCycles', 'overview']);
  });

  it('reports a query the format does not have', async () => {
    const engine = new FileEngine();
    await engine.open(freshBuffer(), () => {});
    const result = await engine.query('noSuchQuery', {});
    expect(result.ok).toBe(false);
  });
});
