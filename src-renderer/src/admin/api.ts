// The admin view's REST client (DESIGN §13): ky on the station shell's /server route (the shell
// forwards it to the sync server, so the page stays same-origin), with the staff token the station
// obtained for the signed-in manager, kept in memory only. Every answer is parsed with the zod
// schema of common/api/, so the client and the server read one contract.
import ky, { HTTPError, type KyInstance } from 'ky';
import type { z } from 'zod';
import {
  cinemaList,
  cinemaView,
  formatList,
  screenList,
  screenView,
  type CinemaPatch,
  type ScreenInput,
  type ScreenPatch,
} from '../../../common/api/admin-cinemas.js';
import {
  filmList,
  filmView,
  type FilmInput,
  type FilmListQuery,
} from '../../../common/api/admin-films.js';
import {
  layoutSaved,
  layoutSummaryList,
  layoutView,
  type LayoutDraft,
} from '../../../common/api/admin-layouts.js';
import {
  staffAdminView,
  staffPage,
  staffWithPin,
  type CreateStaffBody,
  type StaffListQuery,
  type StaffPatch,
} from '../../../common/api/admin-staff.js';
import { tokenPair, type TokenPairView } from '../../../common/api/identity.js';
import {
  createStationBody,
  enrollmentCodeView,
  stationList,
} from '../../../common/api/stations.js';
import type { FieldErrors } from '../../../common/api/admin-common.js';
import { pricesApi } from './prices/api.js';
import { scheduleApi } from './schedule/api.js';
import { doorApi } from './door/api.js';
import { feedbackApi } from './feedback/api.js';
import { reportsApi } from './reports/api.js';
import { systemApi } from './system/api.js';

/** Where the shell forwards admin calls to the sync server. */
export const SERVER_PREFIX = '/server/api/v1';

export { serverAsset } from '../lib/server-asset.js';

/** A refused or failed call, as a form shows it. */
export class AdminError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** JSON pointer → what is wrong, for 400 BO_VALIDATION. */
    readonly fields: FieldErrors = {},
  ) {
    super(message);
    this.name = 'AdminError';
  }
}

type Tokens = { current: TokenPairView };

async function toAdminError(e: unknown): Promise<AdminError> {
  if (e instanceof HTTPError) {
    let body: unknown = null;
    try {
      body = await e.response.json();
    } catch {
      body = null;
    }
    const err = (
      body as {
        error?: { code?: string; message?: string; details?: { fields?: FieldErrors } };
      } | null
    )?.error;
    return new AdminError(
      err?.code ?? 'BO_UNAVAILABLE',
      err?.message ?? `The server answered ${String(e.response.status)}.`,
      e.response.status,
      err?.details?.fields ?? {},
    );
  }
  if (e instanceof AdminError) return e;
  return new AdminError(
    'BO_OFFLINE',
    'The server cannot be reached; nothing was changed. Try again when the station is online.',
    0,
  );
}

function search(q: Record<string, string | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') out[k] = String(v);
  return out;
}

/** The admin API for one signed-in manager; `onSignedOut` runs when the server ends the session. */
export function createAdminApi(
  tokens: TokenPairView,
  opts: { onSignedOut: () => void; prefix?: string; fetch?: typeof fetch },
) {
  const held: Tokens = { current: tokens };
  const base = ky.create({
    prefixUrl: opts.prefix ?? SERVER_PREFIX,
    timeout: 15_000,
    retry: 0,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  let refreshing: Promise<void> | undefined;
  const refresh = (): Promise<void> => {
    refreshing ??= base
      .post('auth/refresh', { json: { refreshToken: held.current.refreshToken } })
      .json()
      .then((raw) => {
        held.current = tokenPair.parse(raw);
      })
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  };
  const http: KyInstance = base.extend({
    hooks: {
      beforeRequest: [
        (request) => {
          request.headers.set('authorization', `Bearer ${held.current.accessToken}`);
        },
      ],
      afterResponse: [
        async (request, _options, response) => {
          // An expired access token: refresh once and repeat the call with the new one.
          if (response.status !== 401 || request.headers.get('x-retried') === '1') return response;
          try {
            await refresh();
          } catch {
            opts.onSignedOut();
            return response;
          }
          request.headers.set('authorization', `Bearer ${held.current.accessToken}`);
          request.headers.set('x-retried', '1');
          return base(request);
        },
      ],
    },
  });

  async function call<S extends z.ZodType>(
    schema: S,
    run: () => Promise<unknown>,
  ): Promise<z.infer<S>> {
    try {
      return schema.parse(await run());
    } catch (e) {
      throw await toAdminError(e);
    }
  }
  async function none(run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (e) {
      throw await toAdminError(e);
    }
  }

  return {
    ...scheduleApi({ http, call, none, search }),
    ...pricesApi({ http, call, none, search }),
    ...systemApi({ http, call, none, search }),
    ...reportsApi({ http, call, none, search }),
    ...feedbackApi({ http, call, none, search }),
    ...doorApi({ http, call, none, search }),
    /** Ends the session on the server; the tokens are forgotten either way. */
    signOut: () => none(() => http.post('auth/logout', { json: {} })).catch(() => undefined),

    // Cinemas, screens, formats
    cinemas: () => call(cinemaList, () => http.get('admin/cinemas').json()),
    cinema: (id: string) => call(cinemaView, () => http.get(`admin/cinemas/${id}`).json()),
    updateCinema: (id: string, patch: CinemaPatch) =>
      call(cinemaView, () => http.patch(`admin/cinemas/${id}`, { json: patch }).json()),
    formats: () => call(formatList, () => http.get('admin/formats').json()),
    screens: (cinemaId: string) =>
      call(screenList, () => http.get(`admin/cinemas/${cinemaId}/screens`).json()),
    createScreen: (cinemaId: string, input: ScreenInput) =>
      call(screenView, () =>
        http.post(`admin/cinemas/${cinemaId}/screens`, { json: input }).json(),
      ),
    updateScreen: (screenId: string, patch: ScreenPatch) =>
      call(screenView, () => http.patch(`admin/screens/${screenId}`, { json: patch }).json()),

    // Films
    films: (q: Partial<FilmListQuery>) =>
      call(filmList, () => http.get('admin/films', { searchParams: search(q) }).json()),
    film: (id: string) => call(filmView, () => http.get(`admin/films/${id}`).json()),
    createFilm: (input: FilmInput) =>
      call(filmView, () => http.post('admin/films', { json: input }).json()),
    updateFilm: (id: string, input: FilmInput) =>
      call(filmView, () => http.put(`admin/films/${id}`, { json: input }).json()),
    uploadPoster: (id: string, file: Blob, fileName: string) => {
      const form = new FormData();
      form.append('poster', file, fileName);
      return call(filmView, () => http.put(`admin/films/${id}/poster`, { body: form }).json());
    },
    removePoster: (id: string) =>
      call(filmView, () => http.delete(`admin/films/${id}/poster`).json()),

    // Seat layouts
    layouts: (screenId: string) =>
      call(layoutSummaryList, () => http.get(`admin/screens/${screenId}/layouts`).json()),
    layout: (layoutId: string) =>
      call(layoutView, () => http.get(`admin/layouts/${layoutId}`).json()),
    createLayout: (screenId: string, draft: LayoutDraft) =>
      call(layoutView, () =>
        http.post(`admin/screens/${screenId}/layouts`, { json: draft }).json(),
      ),
    saveLayout: (layoutId: string, draft: LayoutDraft) =>
      call(layoutSaved, () => http.put(`admin/layouts/${layoutId}`, { json: draft }).json()),
    activateLayout: (layoutId: string) =>
      call(layoutView, () => http.post(`admin/layouts/${layoutId}/activate`, { json: {} }).json()),

    // Staff
    staff: (cinemaId: string, q: Partial<StaffListQuery>) =>
      call(staffPage, () =>
        http.get(`admin/cinemas/${cinemaId}/staff`, { searchParams: search(q) }).json(),
      ),
    createStaff: (cinemaId: string, body: CreateStaffBody) =>
      call(staffWithPin, () => http.post(`admin/cinemas/${cinemaId}/staff`, { json: body }).json()),
    updateStaff: (staffId: string, patch: StaffPatch) =>
      call(staffAdminView, () => http.patch(`admin/staff/${staffId}`, { json: patch }).json()),
    resetPin: (staffId: string) =>
      call(staffWithPin, () => http.post(`admin/staff/${staffId}/pin`, { json: {} }).json()),
    unlockStaff: (staffId: string) =>
      none(() => http.post(`admin/staff/${staffId}/unlock`, { json: {} })),

    // Stations
    stations: (cinemaId: string) =>
      call(stationList, () => http.get(`admin/cinemas/${cinemaId}/stations`).json()),
    createStation: (cinemaId: string, body: z.infer<typeof createStationBody>) =>
      call(enrollmentCodeView, () =>
        http.post(`admin/cinemas/${cinemaId}/stations`, { json: body }).json(),
      ),
    newEnrollmentCode: (stationId: string) =>
      call(enrollmentCodeView, () =>
        http.post(`admin/stations/${stationId}/enrollment-code`, { json: {} }).json(),
      ),
    revokeStation: (stationId: string) => none(() => http.delete(`admin/stations/${stationId}`)),
  };
}

/** What a section's API file builds its calls from (schedule/api.ts, prices/api.ts). */
export type ApiParts = {
  http: KyInstance;
  /** Runs a request and parses its answer with the contract's schema; failures become AdminError. */
  call: <S extends z.ZodType>(schema: S, run: () => Promise<unknown>) => Promise<z.infer<S>>;
  /** Runs a request whose answer is not needed. */
  none: (run: () => Promise<unknown>) => Promise<void>;
  /** Query parameters without the empty ones. */
  search: (q: Record<string, string | number | undefined>) => Record<string, string>;
};

/** The admin API of one signed-in manager. */
export type AdminApi = ReturnType<typeof createAdminApi>;
