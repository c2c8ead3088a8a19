// Saving a form: the server's field errors go next to the fields, anything else above the form; an
// unreachable server turns the view read-only.
import { useState } from 'react';
import type { FieldErrors } from '../../../../common/api/admin-common.js';
import { AdminError } from '../api.js';
import { useAdmin } from '../context.js';

/** Runs a save; answers its result, or null when it failed (errors are then in the state). */
export function useSave() {
  const { wentOffline } = useAdmin();
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  async function save<T>(run: () => Promise<T>): Promise<T | null> {
    setSaving(true);
    setError(null);
    setServerErrors({});
    try {
      return await run();
    } catch (e) {
      const err = e instanceof AdminError ? e : new AdminError('BO_UNAVAILABLE', String(e), 0);
      if (err.code === 'BO_OFFLINE') wentOffline();
      setServerErrors(err.fields);
      setError(err.message);
      return null;
    } finally {
      setSaving(false);
    }
  }
  return { save, saving, error, serverErrors, clear: () => setServerErrors({}) };
}
