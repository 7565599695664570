import { labelFont as flameFont } from '../flamegraph/drawFlame';

/** The fonts the views' canvases write in: the trace tracks' labels and the flame graph's. */
const canvasFonts = ['11px system-ui, sans-serif', '10px system-ui, sans-serif', flameFont];

/**
 * The first text a page writes on a canvas pays for setting its font up, tens of milliseconds
 * on a busy machine. Writing a few characters on a scrap canvas while the worker decodes moves
 * that cost out of the views' first paint, when the page is otherwise idle.
 */
export function warmCanvasText(): () => void {
  const run = () => {
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx) return;
    for (const font of canvasFonts) {
      ctx.font = font;
      ctx.fillText('GC P0 G1 assist/sweep main.(*T).f 0123456789…', 0, 8);
    }
  };
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 1000 });
    return () => cancelIdleCallback(id);
  }
  const timer = setTimeout(run, 0);
  return () => clearTimeout(timer);
}
