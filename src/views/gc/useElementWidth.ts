import { startTransition, useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The element's content width in CSS pixels, following resizes. The first width comes from the
 * observer too, after the browser's own layout: reading it while React commits would force a
 * layout there and re-render every chart synchronously, in the same long task.
 */
export function useElementWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      const next = el.clientWidth;
      startTransition(() => setWidth(next));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
