import { describe, expect, it } from 'vitest';
import { blockingFlame, blockingProfile } from './blockingProfiles';
import { twoGoroutines } from './testing/twoGoroutines';

describe('blockingProfile', () => {
  const model = twoGoroutines().build();
  const byFunc = (profile: ReturnType<typeof blockingProfile>) =>
    [...profile.stack].map((stack, i) => {
      const from = model.stacks.stackOffsets[stack];
      const leaf = model.strings[model.stacks.funcName[model.stacks.stackFrames[from]]];
      return [leaf, profile.count[i], profile.value[i]];
    });

  it('sums channel waits by the stack that blocked', () => {
    expect(byFunc(blockingProfile(model, 'sync'))).toEqual([['runtime.chanrecv1', 1, 55]]);
    expect(byFunc(blockingProfile(model, 'network'))).toEqual([]);
  });

  it('sums syscall time by the syscall stack, cut to a window', () => {
    expect(byFunc(blockingProfile(model, 'syscall'))).toEqual([['syscall.read', 1, 30]]);
    expect(byFunc(blockingProfile(model, 'syscall', { from: 60 }))).toEqual([
      ['syscall.read', 1, 10],
    ]);
  });

  it('builds the flame graph root first', () => {
    const tree = blockingFlame(model, 'sync');
    expect([...tree.nameIndex].map((n) => tree.names[n])).toEqual([
      'root',
      'runtime.main',
      'main.main',
      'runtime.chanrecv1',
    ]);
    expect(tree.total[0]).toBe(55);
  });
});
