import type { PprofModel } from './model';
import { forEachStackGroup } from './stackGroups';
import { buildStackView, type PprofViewOptions, type StackView } from './stackView';

export interface TopRow {
  name: string;
  flat: number;
  flatPercent: number;
  /** Running sum of flatPercent down the table, as pprof's "sum%". */
  sumPercent: number;
  cum: number;
  cumPercent: number;
  /** pprof's "(inline)" / "(partial-inline)" marks: reached only (or partly) through inlining. */
  inline?: 'inline' | 'partial-inline';
}

export interface TopResult {
  rows: TopRow[];
  /** Rows before `limit` was applied. */
  rowCount: number;
  /** The percentage base (see StackView.total) and the sum of flat over all rows. */
  total: number;
  shownTotal: number;
  sampleType: string;
  unit: string;
}

export type TopArgs = PprofViewOptions & { limit?: number };

/**
 * `go tool pprof -top`: flat and cum per frame at the chosen granularity, sorted by |flat|
 * descending, then by name, then by |cum|. Rows whose flat and cum are both 0 are left out
 * (pprof lists every location it knows, even ones no remaining sample reaches).
 */
export function topTable(model: PprofModel, args: TopArgs = {}): TopResult {
  const view = buildStackView(model, args);
  const { flat, cum, inlineIn, plainIn } = nodeTotals(view);
  const order: number[] = [];
  for (let n = 0; n < view.names.length; n++) if (flat[n] !== 0 || cum[n] !== 0) order.push(n);
  order.sort(
    (a, b) =>
      Math.abs(flat[b]) - Math.abs(flat[a]) ||
      compareStrings(view.names[a], view.names[b]) ||
      Math.abs(cum[b]) - Math.abs(cum[a]),
  );
  const percent = (v: number) => (view.total === 0 ? 0 : (Math.abs(v) / view.total) * 100);
  let sum = 0;
  const shown = args.limit !== undefined ? order.slice(0, args.limit) : order;
  let shownTotal = 0;
  for (const n of order) shownTotal += flat[n];
  const rows = shown.map((n): TopRow => {
    sum += flat[n];
    const row: TopRow = {
      name: view.names[n],
      flat: flat[n],
      flatPercent: percent(flat[n]),
      sumPercent: percent(sum),
      cum: cum[n],
      cumPercent: percent(cum[n]),
    };
    if (inlineIn[n]) row.inline = plainIn[n] ? 'partial-inline' : 'inline';
    return row;
  });
  return {
    rows,
    rowCount: order.length,
    total: view.total,
    shownTotal,
    sampleType: view.sampleType,
    unit: view.unit,
  };
}

/**
 * Per frame, as pprof's graph builds it (internal/graph newGraph): cum counts a sample once per
 * frame even when the frame recurs, flat goes to the leaf, and samples of value 0 are skipped.
 * Samples with identical stacks are counted together (stackGroups.ts).
 */
export function nodeTotals(view: StackView): NodeTotals {
  let totals = totalsOfView.get(view);
  if (!totals) {
    totals = computeNodeTotals(view);
    totalsOfView.set(view, totals);
  }
  return totals;
}

/** Per frame name index; shared between callers of one view: read, never change. */
export interface NodeTotals {
  flat: Float64Array;
  cum: Float64Array;
  inlineIn: Uint8Array;
  plainIn: Uint8Array;
}

const totalsOfView = new WeakMap<StackView, NodeTotals>();

function computeNodeTotals(view: StackView): NodeTotals {
  const count = view.names.length;
  const flat = new Float64Array(count);
  const cum = new Float64Array(count);
  const inlineIn = new Uint8Array(count);
  const plainIn = new Uint8Array(count);
  const seen = new Int32Array(count).fill(-1);
  forEachStackGroup(view, (g, frames, inlined, depth, groups) => {
    if (!groups.nonzero[g] || depth === 0) return;
    const w = groups.value[g];
    for (let i = 0; i < depth; i++) {
      const node = frames[i];
      if (seen[node] !== g) {
        seen[node] = g;
        cum[node] += w;
      }
      if (i > 0 && frames[i - 1] !== node) {
        if (inlined[i]) inlineIn[node] = 1;
        else plainIn[node] = 1;
      }
    }
    flat[frames[depth - 1]] += w;
  });
  return { flat, cum, inlineIn, plainIn };
}

/** Byte-wise order like Go's string comparison (UTF-16 order differs only beyond the BMP). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
