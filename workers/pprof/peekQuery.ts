import { buildFlameTree, type FlameTree } from '../flame/flameTree';
import { compileGoRegexp } from './goRegexp';
import type { PprofModel } from './model';
import { mergedStacks } from './flameQuery';
import { forEachStackGroup } from './stackGroups';
import { buildStackView, type PprofViewOptions } from './stackView';
import { compareStrings, nodeTotals } from './topTable';

export interface PeekEdge {
  name: string;
  value: number;
  /** Share of the peeked function's cum, as pprof -peek prints it. */
  percent: number;
  /** Every call along this edge was inlined. */
  inline: boolean;
}

export interface PeekEntry {
  name: string;
  flat: number;
  flatPercent: number;
  cum: number;
  cumPercent: number;
  callers: PeekEdge[];
  callees: PeekEdge[];
}

export interface PeekResult {
  /** One entry per matching frame, in -top order. */
  entries: PeekEntry[];
  /** Flame trees rooted at the matching frames: who called them (inverted), what they called. */
  callers: FlameTree;
  callees: FlameTree;
  total: number;
  sampleType: string;
  unit: string;
}

/**
 * `go tool pprof -peek <regex>`: for each frame whose name matches (or equals `fn`), its direct
 * callers and callees with edge weights. An edge counts a sample once, like pprof's graph. The
 * trees start at the outermost matching frame of each sample, so recursion stays inside them.
 */
export function peekQuery(model: PprofModel, args: PprofViewOptions & { fn: string }): PeekResult {
  const view = buildStackView(model, args);
  const rx = compileOrUndefined(args.fn);
  const matched = view.names.map((name) => name === args.fn || (rx?.test(name) ?? false));
  const { flat, cum } = nodeTotals(view);
  const callerEdges = new Map<number, Map<number, { value: number; inline: boolean }>>();
  const calleeEdges = new Map<number, Map<number, { value: number; inline: boolean }>>();
  const seenPairs = new Set<string>();
  const addEdge = (
    edges: Map<number, Map<number, { value: number; inline: boolean }>>,
    node: number,
    other: number,
    w: number,
    inline: boolean,
  ) => {
    let byOther = edges.get(node);
    if (!byOther) edges.set(node, (byOther = new Map()));
    const edge = byOther.get(other);
    if (edge) {
      edge.value += w;
      edge.inline &&= inline;
    } else byOther.set(other, { value: w, inline });
  };
  forEachStackGroup(view, (g, frames, inlined, depth, groups) => {
    if (!groups.nonzero[g]) return;
    const w = groups.value[g];
    seenPairs.clear();
    for (let i = 1; i < depth; i++) {
      const caller = frames[i - 1];
      const callee = frames[i];
      if (caller === callee || (!matched[caller] && !matched[callee])) continue;
      const pair = `${caller}:${callee}`;
      if (seenPairs.has(pair)) continue;
      seenPairs.add(pair);
      if (matched[callee]) addEdge(callerEdges, callee, caller, w, inlined[i] === 1);
      if (matched[caller]) addEdge(calleeEdges, caller, callee, w, inlined[i] === 1);
    }
  });
  const percent = (v: number, base: number) => (base === 0 ? 0 : (Math.abs(v) / base) * 100);
  const edgeList = (node: number, edges: typeof callerEdges): PeekEdge[] =>
    [...(edges.get(node) ?? new Map()).entries()]
      .map(([other, e]) => ({
        name: view.names[other],
        value: e.value,
        percent: percent(e.value, cum[node]),
        inline: e.inline,
      }))
      .sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || compareStrings(a.name, b.name));
  const nodes: number[] = [];
  matched.forEach((m, n) => m && (flat[n] !== 0 || cum[n] !== 0) && nodes.push(n));
  nodes.sort(
    (a, b) =>
      Math.abs(flat[b]) - Math.abs(flat[a]) ||
      compareStrings(view.names[a], view.names[b]) ||
      Math.abs(cum[b]) - Math.abs(cum[a]),
  );
  const outermostMatch = (frames: Int32Array, depth: number) => {
    for (let i = 0; i < depth; i++) if (matched[frames[i]]) return i;
    return -1;
  };
  return {
    entries: nodes.map((n) => ({
      name: view.names[n],
      flat: flat[n],
      flatPercent: percent(flat[n], view.total),
      cum: cum[n],
      cumPercent: percent(cum[n], view.total),
      callers: edgeList(n, callerEdges),
      callees: edgeList(n, calleeEdges),
    })),
    callers: buildFlameTree(
      mergedStacks(view, (frames, depth) => {
        const at = outermostMatch(frames, depth);
        return at < 0 ? undefined : [0, at + 1];
      }),
      true,
    ),
    callees: buildFlameTree(
      mergedStacks(view, (frames, depth) => {
        const at = outermostMatch(frames, depth);
        return at < 0 ? undefined : [at, depth];
      }),
    ),
    total: view.total,
    sampleType: view.sampleType,
    unit: view.unit,
  };
}

/** `fn` may be an exact name that is not a valid regex, e.g. "main.(*T).run(". */
function compileOrUndefined(source: string): RegExp | undefined {
  try {
    return compileGoRegexp('peek', source);
  } catch {
    return undefined;
  }
}
