/**
 * A count with thousands separators ("12,345"), as `toLocaleString('en-US')` writes it, without
 * that call's cost: the first toLocaleString in a page loads ICU's number formatting, a
 * main-thread pause of tens of milliseconds in the middle of a view's first render.
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [whole, fraction] = String(Math.round(Math.abs(n) * 1000) / 1000).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}
