import { select, zoom as d3zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior } from 'd3';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { FlameTree } from '../../../workers/flame/flameTree';
import { drawFlame, labelFont } from './drawFlame';
import { frameColor } from './flameColors';
import {
  frameAt,
  maxScroll,
  nodeOfPath,
  pathOfNode,
  rowTop,
  type FlameViewport,
} from './flameLayout';
import { navigateFrame, type FlameKey } from './flameNavigation';
import { matchedTotal, matchNames, type FlameHighlight } from './flameSearch';
import { FlameTooltip } from './FlameTooltip';
import { FlameContextMenu, type FlameMenuItem } from './FlameContextMenu';
import { recordFrameTime } from './frameTimes';
import { cachedMeasure } from './labelFit';
import { formatPercent } from '../units/formatValue';
import './flameGraph.css';

export type { FlameMenuItem } from './FlameContextMenu';

/** A frame as the outside world sees it: by name path, never by node index. */
export interface FlameFrame {
  name: string;
  /** Names from the root (excluded) down to this frame. */
  path: string[];
  self: number;
  total: number;
}

export interface FlameGraphCanvasProps {
  tree: FlameTree;
  formatValue: (value: number) => string;
  /** Label of the root frame (default "all"). */
  totalLabel?: string;
  /** What percentages are of (default: the root's total), e.g. the unfiltered profile total. */
  wholeValue?: number;
  /** Frames to highlight; the rest are dimmed and the matched total is shown. */
  highlight?: FlameHighlight;
  /** Whether to show the matched total over the graph (default true). */
  showMatchedTotal?: boolean;
  /** The zoomed frame as a name path; [] or undefined for the whole graph. */
  zoomPath?: readonly string[];
  onZoom?: (path: string[]) => void;
  /** top-down: root at the top (default); bottom-up: root at the bottom. */
  orientation?: 'top-down' | 'bottom-up';
  /** The selected frame as a name path, for a selection restored from a link. */
  selectedPath?: readonly string[];
  onSelectFrame?: (frame: FlameFrame | undefined) => void;
  /** Actions offered on right-click. */
  contextMenu?: (frame: FlameFrame) => FlameMenuItem[];
  /** Accessible name of the graph. */
  label?: string;
}

const rowHeight = 18;
const zoomDuration = 250;

/**
 * A canvas flame graph of any FlameTree. The canvas is the viewport's size: vertical scrolling
 * moves rows by an offset and only visible frames are drawn, so trees of any size and depth
 * cost what is on screen. Wheel zooms horizontally around the pointer, drag pans, shift+wheel
 * scrolls, click zooms to a frame, Esc or 0 resets, arrow keys move the selection, Enter zooms.
 */
export function FlameGraphCanvas(props: FlameGraphCanvasProps) {
  const { tree, formatValue, orientation = 'top-down', highlight } = props;
  const wrapperRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [hover, setHover] = useState<{ node: number; x: number; y: number }>();
  // The selection follows the selectedPath prop when it or the tree changes (a restored link).
  const selectedKey = (props.selectedPath ?? []).join('\n');
  const [selection, setSelection] = useState({ tree, key: selectedKey, node: -1 });
  if (selection.tree !== tree || selection.key !== selectedKey) {
    const node = selectedKey === '' ? -1 : nodeOfPath(tree, selectedKey.split('\n'));
    setSelection({ tree, key: selectedKey, node });
  }
  const selected = selection.node;
  const [menu, setMenu] = useState<{ frame: FlameFrame; x: number; y: number }>();

  // The view lives in refs so zoom and scroll repaint without re-rendering React.
  const domain = useRef({ x0: 0, x1: 1 });
  const scroll = useRef(0);
  const frameRequest = useRef(0);
  const paintedTree = useRef<FlameTree | undefined>(undefined);
  const zoomBehavior = useRef<ZoomBehavior<HTMLCanvasElement, unknown>>(undefined);
  const appliedZoomKey = useRef<string | undefined>(undefined);

  const whole = props.wholeValue ?? tree.total[0] ?? 0;
  const colors = useMemo(() => tree.names.map(frameColor), [tree]);
  const matches = useMemo(
    () => (highlight ? matchNames(tree.names, highlight) : undefined),
    [tree, highlight],
  );
  const matched = useMemo(() => (matches ? matchedTotal(tree, matches) : 0), [tree, matches]);

  const viewport = useCallback(
    (): FlameViewport => ({
      width: size.width,
      height: size.height,
      x0: domain.current.x0,
      x1: domain.current.x1,
      scroll: scroll.current,
      rowHeight,
      orientation,
    }),
    [size, orientation],
  );

  // Everything the paint reads, kept current for the animation-frame callback.
  const paintState = useRef({ tree, colors, matches, selected: -1, hovered: -1, rootLabel: '' });
  const rootLabel = props.totalLabel ?? 'all';
  const hoveredNode = hover?.node ?? -1;
  // The animation-frame callback may run after a resize: it must read the newest viewport, not
  // the one of the render that requested it.
  const viewportNow = useRef(viewport);
  useLayoutEffect(() => {
    paintState.current = { tree, colors, matches, selected, hovered: hoveredNode, rootLabel };
    viewportNow.current = viewport;
  });

  const requestPaint = useCallback(() => {
    if (frameRequest.current) return;
    frameRequest.current = requestAnimationFrame(() => {
      frameRequest.current = 0;
      const canvas = canvasRef.current;
      const ctx = canvas?.getContext('2d');
      const vp = viewportNow.current();
      if (!canvas || !ctx || vp.width <= 0 || vp.height <= 0) return;
      const began = performance.now();
      const state = paintState.current;
      drawFlame(ctx, state.tree, vp, window.devicePixelRatio || 1, {
        colors: state.colors,
        matches: state.matches,
        selected: state.selected,
        hovered: state.hovered,
        rootLabel: state.rootLabel,
        measure: labelMeasure(),
      });
      recordFrameTime(performance.now() - began);
      if (paintedTree.current !== state.tree && wrapperRef.current) {
        paintedTree.current = state.tree;
        wrapperRef.current.dataset.painted = String(state.tree.total.length);
      }
    });
  }, []);

  useEffect(
    () => () => {
      cancelAnimationFrame(frameRequest.current);
      frameRequest.current = 0;
    },
    [],
  );

  // Size the canvas to the wrapper, in device pixels.
  useLayoutEffect(() => {
    const wrapper = wrapperRef.current;
    if (!wrapper) return;
    const observer = new ResizeObserver(() => {
      const rect = wrapper.getBoundingClientRect();
      setSize({ width: Math.floor(rect.width), height: Math.floor(rect.height) });
    });
    observer.observe(wrapper);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(size.width * dpr);
    canvas.height = Math.round(size.height * dpr);
    canvas.style.width = `${size.width}px`;
    canvas.style.height = `${size.height}px`;
    scroll.current = Math.min(scroll.current, maxScroll(tree, { height: size.height, rowHeight }));
    requestPaint();
  }, [size, tree, requestPaint]);

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
        if (source?.type === 'mousemove')
          scrollBy(orientation === 'top-down' ? -source.movementY : source.movementY);
        // A user's wheel or drag moves frames from under the pointer; a resize or a zoom set by
        // the app does not need to hide the tooltip.
        if (source) setHover(undefined);
        requestPaint();
      });
    zoomBehavior.current = behavior;
    const selection = select(canvas);
    selection.call(behavior).on('dblclick.zoom', null);
    selection.call(behavior.transform, transformFor(domain.current.x0, domain.current.x1));
    return () => {
      selection.on('.zoom', null);
    };

    function scrollBy(delta: number) {
      const limit = maxScroll(tree, { height: size.height, rowHeight });
      scroll.current = Math.min(limit, Math.max(0, scroll.current + delta));
    }
  }, [tree, size, orientation, requestPaint, transformFor]);

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
    [tree, transformFor],
  );

  // Apply the zoom path from props (a shared link, or the parent resetting it).
  const zoomKey = (props.zoomPath ?? []).join('\n');
  const treeChanged = useRef<FlameTree | undefined>(undefined);
  useEffect(() => {
    if (size.width <= 0) return;
    const isNewTree = treeChanged.current !== tree;
    if (!isNewTree && appliedZoomKey.current === zoomKey) return;
    treeChanged.current = tree;
    appliedZoomKey.current = zoomKey;
    const node = nodeOfPath(tree, zoomKey === '' ? [] : zoomKey.split('\n'));
    if (isNewTree) {
      const total = tree.total[0] || 1;
      domain.current = { x0: 0, x1: total };
      scroll.current = 0;
    }
    zoomToNode(Math.max(0, node), !isNewTree);
  }, [tree, zoomKey, size.width, zoomToNode]);

  useEffect(requestPaint, [requestPaint, colors, matches, selected, hoveredNode, rootLabel]);

  const frameOf = useCallback(
    (node: number): FlameFrame => ({
      name: node === 0 ? (props.totalLabel ?? 'all') : tree.names[tree.nameIndex[node]],
      path: pathOfNode(tree, node),
      self: tree.self[node],
      total: tree.total[node],
    }),
    [tree, props.totalLabel],
  );

  const { onZoom, onSelectFrame } = props;
  const selectFrame = useCallback(
    (node: number) => {
      setSelection({ tree, key: selectedKey, node });
      onSelectFrame?.(node >= 0 ? frameOf(node) : undefined);
    },
    [onSelectFrame, frameOf, tree, selectedKey, setSelection],
  );

  const zoomTo = useCallback(
    (node: number) => {
      const path = node > 0 ? pathOfNode(tree, node) : [];
      appliedZoomKey.current = path.join('\n');
      zoomToNode(node, true);
      onZoom?.(path);
    },
    [tree, zoomToNode, onZoom],
  );

  const pointer = (event: React.MouseEvent) => {
    const rect = canvasRef.current!.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };

  const onMouseMove = (event: React.MouseEvent) => {
    if (event.buttons) return;
    const { x, y } = pointer(event);
    const node = frameAt(tree, viewport(), x, y);
    setHover(node >= 0 ? { node, x, y } : undefined);
  };

  const onClick = (event: React.MouseEvent) => {
    const { x, y } = pointer(event);
    const node = frameAt(tree, viewport(), x, y);
    if (node < 0) return;
    wrapperRef.current?.focus();
    selectFrame(node);
    zoomTo(node);
  };

  const onContextMenu = (event: React.MouseEvent) => {
    if (!props.contextMenu) return;
    const { x, y } = pointer(event);
    const node = frameAt(tree, viewport(), x, y);
    if (node <= 0) return;
    event.preventDefault();
    selectFrame(node);
    setHover(undefined);
    setMenu({ frame: frameOf(node), x, y });
  };

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
      const limit = maxScroll(tree, { height: size.height, rowHeight });
      const delta = orientation === 'top-down' ? event.deltaY : -event.deltaY;
      scroll.current = Math.min(limit, Math.max(0, scroll.current + delta));
      setHover(undefined);
      requestPaint();
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [tree, size.height, orientation, requestPaint]);

  /** Scrolls and pans just enough to show a node. */
  const reveal = (node: number) => {
    const vp = viewport();
    const top = rowTop(tree.depth[node], vp);
    const limit = maxScroll(tree, vp);
    const sign = orientation === 'top-down' ? 1 : -1;
    if (top < 0) scroll.current = Math.max(0, Math.min(limit, scroll.current + sign * top));
    else if (top + rowHeight > vp.height) {
      scroll.current = Math.max(
        0,
        Math.min(limit, scroll.current + sign * (top + rowHeight - vp.height)),
      );
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
    requestPaint();
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape' || event.key === '0') {
      if (menu) setMenu(undefined);
      else zoomTo(0);
      event.preventDefault();
      return;
    }
    if (event.key === 'Enter' && selected >= 0) {
      zoomTo(selected);
      event.preventDefault();
      return;
    }
    if (event.key.startsWith('Arrow')) {
      event.preventDefault();
      const from = selected >= 0 ? selected : 0;
      const next =
        selected >= 0 ? navigateFrame(tree, from, event.key as FlameKey, orientation) : 0;
      selectFrame(next);
      reveal(next);
    }
  };

  const hoverFrame = hover ? frameOf(hover.node) : undefined;
  return (
    <div
      ref={wrapperRef}
      className="fg-wrapper"
      data-testid="flamegraph"
      tabIndex={0}
      role="img"
      aria-label={props.label ?? 'Flame graph'}
      onKeyDown={onKeyDown}
    >
      <canvas
        ref={canvasRef}
        className="fg-canvas"
        onMouseMove={onMouseMove}
        onMouseLeave={() => setHover(undefined)}
        onClick={onClick}
        onContextMenu={onContextMenu}
      />
      {matches && props.showMatchedTotal !== false && (
        <div className="fg-matched" data-testid="flamegraph-matched">
          Matched {formatValue(matched)} · {percentOf(matched, whole)}
        </div>
      )}
      {hoverFrame && hover && !menu && (
        <FlameTooltip
          frame={hoverFrame}
          x={hover.x}
          y={hover.y}
          width={size.width}
          height={size.height}
          formatValue={formatValue}
          percent={(v) => percentOf(v, whole)}
        />
      )}
      {menu && (
        <FlameContextMenu
          x={menu.x}
          y={menu.y}
          items={props.contextMenu?.(menu.frame) ?? []}
          onClose={() => {
            setMenu(undefined);
            wrapperRef.current?.focus();
          }}
        />
      )}
    </div>
  );
}

let sharedMeasure: ((text: string) => number) | undefined;

/** Label widths, measured once per text for the whole page. */
function labelMeasure(): (text: string) => number {
  if (!sharedMeasure) {
    const ctx = document.createElement('canvas').getContext('2d');
    if (ctx) ctx.font = labelFont;
    sharedMeasure = ctx ? cachedMeasure(ctx) : (text) => text.length * 7;
  }
  return sharedMeasure;
}

function percentOf(value: number, whole: number): string {
  return whole > 0 ? formatPercent(value, whole) : '–';
}
