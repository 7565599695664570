import { describe, expect, it } from 'vitest';
import type { FlameTree } from '../../../workers/flame/flameTree';
import { treeOfStackLines as treeOf } from './treeOfStackLines';
import {
  frameAt,
  nodeOfPath,
  pathOfNode,
  rowTop,
  visibleFrames,
  type FlameViewport,
} from './flameLayout';
import { navigateFrame } from './flameNavigation';

const nameOf = (tree: FlameTree, node: number) => tree.names[tree.nameIndex[node]];

// root(100) ─ main(90) ─ work(60) ─ hash(60)
//                      └ idle(30)
//          └ gc(10)
const tree = treeOf(['main;work;hash 60', 'main;idle 30', 'gc 10']);

function viewport(patch: Partial<FlameViewport> = {}): FlameViewport {
  return {
    width: 1000,
    height: 200,
    x0: 0,
    x1: 100,
    scroll: 0,
    rowHeight: 20,
    orientation: 'top-down',
    ...patch,
  };
}

describe('visibleFrames', () => {
  it('returns every frame wider than a pixel when the whole tree fits', () => {
    const { nodes, slivers } = visibleFrames(tree, viewport());
    expect(nodes.map((n) => nameOf(tree, n))).toEqual([
      'root',
      'gc',
      'main',
      'idle',
      'work',
      'hash',
    ]);
    expect(slivers).toEqual([]);
  });

  it('skips subtrees outside the horizontal window', () => {
    // gc occupies [0,10) and sorts first; a window over [50,100) shows only main's side.
    const { nodes } = visibleFrames(tree, viewport({ x0: 50, x1: 100 }));
    expect(nodes.map((n) => nameOf(tree, n))).toEqual(['root', 'main', 'work', 'hash']);
  });

  it('skips rows scrolled out of view but still reaches deeper visible rows', () => {
    const { nodes } = visibleFrames(tree, viewport({ height: 40, scroll: 40 }));
    expect(nodes.map((n) => nameOf(tree, n))).toEqual(['idle', 'work', 'hash']);
  });

  it('merges adjacent frames narrower than a pixel into one sliver per run', () => {
    const many = treeOf([
      'big 100000',
      ...Array.from({ length: 50 }, (_, i) => `tiny${String(i).padStart(2, '0')} 1`),
    ]);
    const { nodes, slivers } = visibleFrames(many, viewport({ x1: many.total[0] }));
    expect(nodes.map((n) => nameOf(many, n))).toEqual(['root', 'big']);
    expect(slivers).toHaveLength(1);
    expect(slivers[0].depth).toBe(1);
    // 50 frames of 1/100050 of 1000px each: about half a pixel together, with no gap.
    expect(slivers[0].width).toBeCloseTo((50 / 100050) * 1000, 5);
  });
});

describe('frameAt', () => {
  it('finds the frame under the pointer, top-down', () => {
    const vp = viewport();
    expect(nameOf(tree, frameAt(tree, vp, 5, 10))).toBe('root');
    expect(nameOf(tree, frameAt(tree, vp, 50, 30))).toBe('gc');
    expect(nameOf(tree, frameAt(tree, vp, 500, 50))).toBe('work');
    expect(frameAt(tree, vp, 50, 70)).toBe(-1);
  });

  it('mirrors rows for bottom-up', () => {
    const vp = viewport({ orientation: 'bottom-up' });
    expect(rowTop(0, vp)).toBe(180);
    expect(nameOf(tree, frameAt(tree, vp, 500, 190))).toBe('root');
    expect(nameOf(tree, frameAt(tree, vp, 990, 130))).toBe('hash');
  });

  it('follows the horizontal window', () => {
    const vp = viewport({ x0: 10, x1: 40 });
    // x=500 is value 25: inside main (10..100), then idle (10..40).
    expect(nameOf(tree, frameAt(tree, vp, 500, 50))).toBe('idle');
  });
});

describe('paths', () => {
  it('names a node by its frames from the root and finds it again', () => {
    const hash = tree.nameIndex.findIndex((i) => tree.names[i] === 'hash');
    expect(pathOfNode(tree, hash)).toEqual(['main', 'work', 'hash']);
    expect(nodeOfPath(tree, ['main', 'work', 'hash'])).toBe(hash);
  });

  it('stops at the deepest frame that still exists', () => {
    expect(nameOf(tree, nodeOfPath(tree, ['main', 'gone', 'x']))).toBe('main');
    expect(nodeOfPath(tree, [])).toBe(0);
  });
});

describe('navigateFrame', () => {
  const find = (name: string) => tree.nameIndex.findIndex((i) => tree.names[i] === name);

  it('moves to the parent and the widest child, flipped for bottom-up', () => {
    expect(nameOf(tree, navigateFrame(tree, find('main'), 'ArrowUp', 'top-down'))).toBe('root');
    expect(nameOf(tree, navigateFrame(tree, find('main'), 'ArrowDown', 'top-down'))).toBe('work');
    expect(nameOf(tree, navigateFrame(tree, find('main'), 'ArrowDown', 'bottom-up'))).toBe('root');
  });

  it('moves along a row across parents and stays at its ends', () => {
    expect(nameOf(tree, navigateFrame(tree, find('gc'), 'ArrowRight', 'top-down'))).toBe('main');
    expect(nameOf(tree, navigateFrame(tree, find('idle'), 'ArrowRight', 'top-down'))).toBe('work');
    expect(nameOf(tree, navigateFrame(tree, find('work'), 'ArrowLeft', 'top-down'))).toBe('idle');
    expect(nameOf(tree, navigateFrame(tree, find('gc'), 'ArrowLeft', 'top-down'))).toBe('gc');
  });
});
