// The schedule's calls (common/api/admin-schedule.ts): the planner, batch creation, copy, publish,
// moves, free slots, house seats and quotas.
import type { ApiParts } from '../api.js';

/** The schedule part of the admin API. */
export function scheduleApi(_p: ApiParts) {
  return {};
}
