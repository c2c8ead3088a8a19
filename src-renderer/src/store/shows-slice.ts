// The day's shows: which date, the list, the filter and the keyboard highlight.
import type { ShowListItem } from '../../../common/contract/station.js';
import { ask } from './call.js';
import type { SliceDeps } from './types.js';

export type ShowsSlice = {
  /** Local date in the cinema's zone; null means today. */
  showDate: string | null;
  shows: ShowListItem[];
  showsLoading: boolean;
  filter: string;
  highlightId: string | null;
  loadShows: () => Promise<void>;
  setShowDate: (date: string | null) => void;
  setFilter: (filter: string) => void;
  setHighlight: (id: string | null) => void;
};

/** The shows slice. */
export function createShowsSlice(d: SliceDeps): ShowsSlice {
  const { set, get } = d;
  let seq = 0;
  return {
    showDate: null,
    shows: [],
    showsLoading: false,
    filter: '',
    highlightId: null,
    async loadShows() {
      const mine = ++seq;
      set({ showsLoading: true });
      const date = get().showDate;
      const r = await ask(d, 'catalog:shows', date === null ? {} : { date });
      if (mine !== seq) return;
      set({ showsLoading: false });
      if (!r.ok) return;
      const keep = r.value.some((s) => s.id === get().highlightId);
      // Start on the next show that has not begun: that is what the queue at the counter wants.
      const now = Date.now();
      const next = r.value.find((s) => new Date(s.startsAt).getTime() >= now) ?? r.value[0];
      set({ shows: r.value, highlightId: keep ? get().highlightId : (next?.id ?? null) });
    },
    setShowDate(date) {
      set({ showDate: date, highlightId: null });
      void get().loadShows();
    },
    setFilter(filter) {
      set({ filter });
    },
    setHighlight(id) {
      set({ highlightId: id });
    },
  };
}
