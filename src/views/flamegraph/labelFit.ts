import { shortFrameName } from './flameColors';

/**
 * The label that fits a box: the full name, else the name without its package directory, else
 * that name cut with an ellipsis; '' when not even a few characters fit. `measure` returns a
 * string's width in pixels (cached by the caller, since canvas text measurement is slow).
 */
export function fitLabel(
  name: string,
  maxWidth: number,
  measure: (text: string) => number,
): string {
  if (maxWidth < minLabelWidth) return '';
  if (measure(name) <= maxWidth) return name;
  const short = shortFrameName(name);
  if (short !== name && measure(short) <= maxWidth) return short;
  const room = maxWidth - measure(ellipsis);
  // Start from the average character width, then shorten until it fits.
  let length = Math.floor((room / measure(short)) * short.length);
  while (length > 0 && measure(short.slice(0, length)) > room) length--;
  return length < 2 ? '' : short.slice(0, length) + ellipsis;
}

const ellipsis = '…';
const minLabelWidth = 18;

/** A text measurer that remembers widths, one per font. */
export function cachedMeasure(ctx: CanvasRenderingContext2D): (text: string) => number {
  const widths = new Map<string, number>();
  return (text) => {
    let width = widths.get(text);
    if (width === undefined) {
      width = ctx.measureText(text).width;
      if (widths.size > 50_000) widths.clear();
      widths.set(text, width);
    }
    return width;
  };
}
