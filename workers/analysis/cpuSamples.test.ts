import { describe, expect, it } from 'vitest';
import { cpuSampleFlame, cpuSamples } from './cpuSamples';
import { TraceModelBuilder } from './testing/modelBuilder';

describe('cpuSamples', () => {
  const b = new TraceModelBuilder();
  const hash = b.stack(['crypto/sha256.block', 'main.hash', 'main.main']);
  const sort = b.stack(['sort.Ints', 'main.main']);
  const model = b
    .sync(0)
    .stackSample(10, { g: 1, p: 0, m: 3, stack: hash })
    .stackSample(20, { g: 4, p: 1, m: 5, stack: sort })
    .stackSample(30, { g: 1, p: 0, m: 3, stack: hash })
    .sync(40)
    .build();

  it('lists samples with time, P, G, M and stack', () => {
    const s = cpuSamples(model, { from: 15 });
    expect([...s.time, ...s.p, ...s.g, ...s.m]).toEqual([20, 30, 1, 0, 4, 1, 5, 3]);
    expect([...s.stack]).toEqual([sort, hash]);
  });

  it('counts samples per call path in a flame graph', () => {
    const tree = cpuSampleFlame(model);
    const label = [...tree.nameIndex].map((n) => tree.names[n]);
    expect(label).toEqual(['root', 'main.main', 'main.hash', 'crypto/sha256.block', 'sort.Ints']);
    expect([...tree.total]).toEqual([3, 3, 2, 2, 1]);
  });
});
