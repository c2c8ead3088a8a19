// The manager's review list: sales and voids the server rejected, with advice for each.
import type { ReviewItemView } from '../../../common/contract/station.js';
import { ask } from './call.js';
import type { SliceDeps } from './types.js';

export type ReviewSlice = {
  reviewItems: ReviewItemView[];
  reviewLoaded: boolean;
  loadReview: () => Promise<void>;
  resolveReview: (id: string, resolution: 'retry' | 'dismiss', note: string) => Promise<void>;
};

/** The review slice. */
export function createReviewSlice(d: SliceDeps): ReviewSlice {
  const { set, get } = d;
  return {
    reviewItems: [],
    reviewLoaded: false,
    async loadReview() {
      if (get().staff?.role === 'cashier') {
        set({ reviewItems: [], reviewLoaded: false });
        return;
      }
      const r = await ask(d, 'review:list', {});
      if (r.ok) set({ reviewItems: r.value, reviewLoaded: true });
    },
    async resolveReview(id, resolution, note) {
      const r = await ask(d, 'review:resolve', {
        id,
        resolution,
        ...(note === '' ? {} : { note }),
      });
      if (!r.ok) return;
      get().notify(
        'success',
        resolution === 'retry' ? 'Sent again as a new request.' : 'Dismissed.',
      );
      await get().loadReview();
      void get().refreshStatus();
    },
  };
}
