// Customers' feedback (issue 17, seed 001): the cinema's ratings and comments, newest first, with
// the mean rating of what the filters match; filter by stars, waiting for a reply, or words; open
// one to reply (the customer is emailed the reply and reads it on their booking).
import { useEffect, useRef, useState } from 'react';
import {
  feedbackReply,
  type FeedbackPage,
  type FeedbackView,
} from '../../../../common/api/feedback.js';
import { useAdmin } from '../context.js';
import { EditForm } from '../kit/EditForm.js';
import { Field } from '../kit/Field.js';
import { errorText, messageFor } from '../kit/fields.js';
import { ListTable } from '../kit/ListTable.js';

const stars = (n: number) => `${'★'.repeat(n)}${'☆'.repeat(5 - n)}`;

/** The feedback section. */
export function FeedbackScreen() {
  const { api, cinemaId, setDirty } = useAdmin();
  const [page, setPage] = useState<FeedbackPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [rating, setRating] = useState('');
  const [replied, setReplied] = useState<'' | 'yes' | 'no'>('no');
  const [n, setN] = useState(1);
  const [reload, setReload] = useState(0);
  const [open, setOpen] = useState<FeedbackView | null>(null);
  const [reply, setReply] = useState('');
  const replyField = useRef<HTMLTextAreaElement>(null);
  // Opening a reply puts the cursor in it, whether by the keyboard or a click.
  useEffect(() => {
    if (open) replyField.current?.focus();
  }, [open]);
  useEffect(() => {
    let live = true;
    api
      .feedback({
        cinemaId,
        page: n,
        pageSize: 25,
        ...(q.trim() === '' ? {} : { q: q.trim() }),
        ...(rating === '' ? {} : { rating: Number(rating) }),
        ...(replied === '' ? {} : { replied }),
      })
      .then(
        (p) => {
          if (!live) return;
          setPage(p);
          setError(null);
        },
        (e: unknown) => live && setError(errorText(e)),
      );
    return () => {
      live = false;
    };
  }, [api, cinemaId, q, rating, replied, n, reload]);
  const when = (iso: string, timeZone: string) =>
    new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    }).format(new Date(iso));
  const openReply = (f: FeedbackView) => {
    setOpen(f);
    setReply(f.reply ?? '');
  };
  return (
    <section aria-labelledby="feedback-h" className="admin-section">
      <header className="admin-head">
        <h2 id="feedback-h">Feedback</h2>
        <p className="admin-note" role="status">
          {page === null
            ? 'Loading…'
            : page.averageRating === null
              ? 'No feedback matches.'
              : `${String(page.total)} matching, ${page.averageRating.toFixed(2)} stars on average`}
        </p>
      </header>
      {open && (
        <EditForm
          title={`Reply to ${open.reference}: ${stars(open.rating)} for ${open.filmTitle}`}
          schema={feedbackReply}
          value={{ reply: reply.trim() }}
          saveLabel="Send reply"
          onSave={async () => {
            await api.replyToFeedback(open.id, reply.trim());
            setReload((x) => x + 1);
          }}
          onClose={() => setOpen(null)}
          note={
            <blockquote className="feedback-comment">
              {open.comment === '' ? 'No comment, only the stars.' : `“${open.comment}”`}
            </blockquote>
          }
          fields={(errors) => (
            <Field
              id="feedback-reply"
              label="Your reply"
              error={messageFor(errors, '/reply')}
              hint="Emailed to the customer, and shown on their booking"
            >
              <textarea
                ref={replyField}
                rows={4}
                value={reply}
                onChange={(e) => {
                  setReply(e.target.value);
                  setDirty(true);
                }}
              />
            </Field>
          )}
        />
      )}
      <ListTable<FeedbackView>
        caption="Feedback"
        rows={page?.items ?? null}
        rowKey={(f) => f.id}
        error={error}
        empty="No feedback matches these filters."
        search={{
          value: q,
          label: 'Film, comment or booking',
          onChange: (v) => {
            setQ(v);
            setN(1);
          },
        }}
        filters={
          <>
            <label>
              Stars
              <select
                aria-label="Stars"
                value={rating}
                onChange={(e) => {
                  setRating(e.target.value);
                  setN(1);
                }}
              >
                <option value="">Any</option>
                {[5, 4, 3, 2, 1].map((s) => (
                  <option key={s} value={String(s)}>
                    {stars(s)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Reply
              <select
                aria-label="Reply"
                value={replied}
                onChange={(e) => {
                  setReplied(e.target.value as '' | 'yes' | 'no');
                  setN(1);
                }}
              >
                <option value="no">Waiting for a reply</option>
                <option value="yes">Replied</option>
                <option value="">All</option>
              </select>
            </label>
          </>
        }
        paging={
          page === null
            ? undefined
            : { page: page.page, pageSize: page.pageSize, total: page.total, onPage: setN }
        }
        onOpen={openReply}
        columns={[
          {
            key: 'ref',
            label: 'Booking',
            render: (f) => (
              <button
                type="button"
                className="text-button"
                aria-label={`${f.reply === null ? 'Reply to' : 'Change the reply to'} ${f.reference}`}
                onClick={() => openReply(f)}
              >
                {f.reference}
              </button>
            ),
          },
          {
            key: 'stars',
            label: 'Rating',
            render: (f) => (
              <span aria-label={`${String(f.rating)} of 5 stars`}>{stars(f.rating)}</span>
            ),
          },
          {
            key: 'film',
            label: 'Film',
            render: (f) => `${f.filmTitle}, ${when(f.showStartsAt, f.timeZone)}`,
          },
          { key: 'comment', label: 'Comment', render: (f) => f.comment },
          { key: 'reply', label: 'Reply', render: (f) => f.reply ?? '—' },
          { key: 'at', label: 'Written', render: (f) => when(f.updatedAt, f.timeZone) },
        ]}
      />
    </section>
  );
}
