const units: Array<[number, string]> = [
  [1, 'ns'],
  [1e3, 'µs'],
  [1e6, 'ms'],
  [1e9, 's'],
];

/**
 * Tick labels for a time axis: one unit for the whole axis, chosen from the tick step (so 0.5s
 * steps read "0.5s", not "500000000"), with just enough decimals to tell ticks apart.
 */
export function timeTickFormat(stepNs: number): (ns: number) => string {
  let unit = units[0];
  for (const u of units) if (stepNs >= u[0] / 10) unit = u;
  const step = stepNs / unit[0];
  const decimals = step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
  return (ns) => `${(ns / unit[0]).toFixed(decimals)}${unit[1]}`;
}

/** The step between d3's ticks for a domain, for `timeTickFormat`. */
export function tickStep(ticks: number[]): number {
  return ticks.length > 1 ? ticks[1] - ticks[0] : 1;
}
