// A customer's channel choices per kind, as the preferences routes show and change them. Defaults
// and the email rule live in ../prefs.ts, which the worker reads too.
import type {
  NotificationPreferencesView,
  PreferencesPatch,
} from '../../../common/api/notifications.js';
import { BoError } from '../../../common/errors.js';
import type { Queryable } from '../../services/tx.js';
import {
  CHOOSABLE_KINDS,
  DEFAULT_CHOICES,
  emailOptional,
  isChoosable,
  readChoices,
  type ChoosableKind,
} from '../prefs.js';

/** Every choosable kind with the customer's channels and whether email is locked on. */
export async function readPreferences(
  db: Queryable,
  customerId: string,
): Promise<NotificationPreferencesView> {
  const choices = await readChoices(db, customerId);
  const out: NotificationPreferencesView = {};
  for (const kind of CHOOSABLE_KINDS)
    out[kind] = { ...choices[kind], emailLocked: !emailOptional(kind) };
  return out;
}

/**
 * Applies a partial change (kind → some channels). Checked whole before anything is written: an
 * unknown kind is BO_VALIDATION, email off where it cannot be is BO_NOTIFY_EMAIL_REQUIRED, and
 * then nothing changes. SMS may be switched on without a phone: it applies once they add one.
 */
export async function updatePreferences(
  db: Queryable,
  customerId: string,
  patch: PreferencesPatch,
): Promise<NotificationPreferencesView> {
  const kinds: ChoosableKind[] = [];
  for (const [kind, change] of Object.entries(patch)) {
    if (!isChoosable(kind))
      throw new BoError(
        'BO_VALIDATION',
        `Unknown notification kind "${kind}"; choose among ${CHOOSABLE_KINDS.join(', ')}.`,
      );
    if (change.email === false && !emailOptional(kind))
      throw new BoError(
        'BO_NOTIFY_EMAIL_REQUIRED',
        `Email for ${kind} cannot be switched off: it is your record of what you paid for.`,
        { kind },
      );
    kinds.push(kind);
  }
  if (kinds.length > 0) {
    const pick = (ch: 'email' | 'sms' | 'push') => kinds.map((k) => patch[k]?.[ch] ?? null);
    // One statement: an absent channel keeps the stored choice (or the kind's default for a first
    // row), so two concurrent changes to different channels of a kind both stay.
    await db.query({
      name: 'notify_prefs_update',
      text: `INSERT INTO notification_preferences AS p (customer_id, kind, email, sms, push)
        SELECT $1, c.kind, COALESCE(c.email, c.d_email), COALESCE(c.sms, c.d_sms), COALESCE(c.push, c.d_push)
        FROM unnest($2::text[], $3::boolean[], $4::boolean[], $5::boolean[],
                    $6::boolean[], $7::boolean[], $8::boolean[])
          AS c(kind, email, sms, push, d_email, d_sms, d_push)
        ON CONFLICT (customer_id, kind) DO UPDATE SET
          email = COALESCE(($3::boolean[])[array_position($2::text[], p.kind)], p.email),
          sms = COALESCE(($4::boolean[])[array_position($2::text[], p.kind)], p.sms),
          push = COALESCE(($5::boolean[])[array_position($2::text[], p.kind)], p.push),
          updated_at = now()`,
      values: [
        customerId,
        kinds,
        pick('email'),
        pick('sms'),
        pick('push'),
        kinds.map((k) => DEFAULT_CHOICES[k].email),
        kinds.map((k) => DEFAULT_CHOICES[k].sms),
        kinds.map((k) => DEFAULT_CHOICES[k].push),
      ],
    });
  }
  return readPreferences(db, customerId);
}

/** Switches every channel of a customer's reminders off (the one-click unsubscribe). */
export async function reminderOff(db: Queryable, customerId: string): Promise<void> {
  await db.query({
    name: 'notify_prefs_reminder_off',
    text: `INSERT INTO notification_preferences (customer_id, kind, email, sms, push)
      VALUES ($1, 'show.reminder', false, false, false)
      ON CONFLICT (customer_id, kind) DO UPDATE SET email = false, sms = false, push = false,
        updated_at = now()`,
    values: [customerId],
  });
}
