// A rejected mutation in words a manager can act on: what it was, which show and seats.
import type { TimeDisplay } from '../../common/instant-words.js';
import type { LocalDb } from './local-db.js';

type Payload = {
  showId?: string;
  saleNumber?: number;
  lines?: { seatId: string }[];
  concessions?: { itemId: string; quantity: number }[];
  seatIds?: string[];
  ticketIds?: string[];
  holdId?: string;
};

const VERB: Record<string, string> = {
  sell: 'Sale',
  hold: 'Hold',
  release: 'Release of a hold',
  void: 'Void/refund',
  allocate: 'Escrow request',
  deallocate: 'Escrow return',
  block: 'Block',
  unblock: 'Unblock',
  certify: 'Key certification',
  till: 'Till upload',
};

/** One line: "Sale 12: seats F7, F8 · Orbital Drift, Sat 21 Nov 19:30". */
export function reviewSummary(
  db: LocalDb,
  kind: string,
  payload: unknown,
  display: TimeDisplay | null,
): string {
  const p = (typeof payload === 'object' && payload !== null ? payload : {}) as Payload;
  const seatIds = p.lines?.map((l) => l.seatId) ?? p.seatIds ?? [];
  const labels = seatIds
    .map(
      (id) =>
        (
          db.$client.prepare('SELECT label FROM seats WHERE id = ?').get(id) as
            { label: string } | undefined
        )?.label,
    )
    .filter((l): l is string => l !== undefined);
  const show =
    p.showId === undefined
      ? undefined
      : (db.$client
          .prepare(
            'SELECT m.title, sh.starts_at FROM shows sh JOIN movies m ON m.id = sh.movie_id WHERE sh.id = ?',
          )
          .get(p.showId) as { title: string; starts_at: number } | undefined);
  // In the cinema's zone and locale; a station without its cinema yet says UTC.
  const when = show
    ? new Intl.DateTimeFormat(display?.locale ?? 'en-GB', {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
        timeZone: display?.timeZone ?? 'UTC',
        ...(display === null ? { timeZoneName: 'short' } : {}),
      }).format(new Date(show.starts_at))
    : null;
  const food = (p.concessions ?? []).map(
    (c) =>
      `${String(c.quantity)} × ${(db.$client.prepare('SELECT name FROM concession_items WHERE id = ?').get(c.itemId) as { name: string } | undefined)?.name ?? 'item'}`,
  );
  const parts = [
    `${VERB[kind] ?? kind}${p.saleNumber === undefined ? '' : ` ${String(p.saleNumber)}`}`,
    labels.length > 0
      ? `seats ${labels.join(', ')}`
      : p.ticketIds
        ? `${String(p.ticketIds.length)} ticket(s)`
        : null,
    food.length > 0 ? food.join(', ') : null,
    show ? `${show.title}, ${when ?? ''}` : null,
  ];
  return parts.filter((x): x is string => x !== null).join(' · ');
}
