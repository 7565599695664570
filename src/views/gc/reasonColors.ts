import { schemeTableau10 } from 'd3';

/** The colour of a pause reason (or any category) by its index, the same in every GC chart. */
export function reasonColor(index: number): string {
  return schemeTableau10[index % schemeTableau10.length];
}
