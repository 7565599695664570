import { startTransition, useEffect, useState } from 'react';
import type { QueryPriority } from '../../workers/engine/fileEngine';
import { queryFile, QueryError } from './fileWorkers';

export interface QueryState<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
}

export interface QueryOptions {
  priority?: QueryPriority;
  /** While false nothing is asked (e.g. until the view knows its width). */
  enabled?: boolean;
}

/**
 * Asks the file's worker for what a view needs, again whenever the arguments change. Arguments
 * are compared by their JSON, so callers may pass fresh object literals.
 */
export function useFileQuery<T>(
  fileId: string,
  name: string,
  args: unknown = {},
  { priority = 'normal', enabled = true }: QueryOptions = {},
): QueryState<T> {
  const key = JSON.stringify(args);
  const [state, setState] = useState<QueryState<T> & { key?: string }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    // A result may re-render a whole view: as a transition, React renders it in slices that
    // leave the main thread free between them, instead of in one long task.
    const settle = (next: QueryState<T>) =>
      live && startTransition(() => setState({ ...next, key }));
    queryFile<T>(fileId, name, JSON.parse(key), priority).then(
      (data) => settle({ data, error: undefined, loading: false }),
      (err: unknown) =>
        settle({
          data: undefined,
          error: err instanceof QueryError || err instanceof Error ? err.message : String(err),
          loading: false,
        }),
    );
    return () => {
      live = false;
    };
  }, [fileId, name, key, priority, enabled]);
  return { ...state, loading: state.loading || state.key !== key };
}
