/**
 * Sample values as `go tool pprof` prints them (internal/measurement/measurement.go): time and
 * bytes scaled to the largest unit that keeps the number at least 1, bytes in binary multiples
 * (pprof's kB is 1024 bytes), two decimals with a trailing ".00" dropped. Counts get k/M here,
 * where pprof prints them whole; tables that must match pprof use `formatInUnit`.
 */
export function formatValue(value: number, unit: string): string {
  const family = unitFamily(unit);
  if (!family) return label(value, autoStep(Math.abs(value), countSteps));
  const base = value * family.factorOf(unit);
  return label(base, autoStep(Math.abs(base), family.steps));
}

/** A formatter bound to one unit, for components that take `(v: number) => string`. */
export function valueFormatter(unit: string): (value: number) => string {
  return (value) => formatValue(value, unit);
}

/**
 * The one unit pprof's text reports use for every row (report.go selectOutputUnit): the unit of
 * the smallest non-zero value, moved up while that value stays at least 0.01 when the total is in
 * a larger unit. `undefined` for counts, which pprof prints whole.
 */
export function tableUnit(smallest: number, total: number, unit: string): string | undefined {
  const family = unitFamily(unit);
  if (!family) return undefined;
  const factor = family.factorOf(unit);
  const min = (smallest > 0 ? smallest : total) * factor;
  const max = total * factor;
  const minStep = autoStep(min, family.steps);
  const maxStep = autoStep(max, family.steps);
  const step = minStep !== maxStep && min * 100 < max ? autoStep(100 * min, family.steps) : minStep;
  return step.suffix;
}

/** A value in a fixed unit (from `tableUnit`), as pprof's -top columns print it. */
export function formatInUnit(value: number, unit: string, target: string | undefined): string {
  const family = unitFamily(unit);
  const step = family?.steps.find((s) => s.suffix === target);
  if (!family || !step) return label(value, { factor: 1, suffix: '' });
  return label(value * family.factorOf(unit), step);
}

/**
 * Percent of the whole as pprof prints it (measurement.Percentage): two decimals from 1%, two
 * significant digits below, and exactly "100%" within rounding of the whole.
 */
export function formatPercent(value: number, whole: number): string {
  const ratio = whole === 0 ? 0 : Math.abs(value / whole) * 100;
  if (ratio >= 99.95 && ratio <= 100.05) return '100%';
  if (ratio >= 1) return `${ratio.toFixed(2)}%`;
  if (ratio === 0) return '0%';
  return `${Number(ratio.toPrecision(2))}%`;
}

interface Step {
  factor: number;
  suffix: string;
}

interface UnitFamily {
  steps: Step[];
  /** Base units (bytes, nanoseconds) per one of the given unit. */
  factorOf(unit: string): number;
}

const byteSteps: Step[] = [
  { factor: 1, suffix: 'B' },
  { factor: 1024, suffix: 'kB' },
  { factor: 1024 ** 2, suffix: 'MB' },
  { factor: 1024 ** 3, suffix: 'GB' },
  { factor: 1024 ** 4, suffix: 'TB' },
  { factor: 1024 ** 5, suffix: 'PB' },
];

const timeSteps: Step[] = [
  { factor: 1, suffix: 'ns' },
  { factor: 1e3, suffix: 'µs' },
  { factor: 1e6, suffix: 'ms' },
  { factor: 1e9, suffix: 's' },
  { factor: 3600e9, suffix: 'hrs' },
];

const countSteps: Step[] = [
  { factor: 1, suffix: '' },
  { factor: 1e3, suffix: 'k' },
  { factor: 1e6, suffix: 'M' },
  { factor: 1e9, suffix: 'G' },
];

// pprof's aliases, matched after lowercasing and dropping a plural "s" (measurement.sniffUnit).
const byteAliases: Record<string, number> = {
  b: 1,
  byte: 1,
  kb: 1024,
  kbyte: 1024,
  kilobyte: 1024,
  mb: 1024 ** 2,
  mbyte: 1024 ** 2,
  megabyte: 1024 ** 2,
  gb: 1024 ** 3,
  gbyte: 1024 ** 3,
  gigabyte: 1024 ** 3,
};

const timeAliases: Record<string, number> = {
  ns: 1,
  nanosecond: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  microsecond: 1e3,
  ms: 1e6,
  millisecond: 1e6,
  s: 1e9,
  sec: 1e9,
  second: 1e9,
  hr: 3600e9,
  hour: 3600e9,
};

function sniff(unit: string): string {
  const u = unit.toLowerCase();
  return u.length > 2 && u.endsWith('s') ? u.slice(0, -1) : u;
}

function unitFamily(unit: string): UnitFamily | undefined {
  const key = sniff(unit);
  if (key in byteAliases) return { steps: byteSteps, factorOf: (u) => byteAliases[sniff(u)] };
  if (key in timeAliases) return { steps: timeSteps, factorOf: (u) => timeAliases[sniff(u)] };
  return undefined;
}

function autoStep(magnitude: number, steps: Step[]): Step {
  let step = steps[0];
  for (const candidate of steps) if (magnitude / candidate.factor >= 1) step = candidate;
  return step;
}

function label(base: number, step: Step): string {
  const text = (base / step.factor).toFixed(2).replace(/\.00$/, '');
  if (text === '0' || text === '-0') return '0';
  return text + step.suffix;
}
