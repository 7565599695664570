import { buildFlameTree, type FlameTree } from '../../../workers/flame/flameTree';

/**
 * A flame tree from folded stacks, one "a;b;c value" line per stack with frames root first (the
 * collapsed format of Brendan Gregg's flamegraph tools): how tests and benchmarks describe trees.
 */
export function treeOfStackLines(lines: string[]): FlameTree {
  const names: string[] = [];
  const frames: number[] = [];
  const offsets = [0];
  const values: number[] = [];
  for (const line of lines) {
    const [stack, value] = line.split(' ');
    for (const name of stack.split(';')) {
      let i = names.indexOf(name);
      if (i < 0) i = names.push(name) - 1;
      frames.push(i);
    }
    offsets.push(frames.length);
    values.push(Number(value));
  }
  return buildFlameTree({
    names,
    frames: Int32Array.from(frames),
    offsets: Int32Array.from(offsets),
    values: Float64Array.from(values),
  });
}
