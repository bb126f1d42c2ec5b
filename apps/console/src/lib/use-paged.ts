import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Page } from '../api/client';

export interface Paged<T> {
  items: T[] | undefined;
  error: Error | undefined;
  loading: boolean;
  /** Present while the server announced another page (X-Next-Cursor). */
  more: (() => unknown) | undefined;
  reload: () => void;
}

/**
 * A cursor-paged list: the first page when `deps` change, the next one appended on `more()`.
 * A change of `deps` drops pages still in flight for the old list.
 */
export function usePaged<T>(load: (cursor: string | undefined) => Promise<Page<T>>, deps: unknown[]): Paged<T> {
  const [state, setState] = useState<{ items?: T[]; next?: string; error?: Error; loading: boolean }>({ loading: true });
  const generation = useRef(0);
  const fetchPage = (cursor: string | undefined, append: boolean): void => {
    const mine = generation.current;
    setState((s) => ({ ...s, error: undefined, loading: true }));
    load(cursor).then(
      (page) =>
        mine === generation.current && setState((s) => ({ items: append ? [...(s.items ?? []), ...page.items] : page.items, next: page.next, loading: false })),
      (error: unknown) =>
        mine === generation.current && setState((s) => ({ ...s, error: error instanceof Error ? error : new Error(String(error)), loading: false })),
    );
  };
  const reload = useCallback(() => {
    generation.current++;
    // The old rows stay on screen (marked busy) until the new first page replaces them: no flash of a spinner per keystroke or filter.
    setState((s) => ({ items: s.items, loading: true }));
    fetchPage(undefined, false);
  }, deps);
  useEffect(reload, [reload]);
  const next = state.next;
  return {
    items: state.items,
    error: state.error,
    loading: state.loading,
    more: next ? () => !state.loading && fetchPage(next, true) : undefined,
    reload,
  };
}
