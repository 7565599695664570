/**
 * D3's Tableau10 scheme, written out: importing `schemeTableau10` pulls in d3-scale-chromatic,
 * whose module body builds every scheme and ramp at page start-up, on the main thread.
 */
const tableau10 = [
  '#4e79a7',
  '#f28e2c',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc949',
  '#af7aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ab',
];

/** The colour of a pause reason (or any category) by its index, the same in every GC chart. */
export function reasonColor(index: number): string {
  return tableau10[index % tableau10.length];
}
