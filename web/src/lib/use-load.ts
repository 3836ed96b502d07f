import { useCallback, useEffect, useState } from 'react';
import { useLive } from '../live/live-updates';

/** What a screen loaded: data, or the refusal, while `loading` says a request runs. */
export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  readonly reload: () => void;
}

/**
 * Loads data for a screen, again when `keys` change and whenever the event stream reports something (so a
 * signature by the other party shows without reloading the page).
 */
export function useLoad<T>(load: () => Promise<T>, keys: readonly unknown[]): Loaded<T> {
  const { revision } = useLive();
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [nonce, setNonce] = useState(0);
  // The caller's keys decide when to load again.
  const stableLoad = useCallback(load, keys);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    stableLoad().then(
      (data) => {
        if (current) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (current) setState((previous) => ({ data: previous.data, error, loading: false }));
      },
    );
    return () => {
      current = false;
    };
  }, [stableLoad, revision, nonce]);
  const reload = useCallback(() => {
    setNonce((n) => n + 1);
  }, []);
  return { ...state, reload };
}

/** Runs an action (a write), keeping its refusal and whether it runs. */
export function useAction<A extends unknown[], T>(action: (...args: A) => Promise<T>) {
  const [state, setState] = useState<{ running: boolean; error: unknown; done: T | undefined }>({
    running: false,
    error: undefined,
    done: undefined,
  });
  const run = useCallback(
    async (...args: A): Promise<T | undefined> => {
      setState({ running: true, error: undefined, done: undefined });
      try {
        const result = await action(...args);
        setState({ running: false, error: undefined, done: result });
        return result;
      } catch (error) {
        setState({ running: false, error, done: undefined });
        return undefined;
      }
    },
    [action],
  );
  return { ...state, run };
}
