import { select, zoom as d3zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior } from 'd3';
import { useCallback, useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import type { FlameTree } from '../../../workers/flame/flameTree';
import { maxScroll, nodeOfPath, pathOfNode, rowTop, type FlameViewport } from './flameLayout';

export interface FlameViewportOptions {
  canvasRef: RefObject<HTMLCanvasElement | null>;
  tree: FlameTree;
  size: { width: number; height: number };
  orientation: 'top-down' | 'bottom-up';
  /** The zoomed frame as a name path, from props (a shared link, or the parent resetting it). */
  zoomPath?: readonly string[];
  onZoom?: (path: string[]) => void;
  /** The view moved: paint again. Stable across renders. */
  repaint: () => void;
  /** A wheel or drag moved frames from under the pointer. Stable across renders. */
  onUserMove: () => void;
}

export const flameRowHeight = 18;
const zoomDuration = 250;

/**
 * The flame graph's view: the horizontal value window (driven by d3-zoom: wheel zooms around
 * the pointer, drag pans) and the vertical row offset (ours: drag, shift+wheel, horizontal
 * swipes pan). It lives in refs, so moving it repaints without re-rendering React.
 */
export function useFlameViewport(options: FlameViewportOptions) {
  const { canvasRef, tree, size, orientation, onZoom, repaint, onUserMove } = options;
  const domain = useRef({ x0: 0, x1: 1 });
  const scroll = useRef(0);
  const zoomBehavior = useRef<ZoomBehavior<HTMLCanvasElement, unknown>>(undefined);
  const appliedZoomKey = useRef<string | undefined>(undefined);

  const viewport = useCallback(
    (): FlameViewport => ({
      width: size.width,
      height: size.height,
      x0: domain.current.x0,
      x1: domain.current.x1,
      scroll: scroll.current,
      rowHeight: flameRowHeight,
      orientation,
    }),
    [size, orientation],
  );

  const scrollTo = useCallback(
    (offset: number) => {
      const limit = maxScroll(tree, { height: size.height, rowHeight: flameRowHeight });
      scroll.current = Math.min(limit, Math.max(0, offset));
    },
    [tree, size.height],
  );
  useLayoutEffect(() => scrollTo(scroll.current), [scrollTo]);

  /** The d3 transform that shows the value range [x0, x1) across the current width. */
  const transformFor = useCallback(
    (x0: number, x1: number) => {
      const total = tree.total[0] || 1;
      const k = total / Math.max(x1 - x0, total * 1e-12);
      return zoomIdentity.translate((-x0 / total) * size.width * k, 0).scale(k);
    },
    [tree, size.width],
  );

  // d3-zoom drives the horizontal window; the vertical offset is ours.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || size.width <= 0) return;
    const total = tree.total[0] || 1;
    const behavior = d3zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([1, Math.max(1, total) * 1e3])
      .extent([
        [0, 0],
        [size.width, size.height],
      ])
      .translateExtent([
        [0, -Infinity],
        [size.width, Infinity],
      ])
      .filter((event: Event) => {
        if (event instanceof WheelEvent) {
          return !event.shiftKey && Math.abs(event.deltaY) >= Math.abs(event.deltaX);
        }
        return !(event as MouseEvent).ctrlKey && !(event as MouseEvent).button;
      })
      .on('zoom', (event: D3ZoomEvent<HTMLCanvasElement, unknown>) => {
        const t = event.transform;
        const x0 = (-t.x / (t.k * size.width)) * total;
        domain.current = { x0, x1: x0 + total / t.k };
        const source = event.sourceEvent as MouseEvent | undefined;
        if (source?.type === 'mousemove') {
          scrollTo(scroll.current + (orientation === 'top-down' ? -1 : 1) * source.movementY);
        }
        // A user's wheel or drag moves frames from under the pointer; a resize or a zoom set by
        // the app does not need to hide the tooltip.
        if (source) onUserMove();
        repaint();
      });
    zoomBehavior.current = behavior;
    const selection = select(canvas);
    selection.call(behavior).on('dblclick.zoom', null);
    selection.call(behavior.transform, transformFor(domain.current.x0, domain.current.x1));
    return () => {
      selection.on('.zoom', null);
    };
  }, [canvasRef, tree, size, orientation, repaint, onUserMove, transformFor, scrollTo]);

  // Shift+wheel and horizontal trackpad swipes scroll and pan instead of zooming.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (event: WheelEvent) => {
      const horizontal = Math.abs(event.deltaX) > Math.abs(event.deltaY);
      if (!event.shiftKey && !horizontal) return;
      event.preventDefault();
      if (horizontal && zoomBehavior.current) {
        zoomBehavior.current.translateBy(select(canvas), -event.deltaX, 0);
        return;
      }
      scrollTo(scroll.current + (orientation === 'top-down' ? event.deltaY : -event.deltaY));
      onUserMove();
      repaint();
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [canvasRef, orientation, repaint, onUserMove, scrollTo]);

  /** Animates (or jumps) the window to a node's value range. */
  const zoomToNode = useCallback(
    (node: number, animate: boolean) => {
      const canvas = canvasRef.current;
      const behavior = zoomBehavior.current;
      if (!canvas || !behavior || node < 0 || node >= tree.total.length) return;
      const t = transformFor(tree.start[node], tree.start[node] + tree.total[node]);
      const selection = select(canvas);
      if (animate) selection.transition().duration(zoomDuration).call(behavior.transform, t);
      else selection.call(behavior.transform, t);
    },
    [canvasRef, tree, transformFor],
  );

  // Apply the zoom path from props; a new tree starts from the whole graph.
  const zoomKey = (options.zoomPath ?? []).join('\n');
  const treeChanged = useRef<FlameTree | undefined>(undefined);
  useEffect(() => {
    if (size.width <= 0) return;
    const isNewTree = treeChanged.current !== tree;
    if (!isNewTree && appliedZoomKey.current === zoomKey) return;
    treeChanged.current = tree;
    appliedZoomKey.current = zoomKey;
    const node = nodeOfPath(tree, zoomKey === '' ? [] : zoomKey.split('\n'));
    if (isNewTree) {
      domain.current = { x0: 0, x1: tree.total[0] || 1 };
      scroll.current = 0;
    }
    zoomToNode(Math.max(0, node), !isNewTree);
  }, [tree, zoomKey, size.width, zoomToNode]);

  /** Zooms to a node (0: the whole graph) and tells the parent its path. */
  const zoomTo = useCallback(
    (node: number) => {
      const path = node > 0 ? pathOfNode(tree, node) : [];
      appliedZoomKey.current = path.join('\n');
      zoomToNode(node, true);
      onZoom?.(path);
    },
    [tree, zoomToNode, onZoom],
  );

  /** Scrolls and pans just enough to show a node. */
  const reveal = (node: number) => {
    const vp = viewport();
    const top = rowTop(tree.depth[node], vp);
    const sign = orientation === 'top-down' ? 1 : -1;
    if (top < 0) scrollTo(scroll.current + sign * top);
    else if (top + flameRowHeight > vp.height) {
      scrollTo(scroll.current + sign * (top + flameRowHeight - vp.height));
    }
    const start = tree.start[node];
    const end = start + tree.total[node];
    if (start < vp.x0 || end > vp.x1) {
      const width = vp.x1 - vp.x0;
      if (end - start > width) zoomToNode(node, true);
      else {
        const x0 = Math.min(Math.max(0, (start + end - width) / 2), (tree.total[0] || 0) - width);
        select(canvasRef.current!).call(
          zoomBehavior.current!.transform,
          transformFor(x0, x0 + width),
        );
      }
    }
    repaint();
  };

  return { viewport, zoomTo, reveal };
}
