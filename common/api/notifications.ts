// REST and socket contract of a customer's notifications (DESIGN §9): the list, mark-read, channel
// preferences, the one-click unsubscribe and the live push socket. Used by the server and clients.
import { z } from 'zod';

/** Most notifications one page of the list returns. */
export const MAX_NOTIFICATION_PAGE = 100;

/** One notification as the list and the push socket show it. */
export const notificationView = z.object({
  id: z.uuid(),
  kind: z.string().describe('booking.confirmed | booking.cancelled | … | show.reminder'),
  title: z.string(),
  body: z.string(),
  bookingId: z.uuid().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  readAt: z.iso.datetime({ offset: true }).nullable(),
});
export type NotificationView = z.infer<typeof notificationView>;

/** GET /me/notifications query: newest first, `before` is the `next` of the previous page. */
export const notificationListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_NOTIFICATION_PAGE).default(20),
    before: z.uuid().optional().describe('Cursor: the `next` of the previous page'),
  })
  .strict();
export type NotificationListQuery = z.infer<typeof notificationListQuery>;

/** GET /me/notifications answer. */
export const notificationPage = z.object({
  items: z.array(notificationView),
  unread: z.number().int().describe('Unread notifications in the whole list'),
  next: z.uuid().nullable().describe('Cursor of the next (older) page; null: this is the last'),
});
export type NotificationPage = z.infer<typeof notificationPage>;

/** POST /me/notifications/read-all answer. */
export const markedAll = z.object({ marked: z.number().int() });

/** A customer's channels for one kind; `emailLocked`: email cannot be switched off for it. */
export const channelChoiceView = z.object({
  email: z.boolean(),
  sms: z.boolean(),
  push: z.boolean(),
  emailLocked: z.boolean(),
});

/** GET/PUT /me/notification-preferences answer: every kind the customer chooses channels for. */
export const notificationPreferences = z.record(z.string(), channelChoiceView);
export type NotificationPreferencesView = z.infer<typeof notificationPreferences>;

/** PUT /me/notification-preferences: some kinds, some channels each; the rest stay as they are. */
export const preferencesPatch = z.record(
  z.string().max(40).describe('A kind from GET /me/notification-preferences'),
  z
    .object({
      email: z.boolean().optional(),
      sms: z.boolean().optional(),
      push: z.boolean().optional(),
    })
    .strict(),
);
export type PreferencesPatch = z.infer<typeof preferencesPatch>;

/** ?token=… of the one-click unsubscribe link. */
export const unsubscribeQuery = z
  .object({ token: z.string().min(20).max(2000).describe('The token of the link in the email') })
  .strict();

/** POST /notifications/unsubscribe body: RFC 8058's `List-Unsubscribe=One-Click`, or nothing. */
export const unsubscribeBody = z
  .object({ 'List-Unsubscribe': z.literal('One-Click').optional() })
  .strict()
  .optional();

/** POST /notifications/unsubscribe answer for JSON callers. */
export const unsubscribed = z.object({ unsubscribed: z.literal(true), kind: z.string() });

/** What a client sends on /me/live: only the sign-in, first, when it cannot set headers. */
export const pushClientMsg = z
  .object({ type: z.literal('auth'), token: z.string().min(1).max(4096) })
  .strict();

/** What /me/live sends. */
export type PushServerMsg =
  | { type: 'ready'; unread: number }
  | { type: 'notification'; notification: NotificationView }
  /** The server's feed was interrupted: notifications may have been missed; read the list. */
  | { type: 'resync'; unread: number }
  | { type: 'error'; code: string; message: string };
