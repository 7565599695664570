import { scaleLinear } from 'd3';
import { formatValue } from '../units/formatValue';

/** One tick of the time axis: where it is and how it reads. */
export interface TimeTick {
  t: number;
  label: string;
}

const units = [
  { factor: 1, suffix: 'ns' },
  { factor: 1e3, suffix: 'µs' },
  { factor: 1e6, suffix: 'ms' },
  { factor: 1e9, suffix: 's' },
];

/**
 * Ticks about every 100 px, all labelled in the unit of the window's far end (a window at 1 ms
 * reads "1.002 ms", "1.004 ms"), with just the decimals the step needs. The one time axis of the
 * trace timeline and of every GC chart, so they read alike.
 */
export function timeTicks(from: number, to: number, width: number): TimeTick[] {
  const count = Math.max(2, Math.floor(width / 100));
  const ticks = scaleLinear().domain([from, to]).ticks(count);
  if (ticks.length < 2) return ticks.map((t) => ({ t, label: formatValue(t, 'ns') }));
  const step = ticks[1] - ticks[0];
  const unit = unitFor(Math.max(Math.abs(from), Math.abs(to)));
  const scaled = step / unit.factor;
  const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(scaled) + 1e-9)));
  return ticks.map((t) => ({
    t,
    label: t === 0 ? '0' : `${(t / unit.factor).toFixed(decimals)} ${unit.suffix}`,
  }));
}

function unitFor(ns: number) {
  let unit = units[0];
  for (const u of units) if (Math.abs(ns) >= u.factor) unit = u;
  return unit;
}
