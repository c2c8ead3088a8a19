// What this station uploads of a till (issue 17): the session as it stands, its drops and, once
// closed, the Z-report it printed. Built from the station's own rows so a replay after a crash
// sends the same facts; training tills stay here (their sales never count).
import type { TillUpload } from '../../common/till-upload.js';
import type { LocalDb } from './local-db.js';
import { buildTillReport, type TillRow } from './till-report.js';

type DropRow = {
  id: string;
  tender: string;
  amount_minor: number;
  staff_id: string | null;
  at: number;
};

/** The `till` mutation's payload for till `tillId`, or null for a training till or an unknown one. */
export function tillUploadOf(db: LocalDb, tillId: string, currency: string): TillUpload | null {
  const c = db.$client;
  const t = c.prepare('SELECT * FROM tills WHERE id = ?').get(tillId) as TillRow | undefined;
  if (t === undefined || t.training === 1) return null;
  const drops = c
    .prepare(
      "SELECT id, tender, amount_minor, staff_id, at FROM till_events WHERE till_id = ? AND kind = 'drop' ORDER BY at",
    )
    .all(tillId) as DropRow[];
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    tillId: t.id,
    staffId: t.staff_id,
    openedAt: iso(t.opened_at),
    closedAt: t.closed_at === null ? null : iso(t.closed_at),
    training: false,
    currency,
    float: JSON.parse(t.float) as TillUpload['float'],
    counted: t.counted === null ? null : (JSON.parse(t.counted) as TillUpload['float']),
    closedBy: t.closed_by,
    varianceApprovedBy: t.variance_approved_by,
    varianceNote: t.variance_note,
    drops: drops.map((d) => ({
      id: d.id,
      tender: d.tender as TillUpload['drops'][number]['tender'],
      amountMinor: d.amount_minor,
      staffId: d.staff_id,
      at: iso(d.at),
    })),
    zReport: t.closed_at === null ? null : buildTillReport(db, t, currency, false),
  };
}
