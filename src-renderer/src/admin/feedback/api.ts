// The feedback screen's calls (common/api/feedback.ts): list with filters, reply.
import {
  feedbackPage,
  feedbackView,
  type FeedbackListQuery,
} from '../../../../common/api/feedback.js';
import type { ApiParts } from '../api.js';

/** The feedback part of the admin API. */
export function feedbackApi({ http, call, search }: ApiParts) {
  return {
    feedback: (q: Partial<FeedbackListQuery>) =>
      call(feedbackPage, () =>
        http
          .get('admin/feedback', {
            searchParams: search(q as Record<string, string | number | undefined>),
          })
          .json(),
      ),
    replyToFeedback: (id: string, reply: string) =>
      call(feedbackView, () => http.put(`admin/feedback/${id}/reply`, { json: { reply } }).json()),
  };
}
