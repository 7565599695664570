import type { FlameTree } from '../../../workers/flame/flameTree';
import { dimmedColor, rootColor, sliverColor } from './flameColors';
import { visibleFrames, rowTop, type FlameViewport } from './flameLayout';
import { fitLabel } from './labelFit';

export interface FlameStyle {
  /** CSS colour per name index. */
  colors: readonly string[];
  /** Per name index, 1 for a search match; frames that do not match are dimmed. */
  matches?: Uint8Array;
  selected: number;
  hovered: number;
  rootLabel: string;
  measure: (text: string) => number;
}

export const labelFont = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const textColor = '#1d2230';
const dimmedTextColor = '#9a9ca8';
const background = '#ffffff';

/**
 * Paints the visible frames onto a canvas the size of the viewport: boxes batched by colour
 * (one fillStyle change per colour, not per box), then labels with fillText, then the outlines
 * of the hovered and selected frames.
 */
export function drawFlame(
  ctx: CanvasRenderingContext2D,
  tree: FlameTree,
  vp: FlameViewport,
  dpr: number,
  style: FlameStyle,
): void {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, vp.width, vp.height);
  const { nodes, slivers } = visibleFrames(tree, vp);
  const scale = vp.width / (vp.x1 - vp.x0);
  const boxHeight = vp.rowHeight - 1;

  const batches = new Map<string, number[]>();
  const add = (color: string, x: number, y: number, w: number) => {
    let batch = batches.get(color);
    if (!batch) batches.set(color, (batch = []));
    batch.push(x, y, w);
  };
  for (const node of nodes) {
    const [x, w] = clampedSpan(tree, node, vp, scale);
    add(colorOf(tree, node, style), x, rowTop(tree.depth[node], vp), w > 2 ? w - 0.5 : w);
  }
  for (const s of slivers) add(sliverColor, s.x, rowTop(s.depth, vp), Math.max(1, s.width));
  for (const [color, rects] of batches) {
    ctx.fillStyle = color;
    for (let i = 0; i < rects.length; i += 3)
      ctx.fillRect(rects[i], rects[i + 1], rects[i + 2], boxHeight);
  }

  ctx.font = labelFont;
  ctx.textBaseline = 'middle';
  for (const node of nodes) {
    const [x, w] = clampedSpan(tree, node, vp, scale);
    const name = node === 0 ? style.rootLabel : tree.names[tree.nameIndex[node]];
    const text = fitLabel(name, w - 8, style.measure);
    if (!text) continue;
    const dimmed = style.matches && node !== 0 && !style.matches[tree.nameIndex[node]];
    ctx.fillStyle = dimmed ? dimmedTextColor : textColor;
    ctx.fillText(text, x + 4, rowTop(tree.depth[node], vp) + boxHeight / 2 + 0.5);
  }

  outline(ctx, tree, vp, scale, style.hovered, 'rgba(29,34,48,0.55)', 1);
  outline(ctx, tree, vp, scale, style.selected, '#1d2230', 2);
}

function colorOf(tree: FlameTree, node: number, style: FlameStyle): string {
  if (node === 0) return rootColor;
  const name = tree.nameIndex[node];
  if (style.matches && !style.matches[name]) return dimmedColor;
  return style.colors[name];
}

/** A node's box cut to the viewport (plus a pixel each side so edges stay off-screen). */
function clampedSpan(tree: FlameTree, node: number, vp: FlameViewport, scale: number) {
  const left = (tree.start[node] - vp.x0) * scale;
  const right = left + tree.total[node] * scale;
  const x = Math.max(-1, left);
  return [x, Math.min(vp.width + 1, right) - x] as const;
}

function outline(
  ctx: CanvasRenderingContext2D,
  tree: FlameTree,
  vp: FlameViewport,
  scale: number,
  node: number,
  color: string,
  lineWidth: number,
) {
  if (node < 0 || node >= tree.total.length) return;
  const [x, w] = clampedSpan(tree, node, vp, scale);
  const y = rowTop(tree.depth[node], vp);
  if (y + vp.rowHeight < 0 || y > vp.height || x + w < 0 || x > vp.width) return;
  ctx.strokeStyle = color;
  ctx.lineWidth = lineWidth;
  const inset = lineWidth / 2;
  ctx.strokeRect(
    x + inset,
    y + inset,
    Math.max(1, w - 0.5 - lineWidth),
    vp.rowHeight - 1 - lineWidth,
  );
}
