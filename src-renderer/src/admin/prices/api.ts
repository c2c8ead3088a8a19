// The price screens' calls (common/api/admin-prices.ts): price cards, ticket types, formats, taxes,
// promo codes and the concessions menu.
import type { ApiParts } from '../api.js';

/** The prices part of the admin API. */
export function pricesApi(_p: ApiParts) {
  return {};
}
