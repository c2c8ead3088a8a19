// Who signs in at a station: the signed-in person and the sign-in list (station contract outputs).

/** The signed-in staff member. */
export type StaffInfo = { id: string; name: string; role: 'cashier' | 'manager' | 'admin' };

/** A person who can sign in at this station, as the sign-in list shows them (never a PIN hash). */
export type SignInPerson = {
  id: string;
  name: string;
  role: 'cashier' | 'manager';
  /** When their lockout after wrong PINs ends (ISO instant), or null when they may sign in. */
  lockedUntil: string | null;
  /** Seconds of lockout left as the station counted them (0 when not locked): immune to clock skew. */
  lockedSeconds: number;
};
