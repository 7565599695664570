import { describe, expect, it } from 'vitest';
import { buildFlameTree, type StackSamples } from './flameTree';

function stacks(names: string[], list: Array<[number[], number]>): StackSamples {
  const frames: number[] = [];
  const offsets = [0];
  for (const [stack] of list) {
    frames.push(...stack);
    offsets.push(frames.length);
  }
  return {
    names,
    frames: Int32Array.from(frames),
    offsets: Int32Array.from(offsets),
    values: Float64Array.from(list.map(([, v]) => v)),
  };
}

describe('buildFlameTree', () => {
  const names = ['main', 'a', 'b'];
  const input = stacks(names, [
    [[0, 2], 3],
    [[0, 1], 5],
    [[0], 2],
    [[0, 1, 2], 1],
  ]);

  it('merges stacks into a preorder tree with children sorted by name', () => {
    const tree = buildFlameTree(input);
    const labels = [...tree.nameIndex].map((i) => tree.names[i]);
    expect(labels).toEqual(['root', 'main', 'a', 'b', 'b']);
    expect([...tree.depth]).toEqual([0, 1, 2, 3, 2]);
    expect([...tree.total]).toEqual([11, 11, 6, 1, 3]);
    expect([...tree.self]).toEqual([0, 2, 5, 1, 3]);
    expect([...tree.start]).toEqual([0, 0, 0, 0, 6]);
    expect([...tree.subtreeEnd]).toEqual([5, 5, 4, 4, 5]);
    expect(tree.maxDepth).toBe(3);
  });

  it('reads stacks leaf first when inverted', () => {
    const tree = buildFlameTree(input, true);
    const labels = [...tree.nameIndex].map((i) => tree.names[i]);
    expect(labels).toEqual(['root', 'a', 'main', 'b', 'a', 'main', 'main', 'main']);
    expect(tree.total[0]).toBe(11);
  });
});
