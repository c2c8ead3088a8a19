// The station contract (STYLE 2): every channel the renderer may call and every event it may receive.
import { z } from 'zod';
import { channel, type ContractShape, type EventShape } from './define.js';

/** The cinema a station belongs to, as the renderer needs it. */
export type CinemaInfo = { id: string; name: string; timeZone: string; currency: string; locale: string };

/** How the station stands with the sync server. */
export type SyncStatus = {
  state: 'online' | 'connecting' | 'offline';
  lastSyncAt: string | null;
  pendingCount: number;
  reviewCount: number;
  cursor: number;
  catchUp: { done: number; total: number } | null;
  lastError: string | null;
};

/** Who and where the station is. */
export type StationStatus = {
  stationId: string;
  kiosk: boolean;
  cinema: CinemaInfo | null;
  sync: SyncStatus;
  counts: { shows: number; seats: number };
};

const empty = z.object({}).strict();

export const stationContract = {
  'station:status': channel<StationStatus>()(empty, 'none', 'Who and where this station is, and how it stands with the server.'),
} satisfies ContractShape;

export type StationContract = typeof stationContract;
export type StationChannel = keyof StationContract;

export const syncStatusSchema = z.object({
  state: z.enum(['online', 'connecting', 'offline']),
  lastSyncAt: z.string().nullable(),
  pendingCount: z.number().int(),
  reviewCount: z.number().int(),
  cursor: z.number().int(),
  catchUp: z.object({ done: z.number(), total: z.number() }).nullable(),
  lastError: z.string().nullable(),
});

export const stationEvents = {
  'sync:status': syncStatusSchema,
} satisfies EventShape;

export type StationEvents = typeof stationEvents;
