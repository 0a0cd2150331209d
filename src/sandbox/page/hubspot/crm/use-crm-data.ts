/**
 * Loads the data of one CRM data component and reloads it when its request changes (compared as JSON, since the
 * props crossed from a worker and are new objects on every render) or when `reload` is called (after an inline
 * edit). The answer is `{ data }` or `{ error }`, as the sandbox server gives it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DataAnswer } from '../../../shared/protocol';

export type CrmData<T> = { readonly state: 'loading' } | { readonly state: 'error'; readonly message: string } | { readonly state: 'ready'; readonly data: T };

export function useCrmData<T>(request: unknown, load: () => Promise<DataAnswer<T>>): { data: CrmData<T>; reload: () => void } {
  const key = JSON.stringify(request) ?? '';
  const [data, setData] = useState<CrmData<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  useEffect(() => {
    let live = true;
    setData((d) => (d.state === 'ready' ? d : { state: 'loading' }));
    loader.current().then(
      (answer) => {
        if (!live) return;
        if (answer.data !== undefined) setData({ state: 'ready', data: answer.data });
        else setData({ state: 'error', message: answer.error ?? 'The data could not be read.' });
      },
      (e: unknown) => {
        if (live) setData({ state: 'error', message: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, reload };
}
