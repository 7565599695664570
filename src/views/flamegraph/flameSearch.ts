import type { FlameTree } from '../../../workers/flame/flameTree';

/** What to highlight: a regex over frame names, or an exact set of names. */
export type FlameHighlight = RegExp | ReadonlySet<string>;

/** Per name index, 1 when the name matches. */
export function matchNames(names: readonly string[], highlight: FlameHighlight): Uint8Array {
  const mask = new Uint8Array(names.length);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    let hit: boolean;
    if (highlight instanceof RegExp) {
      highlight.lastIndex = 0;
      hit = highlight.test(name);
    } else {
      hit = highlight.has(name);
    }
    if (hit) mask[i] = 1;
  }
  return mask;
}

/**
 * The value of the stacks that pass through a matching frame, each counted once: the totals of
 * matching nodes that have no matching ancestor (their subtrees are skipped), as pprof's search
 * reports the share of samples touching a match.
 */
export function matchedTotal(tree: FlameTree, nameMask: Uint8Array): number {
  let sum = 0;
  let node = 1;
  while (node < tree.total.length) {
    if (nameMask[tree.nameIndex[node]]) {
      sum += tree.total[node];
      node = tree.subtreeEnd[node];
    } else {
      node++;
    }
  }
  return sum;
}

/** A user-typed regex, or the reason it is not one (shown inline, never thrown). */
export function parseRegex(source: string): { regex?: RegExp; error?: string } {
  if (source === '') return {};
  try {
    return { regex: new RegExp(source) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
