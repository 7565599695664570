import type { FlameTree } from '../../../workers/flame/flameTree';

/**
 * Where the flame graph looks: a horizontal window of the root's value range and a vertical
 * scroll offset. The canvas is only ever the size of the viewport; scrolling moves the rows.
 */
export interface FlameViewport {
  /** CSS pixels. */
  width: number;
  height: number;
  /** Visible value range, in the tree's value units from the root's left edge. */
  x0: number;
  x1: number;
  /** Pixels scrolled away from the root row (downwards for top-down, upwards for bottom-up). */
  scroll: number;
  rowHeight: number;
  orientation: 'top-down' | 'bottom-up';
}

/** A run of adjacent frames too narrow to draw one by one, drawn as one box so there is no gap. */
export interface Sliver {
  depth: number;
  x: number;
  width: number;
}

export interface VisibleFrames {
  /** Node indexes wide enough to draw, in preorder. */
  nodes: number[];
  slivers: Sliver[];
}

/** Frames narrower than this many pixels are merged into slivers and their subtrees skipped. */
export const minFrameWidth = 1;

export function contentHeight(tree: FlameTree, rowHeight: number): number {
  return (tree.maxDepth + 1) * rowHeight;
}

export function maxScroll(tree: FlameTree, vp: Pick<FlameViewport, 'height' | 'rowHeight'>) {
  return Math.max(0, contentHeight(tree, vp.rowHeight) - vp.height);
}

/** Top edge in CSS pixels of the row at `depth`. */
export function rowTop(depth: number, vp: FlameViewport): number {
  return vp.orientation === 'top-down'
    ? depth * vp.rowHeight - vp.scroll
    : vp.height - (depth + 1) * vp.rowHeight + vp.scroll;
}

/** The depth of the row under a y coordinate (may be outside the tree). */
export function depthAt(y: number, vp: FlameViewport): number {
  return vp.orientation === 'top-down'
    ? Math.floor((y + vp.scroll) / vp.rowHeight)
    : Math.floor((vp.height + vp.scroll - y) / vp.rowHeight);
}

export function valueToX(value: number, vp: FlameViewport): number {
  return ((value - vp.x0) / (vp.x1 - vp.x0)) * vp.width;
}

export function xToValue(x: number, vp: FlameViewport): number {
  return vp.x0 + (x / vp.width) * (vp.x1 - vp.x0);
}

/**
 * The frames to draw: walks the preorder arrays and skips, via subtreeEnd, every subtree that is
 * off-screen horizontally, below the last visible row, or narrower than a pixel. Narrow frames
 * next to each other on a row are merged into slivers.
 */
export function visibleFrames(tree: FlameTree, vp: FlameViewport): VisibleFrames {
  const nodes: number[] = [];
  const slivers: Sliver[] = [];
  const count = tree.total.length;
  if (count === 0 || vp.x1 <= vp.x0 || vp.width <= 0) return { nodes, slivers };
  const firstDepth = Math.max(0, depthAt(vp.orientation === 'top-down' ? 0 : vp.height, vp));
  const lastDepth = depthAt(vp.orientation === 'top-down' ? vp.height - 1 : 0, vp);
  const scale = vp.width / (vp.x1 - vp.x0);
  // The open sliver per depth, extended while narrow frames keep touching it.
  const openSliver = new Map<number, Sliver>();

  let node = 0;
  while (node < count) {
    const depth = tree.depth[node];
    const left = (tree.start[node] - vp.x0) * scale;
    const width = tree.total[node] * scale;
    if (depth > lastDepth || left >= vp.width || left + width <= 0) {
      node = tree.subtreeEnd[node];
      continue;
    }
    if (width < minFrameWidth) {
      if (depth >= firstDepth) addToSliver(openSliver, slivers, depth, left, width);
      node = tree.subtreeEnd[node];
      continue;
    }
    if (depth >= firstDepth) nodes.push(node);
    node++;
  }
  return { nodes, slivers };
}

function addToSliver(
  open: Map<number, Sliver>,
  slivers: Sliver[],
  depth: number,
  left: number,
  width: number,
) {
  const current = open.get(depth);
  if (current && left - (current.x + current.width) < 0.5) {
    current.width = Math.max(current.width, left + width - current.x);
    return;
  }
  const sliver = { depth, x: left, width };
  open.set(depth, sliver);
  slivers.push(sliver);
}

/**
 * The node drawn under a point, or -1: descends from the root into the child whose value range
 * holds the pointer, so narrow frames inside slivers are found too.
 */
export function frameAt(tree: FlameTree, vp: FlameViewport, x: number, y: number): number {
  if (tree.total.length === 0 || x < 0 || x >= vp.width || y < 0 || y >= vp.height) return -1;
  const depth = depthAt(y, vp);
  if (depth < 0 || depth > tree.maxDepth) return -1;
  const value = xToValue(x, vp);
  let node = 0;
  if (value < tree.start[0] || value >= tree.start[0] + tree.total[0]) return -1;
  while (tree.depth[node] < depth) {
    const child = childContaining(tree, node, value);
    if (child < 0) return -1;
    node = child;
  }
  return node;
}

function childContaining(tree: FlameTree, node: number, value: number): number {
  const end = tree.subtreeEnd[node];
  for (let child = node + 1; child < end; child = tree.subtreeEnd[child]) {
    const start = tree.start[child];
    if (value >= start && value < start + tree.total[child]) return child;
  }
  return -1;
}

/** Children of a node, in drawing order. */
export function childrenOf(tree: FlameTree, node: number): number[] {
  const kids: number[] = [];
  const end = tree.subtreeEnd[node];
  for (let child = node + 1; child < end; child = tree.subtreeEnd[child]) kids.push(child);
  return kids;
}

/** The parent of a node (-1 for the root): the nearest earlier node one level up in preorder. */
export function parentOf(tree: FlameTree, node: number): number {
  const depth = tree.depth[node];
  for (let n = node - 1; n >= 0; n--) if (tree.depth[n] === depth - 1) return n;
  return -1;
}

/**
 * A node as the names on the way from the root (excluded) to it. Names rather than node indexes
 * so a zoom in a shared link survives a reload, a new filter, or a re-decoded file.
 */
export function pathOfNode(tree: FlameTree, node: number): string[] {
  const path: string[] = [];
  for (let n = node; n > 0; n = parentOf(tree, n)) path.push(tree.names[tree.nameIndex[n]]);
  return path.reverse();
}

/** The node a path names, or the deepest node reached when part of the path no longer exists. */
export function nodeOfPath(tree: FlameTree, path: readonly string[]): number {
  let node = 0;
  if (tree.total.length === 0) return -1;
  for (const name of path) {
    const next = childrenOf(tree, node).find((c) => tree.names[tree.nameIndex[c]] === name);
    if (next === undefined) break;
    node = next;
  }
  return node;
}
