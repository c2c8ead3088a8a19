// The report screens' calls (common/api/reports.ts): summary, takings, occupancy, leaderboard,
// distributor and tills, each for a period of cinema days and one cinema or all the caller sees.
import {
  distributorReport,
  leaderboardReport,
  occupancyReport,
  revenueReport,
  summaryReport,
  tillsReport,
  type RevenueBy,
} from '../../../../common/api/reports.js';
import type { ApiParts } from '../api.js';

/** A report's period and cinema (absent: every cinema the manager may see). */
export type ReportAsk = { from: string; to: string; cinemaId?: string | undefined };

/** The reports part of the admin API. */
export function reportsApi({ http, call, search }: ApiParts) {
  const get = (path: string, q: Record<string, string | number | undefined>) => () =>
    http.get(`admin/reports/${path}`, { searchParams: search(q) }).json();
  return {
    reportSummary: (p: ReportAsk) => call(summaryReport, get('summary', p)),
    reportRevenue: (p: ReportAsk, by: RevenueBy) =>
      call(revenueReport, get('revenue', { ...p, by })),
    reportOccupancy: (p: ReportAsk, by: 'show' | 'film' | 'screen') =>
      call(occupancyReport, get('occupancy', { ...p, by })),
    reportLeaderboard: (p: ReportAsk, genre: string | undefined, limit = 10) =>
      call(leaderboardReport, get('leaderboard', { ...p, genre, limit })),
    reportDistributor: (p: ReportAsk) => call(distributorReport, get('distributor', p)),
    reportTills: (p: ReportAsk) => call(tillsReport, get('tills', p)),
  };
}
