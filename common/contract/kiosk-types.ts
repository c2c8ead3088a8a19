// What the station contract tells a self-service kiosk (issue 18): whether it can serve, and how a
// card payment ended.
import type { SaleView } from './station-types.js';

/** Why a kiosk cannot serve customers now; `detail` is for staff, the screen words are the renderer's. */
export type KioskOutOfService = {
  reason: 'closed' | 'not-enrolled' | 'catching-up' | 'printer' | 'paper' | 'terminal' | 'offline';
  detail: string;
};

/** The kiosk as its screen needs it. */
export type KioskStatus = {
  /** A till is open for the kiosk: customers may buy. */
  open: boolean;
  /** Who opened the kiosk (its till's owner), for staff. */
  openedBy: string | null;
  /** Null while the kiosk can serve. */
  outOfService: KioskOutOfService | null;
  /** Offline: only seats escrowed to this kiosk sell. */
  offline: boolean;
  /** Seconds without a touch before the idle warning, and how long the warning counts down. */
  idleSeconds: number;
  warnSeconds: number;
  terminal: { kind: string; state: 'idle' | 'waiting-for-card' };
  /** The cinema's languages the kiosk offers, first the default. */
  languages: string[];
};

/** How a kiosk card payment ended. Only `approved` sold anything; otherwise the seats stay held. */
export type KioskPayResult =
  | { outcome: 'approved'; reference: string; sale: SaleView }
  | { outcome: 'declined'; reason: string }
  | { outcome: 'cancelled' }
  | { outcome: 'timed-out' }
  /** The card was charged but the sale failed; the terminal gave the money back. */
  | { outcome: 'reversed'; code: string; message: string };
