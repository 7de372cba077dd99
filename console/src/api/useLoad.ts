import { useEffect, useState } from 'preact/hooks';
import { problemText } from './client';

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

const sameInputs = (a: readonly unknown[] | undefined, b: readonly unknown[]) => a !== undefined && a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/**
 * Runs an API call when its inputs change; `{ data, error }` as openapi-fetch answers.
 * `inputs` say what is shown: while the answer for new inputs is on its way nothing is shown, so
 * an auditor never reads station S1's figures under S3's heading. `refresh` (and `reload()`) fetch
 * the same thing again and keep the current answer on screen until the new one arrives.
 */
export function useLoad<T>(call: () => Promise<{ data?: T; error?: unknown }>, inputs: unknown[], refresh: unknown = 0): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: string | null; loading: boolean; for?: unknown[] }>({ data: undefined, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    call().then(
      ({ data, error }) => live && setState({ data, error: error === undefined ? null : problemText(error), loading: false, for: inputs }),
      (error: unknown) => live && setState({ data: undefined, error: problemText(error), loading: false, for: inputs }),
    );
    return () => {
      live = false;
    };
  }, [...inputs, refresh, tick]);
  const reload = () => setTick((n) => n + 1);
  if (!sameInputs(state.for, inputs)) return { data: undefined, error: null, loading: true, reload };
  return { ...state, reload };
}
