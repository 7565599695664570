import { describe, expect, it } from 'vitest';
import { matchedTotal, matchNames, parseRegex } from './flameSearch';
import { treeOfStackLines as treeOf } from './treeOfStackLines';

describe('search', () => {
  // A recursive function counts once per stack, as in pprof's search total.
  const tree = treeOf(['main;walk;walk;hash 40', 'main;walk 10', 'main;idle 30', 'gc 20']);

  it('sums the stacks through a matching frame once, even when it recurses', () => {
    expect(matchedTotal(tree, matchNames(tree.names, /walk/))).toBe(50);
    expect(matchedTotal(tree, matchNames(tree.names, /^(gc|hash)$/))).toBe(60);
    expect(matchedTotal(tree, matchNames(tree.names, new Set(['idle'])))).toBe(30);
  });

  it('reports an invalid regex instead of throwing', () => {
    expect(parseRegex('main(').error).toMatch(/Invalid regular expression/);
    expect(parseRegex('main.*').regex?.source).toBe('main.*');
    expect(parseRegex('')).toEqual({});
  });
});
