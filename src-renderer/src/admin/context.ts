// What every admin screen reads: the API of the signed-in manager, the cinema being managed, whether
// edits are possible now (offline: read-only, with the reason), and the unsaved-changes guard.
import { createContext, useContext } from 'react';
import type { AdminApi } from './api.js';

export type AdminContext = {
  api: AdminApi;
  cinemaId: string;
  /** Set when nothing can be changed now, with the reason. */
  readOnly: string | null;
  /** A screen reports whether it has unsaved changes; leaving asks first while it has. */
  setDirty: (dirty: boolean) => void;
  /** Runs `leave` now, or after the person agrees to discard unsaved changes. */
  guard: (leave: () => void) => void;
  /** Marks the view read-only after a call found the server unreachable. */
  wentOffline: () => void;
};

export const AdminCtx = createContext<AdminContext | null>(null);

/** The admin context of the current screen. */
export function useAdmin(): AdminContext {
  const c = useContext(AdminCtx);
  if (!c) throw new Error('AdminCtx is missing');
  return c;
}
