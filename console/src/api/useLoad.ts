import { useEffect, useState } from 'preact/hooks';
import { problemText } from './client';

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/** Runs an API call when its inputs change; `{ data, error }` as openapi-fetch answers. */
export function useLoad<T>(call: () => Promise<{ data?: T; error?: unknown }>, inputs: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: string | null; loading: boolean }>({ data: undefined, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    call().then(
      ({ data, error }) => live && setState({ data, error: error === undefined ? null : problemText(error), loading: false }),
      (error: unknown) => live && setState({ data: undefined, error: problemText(error), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...inputs, tick]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}
