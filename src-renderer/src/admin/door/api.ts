// The doors screen's call (common/api/door.ts): a cinema day's admissions and conflicts.
import { doorReport } from '../../../../common/api/door.js';
import type { ApiParts } from '../api.js';

/** The doors part of the admin API. */
export function doorApi({ http, call, search }: ApiParts) {
  return {
    doorReport: (cinemaId: string, date?: string) =>
      call(doorReport, () =>
        http.get(`admin/cinemas/${cinemaId}/door`, { searchParams: search({ date }) }).json(),
      ),
  };
}
