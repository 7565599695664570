import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { FlameTree } from '../../../workers/flame/flameTree';
import { drawFlame, labelFont } from './drawFlame';
import { frameColor } from './flameColors';
import { frameAt, nodeOfPath, pathOfNode, type FlameViewport } from './flameLayout';
import { navigateFrame, type FlameKey } from './flameNavigation';
import { matchedTotal, matchNames, type FlameHighlight } from './flameSearch';
import { FlameTooltip } from './FlameTooltip';
import { FlameContextMenu, type FlameMenuItem } from './FlameContextMenu';
import { recordFrameTime } from './frameTimes';
import { cachedMeasure } from './labelFit';
import { useFlameViewport } from './useFlameViewport';
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
  /**
   * The tree is a stand-in (e.g. emptyFlameTree) while the real one is computed: the canvas is
   * laid out, sized and cleared already, so the first paint of the real tree does not also pay
   * for creating the canvas's pixels, but it is not marked painted.
   */
  pending?: boolean;
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

/**
 * A canvas flame graph of any FlameTree. The canvas is the viewport's size: vertical scrolling
 * moves rows by an offset and only visible frames are drawn, so trees of any size and depth
 * cost what is on screen. Wheel zooms horizontally around the pointer, drag pans, shift+wheel
 * scrolls (useFlameViewport), click zooms to a frame, Esc or 0 resets, arrow keys move the
 * selection, Enter zooms.
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
  const frameRequest = useRef(0);
  const paintedTree = useRef<FlameTree | undefined>(undefined);

  const whole = props.wholeValue ?? tree.total[0] ?? 0;
  const colors = useMemo(() => tree.names.map(frameColor), [tree]);
  const matches = useMemo(
    () => (highlight ? matchNames(tree.names, highlight) : undefined),
    [tree, highlight],
  );
  const matched = useMemo(() => (matches ? matchedTotal(tree, matches) : 0), [tree, matches]);

  // Everything the paint reads, kept current for the animation-frame callback.
  const paintState = useRef({
    tree,
    pending: props.pending ?? false,
    colors,
    matches,
    selected: -1,
    hovered: -1,
    rootLabel: '',
  });
  const rootLabel = props.totalLabel ?? 'all';
  const hoveredNode = hover?.node ?? -1;
  // The animation-frame callback may run after a resize: it must read the newest viewport, not
  // the one of the render that requested it.
  const viewportNow = useRef<() => FlameViewport>(undefined);

  const requestPaint = useCallback(() => {
    if (frameRequest.current) return;
    frameRequest.current = requestAnimationFrame(() => {
      frameRequest.current = 0;
      const canvas = canvasRef.current;
      const ctx = canvas?.getContext('2d');
      const vp = viewportNow.current?.();
      if (!canvas || !ctx || !vp || vp.width <= 0 || vp.height <= 0) return;
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
      if (paintedTree.current !== state.tree && !state.pending && wrapperRef.current) {
        paintedTree.current = state.tree;
        wrapperRef.current.dataset.painted = String(state.tree.total.length);
      }
    });
  }, []);
  const clearHover = useCallback(() => setHover(undefined), []);
  const { viewport, zoomTo, reveal } = useFlameViewport({
    canvasRef,
    tree,
    size,
    orientation,
    zoomPath: props.zoomPath,
    onZoom: props.onZoom,
    repaint: requestPaint,
    onUserMove: clearHover,
  });
  useLayoutEffect(() => {
    paintState.current = {
      tree,
      pending: props.pending ?? false,
      colors,
      matches,
      selected,
      hovered: hoveredNode,
      rootLabel,
    };
    viewportNow.current = viewport;
  });

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
    requestPaint();
  }, [size, tree, requestPaint]);

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

  const { onSelectFrame } = props;
  const selectFrame = useCallback(
    (node: number) => {
      setSelection({ tree, key: selectedKey, node });
      onSelectFrame?.(node >= 0 ? frameOf(node) : undefined);
    },
    [onSelectFrame, frameOf, tree, selectedKey, setSelection],
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
