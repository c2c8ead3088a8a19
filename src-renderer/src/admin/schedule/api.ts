// The schedule's calls (common/api/admin-schedule.ts): the planner, batch creation, copy, publish,
// moves, free slots, house seats and quotas.
import { priceCardList } from '../../../../common/api/admin-prices.js';
import {
  adminShowSeats,
  availableSlots,
  batchPlan,
  plannedShow,
  publishResult,
  scheduleView,
  showsCreated,
  type BatchSpec,
  type ScheduleCopy,
  type SchedulePublish,
  type ShowPatch,
  type ShowsCreate,
} from '../../../../common/api/admin-schedule.js';
import type { ApiParts } from '../api.js';

/** The schedule part of the admin API. */
export function scheduleApi({ http, call, none, search }: ApiParts) {
  return {
    schedule: (cinemaId: string, from: string, days: number) =>
      call(scheduleView, () =>
        http
          .get(`admin/cinemas/${cinemaId}/schedule`, { searchParams: search({ from, days }) })
          .json(),
      ),
    planShows: (cinemaId: string, spec: BatchSpec) =>
      call(batchPlan, () =>
        http.post(`admin/cinemas/${cinemaId}/shows/plan`, { json: spec }).json(),
      ),
    createShows: (cinemaId: string, body: ShowsCreate) =>
      call(showsCreated, () => http.post(`admin/cinemas/${cinemaId}/shows`, { json: body }).json()),
    copySchedule: (cinemaId: string, body: ScheduleCopy) =>
      call(showsCreated, () =>
        http.post(`admin/cinemas/${cinemaId}/shows/copy`, { json: body }).json(),
      ),
    publishShows: (cinemaId: string, body: SchedulePublish) =>
      call(publishResult, () =>
        http.post(`admin/cinemas/${cinemaId}/shows/publish`, { json: body }).json(),
      ),
    patchShow: (showId: string, patch: ShowPatch) =>
      call(plannedShow, () => http.patch(`admin/shows/${showId}`, { json: patch }).json()),
    deleteShow: (showId: string) => none(() => http.delete(`admin/shows/${showId}`)),
    cancelShow: (showId: string, reason: string) =>
      none(() =>
        http.post(`admin/shows/${showId}/cancel`, {
          json: { reason },
          headers: { 'idempotency-key': crypto.randomUUID() },
        }),
      ),
    freeSlots: (screenId: string, date: string, filmId?: string) =>
      call(availableSlots, () =>
        http
          .get(`admin/screens/${screenId}/available-slots`, {
            searchParams: search({ date, filmId }),
          })
          .json(),
      ),
    showSeats: (showId: string) =>
      call(adminShowSeats, () => http.get(`admin/shows/${showId}/seats`).json()),
    blockSeats: (showId: string, seatIds: string[], reason: string) =>
      call(adminShowSeats, () =>
        http.post(`admin/shows/${showId}/seats/block`, { json: { seatIds, reason } }).json(),
      ),
    unblockSeats: (showId: string, seatIds: string[]) =>
      call(adminShowSeats, () =>
        http.post(`admin/shows/${showId}/seats/unblock`, { json: { seatIds } }).json(),
      ),
    scheduleCards: (cinemaId: string) =>
      call(priceCardList, () => http.get(`admin/cinemas/${cinemaId}/price-cards`).json()),
  };
}
