// Loads a report when its question changes; an answer to an older question is dropped, so a quick
// change of period never shows the previous period's figures under the new heading.
import { useEffect, useState } from 'react';
import { errorText } from '../kit/fields.js';

/** The report `load` gives, reloaded whenever `key` changes. */
export function useReport<T>(
  key: string,
  load: () => Promise<T>,
): { data: T | null; error: string | null; loading: boolean } {
  const [state, setState] = useState<{ key: string; data: T | null; error: string | null }>({
    key: '',
    data: null,
    error: null,
  });
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ key, data, error: null }),
      (e: unknown) => live && setState({ key, data: null, error: errorText(e) }),
    );
    return () => {
      live = false;
    };
    // `load` is rebuilt on every render; the key says when the question changed.
  }, [key]);
  return {
    data: state.key === key ? state.data : null,
    error: state.key === key ? state.error : null,
    loading: state.key !== key,
  };
}
