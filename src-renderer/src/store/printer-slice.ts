// The printer: recent jobs, live job states from print:status, previews and a test page.
import type { PrintJobView } from '../../../common/contract/station.js';
import { ask } from './call.js';
import type { SliceDeps } from './types.js';

/** A print:status event. */
export type PrintEvent = { jobId: string | null; status: string; lastError: string | null };

export type PrinterSlice = {
  printJobs: PrintJobView[];
  /** Latest known state per job id, from events. */
  jobStates: Record<string, { status: string; lastError: string | null }>;
  preview: { jobId: string; text: string } | null;
  loadPrintJobs: () => Promise<void>;
  onPrintEvent: (e: PrintEvent) => void;
  previewJob: (jobId: string) => Promise<void>;
  closePreview: () => void;
  testPrint: () => Promise<void>;
};

/** The printer slice. */
export function createPrinterSlice(d: SliceDeps): PrinterSlice {
  const { set, get } = d;
  return {
    printJobs: [],
    jobStates: {},
    preview: null,
    async loadPrintJobs() {
      const r = await ask(d, 'printer:jobs', { limit: 30 });
      if (r.ok) set({ printJobs: r.value });
    },
    onPrintEvent(e) {
      if (e.jobId !== null)
        set({
          jobStates: {
            ...get().jobStates,
            [e.jobId]: { status: e.status, lastError: e.lastError },
          },
        });
      if (get().view === 'printer') void get().loadPrintJobs();
    },
    async previewJob(jobId) {
      const r = await ask(d, 'printer:preview', { jobId });
      if (r.ok) set({ preview: { jobId, text: r.value.text } });
    },
    closePreview() {
      set({ preview: null });
    },
    async testPrint() {
      const r = await ask(d, 'printer:test', {});
      if (r.ok) {
        get().notify('success', 'Test page sent to the printer.');
        await get().loadPrintJobs();
      }
    },
  };
}
