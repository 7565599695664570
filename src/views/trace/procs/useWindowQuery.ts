import { useEffect, useRef, useState } from 'react';
import { queryFile } from '../../../engine/fileWorkers';
import type { TimeRange } from '../timeline/viewportMath';
import type { WindowStore } from '../timeline/windowStore';

/** Quiet time after the last pan or zoom before asking the worker for the new resolution. */
const settleMs = 120;

/**
 * A lane query for the live window at the plot's pixel width, asked for again once the window
 * settles; meanwhile the tracks keep drawing the previous answer at the new scale. `args`
 * (plain data; undefined asks nothing) are compared by content, so callers may rebuild them on
 * every render; `shape` (a function defined once, not per render) turns an answer into what
 * the tracks draw.
 */
export function useWindowQuery<Answer, Data>(
  fileId: string,
  store: WindowStore,
  width: number,
  query: string,
  args: Record<string, unknown> | undefined,
  shape: (answer: Answer, window: TimeRange) => Data,
): { data: Data | undefined; error: string | undefined } {
  const [data, setData] = useState<Data>();
  const [error, setError] = useState<string>();
  const request = useRef(0);
  const argsKey = args === undefined ? '' : JSON.stringify(args);

  useEffect(() => {
    // Answers still on their way are for arguments no longer asked for.
    request.current++;
    if (width <= 1 || argsKey === '') return;
    const asked = JSON.parse(argsKey) as Record<string, unknown>;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fetch = () => {
      const id = ++request.current;
      const w = store.get();
      const window = { from: w.from, to: w.to };
      queryFile<Answer>(
        fileId,
        query,
        { ...asked, ...window, pixelWidth: Math.floor(width) },
        'paint',
      )
        .then((answer) => {
          if (id !== request.current) return;
          setData(shape(answer, window));
          setError(undefined);
        })
        .catch((err: unknown) => setError(String(err instanceof Error ? err.message : err)));
    };
    fetch();
    const unsubscribe = store.subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(fetch, settleMs);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [fileId, store, width, query, argsKey, shape]);

  return { data: argsKey === '' ? undefined : data, error };
}
