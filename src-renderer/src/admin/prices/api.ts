// The price screens' calls (common/api/admin-prices.ts): price cards, ticket types, formats, taxes,
// promo codes and the concessions menu.
import {
  categoryCodeList,
  concessionList,
  concessionView,
  formatPriceList,
  formatPriceView,
  priceCardApplied,
  priceCardList,
  priceCardView,
  promoList,
  promoView,
  taxList,
  taxView,
  ticketTypeList,
  ticketTypeView,
  type ConcessionInput,
  type PriceCardInput,
  type PromoInput,
  type TaxInput,
  type TicketTypeInput,
} from '../../../../common/api/admin-prices.js';
import type { ApiParts } from '../api.js';

/** The prices part of the admin API. */
export function pricesApi({ http, call, none, search }: ApiParts) {
  return {
    priceCards: (cinemaId: string) =>
      call(priceCardList, () => http.get(`admin/cinemas/${cinemaId}/price-cards`).json()),
    createPriceCard: (cinemaId: string, input: PriceCardInput) =>
      call(priceCardView, () =>
        http.post(`admin/cinemas/${cinemaId}/price-cards`, { json: input }).json(),
      ),
    updatePriceCard: (id: string, input: PriceCardInput) =>
      call(priceCardView, () => http.put(`admin/price-cards/${id}`, { json: input }).json()),
    copyPriceCard: (id: string, name: string) =>
      call(priceCardView, () =>
        http.post(`admin/price-cards/${id}/copy`, { json: { name } }).json(),
      ),
    applyPriceCard: (id: string, showIds: string[]) =>
      call(priceCardApplied, () =>
        http.post(`admin/price-cards/${id}/apply`, { json: { showIds } }).json(),
      ),
    seatCategories: (cinemaId: string) =>
      call(categoryCodeList, () => http.get(`admin/cinemas/${cinemaId}/seat-categories`).json()),
    ticketTypes: () => call(ticketTypeList, () => http.get('admin/ticket-types').json()),
    createTicketType: (input: TicketTypeInput) =>
      call(ticketTypeView, () => http.post('admin/ticket-types', { json: input }).json()),
    updateTicketType: (id: string, input: Partial<TicketTypeInput>) =>
      call(ticketTypeView, () => http.patch(`admin/ticket-types/${id}`, { json: input }).json()),
    formatPrices: () => call(formatPriceList, () => http.get('admin/format-prices').json()),
    updateFormat: (id: string, patch: { multiplierBp?: number; name?: string }) =>
      call(formatPriceView, () => http.patch(`admin/formats/${id}`, { json: patch }).json()),
    taxes: (cinemaId: string) =>
      call(taxList, () => http.get(`admin/cinemas/${cinemaId}/taxes`).json()),
    createTax: (cinemaId: string, input: TaxInput) =>
      call(taxView, () => http.post(`admin/cinemas/${cinemaId}/taxes`, { json: input }).json()),
    updateTax: (id: string, input: TaxInput) =>
      call(taxView, () => http.put(`admin/taxes/${id}`, { json: input }).json()),
    deleteTax: (id: string) => none(() => http.delete(`admin/taxes/${id}`)),
    promos: (q: Record<string, string | number | undefined>) =>
      call(promoList, () => http.get('admin/promo-codes', { searchParams: search(q) }).json()),
    createPromo: (input: PromoInput) =>
      call(promoView, () => http.post('admin/promo-codes', { json: input }).json()),
    updatePromo: (id: string, input: PromoInput) =>
      call(promoView, () => http.put(`admin/promo-codes/${id}`, { json: input }).json()),
    concessions: (cinemaId: string) =>
      call(concessionList, () => http.get(`admin/cinemas/${cinemaId}/concessions`).json()),
    createConcession: (cinemaId: string, input: ConcessionInput) =>
      call(concessionView, () =>
        http.post(`admin/cinemas/${cinemaId}/concessions`, { json: input }).json(),
      ),
    updateConcession: (id: string, input: ConcessionInput) =>
      call(concessionView, () => http.put(`admin/concessions/${id}`, { json: input }).json()),
  };
}
