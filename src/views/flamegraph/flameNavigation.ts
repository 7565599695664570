import type { FlameTree } from '../../../workers/flame/flameTree';
import { childrenOf, parentOf } from './flameLayout';

export type FlameKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

/**
 * The frame an arrow key moves the selection to, following what the eye sees: up and down move
 * between a frame and its parent or its widest child (which is which depends on orientation),
 * left and right move to the neighbouring frame on the same row, across parents. Returns the
 * same node when there is nowhere to go.
 */
export function navigateFrame(
  tree: FlameTree,
  node: number,
  key: FlameKey,
  orientation: 'top-down' | 'bottom-up',
): number {
  if (node < 0 || node >= tree.total.length) return 0;
  const towardsRoot = orientation === 'top-down' ? 'ArrowUp' : 'ArrowDown';
  switch (key) {
    case 'ArrowUp':
    case 'ArrowDown':
      if (key === towardsRoot) {
        const parent = parentOf(tree, node);
        return parent < 0 ? node : parent;
      }
      return widestChild(tree, node) ?? node;
    case 'ArrowRight':
      return nextOnRow(tree, node) ?? node;
    case 'ArrowLeft':
      return previousOnRow(tree, node) ?? node;
  }
}

function widestChild(tree: FlameTree, node: number): number | undefined {
  let best: number | undefined;
  for (const child of childrenOf(tree, node)) {
    if (best === undefined || tree.total[child] > tree.total[best]) best = child;
  }
  return best;
}

function nextOnRow(tree: FlameTree, node: number): number | undefined {
  const depth = tree.depth[node];
  let n = tree.subtreeEnd[node];
  while (n < tree.total.length) {
    if (tree.depth[n] === depth) return n;
    n = tree.depth[n] > depth ? tree.subtreeEnd[n] : n + 1;
  }
  return undefined;
}

function previousOnRow(tree: FlameTree, node: number): number | undefined {
  const depth = tree.depth[node];
  for (let n = node - 1; n >= 0; n--) if (tree.depth[n] === depth) return n;
  return undefined;
}
