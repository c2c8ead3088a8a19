// The station contract (STYLE 2): every channel the renderer may call and every event it may receive.
import { z } from 'zod';
import { concessionLinesSchema } from '../concession-lines.js';
import { PIN_ANY_MIN_DIGITS, PIN_MAX_DIGITS, PIN_MIN_DIGITS } from '../pin-rule.js';
import { localDateSchema } from '../schedule.js';
import {
  counterTenderSchema,
  REFERENCE_LABELS,
  REFERENCE_REQUIRED,
  TENDER_LABELS,
} from '../tenders.js';
import { enrollmentCode } from '../api/stations.js';
import { channel, type ContractShape, type EventShape } from './define.js';
import type { KioskPayResult, KioskStatus } from './kiosk-types.js';
import type {
  ConcessionItemView,
  DoorScan,
  DoorStatus,
  EnrollmentStatus,
  PickupBooking,
  PickupCollected,
  PrintJobView,
  ReviewItemView,
  SaleQuote,
  SaleView,
  ShowListItem,
  SignInPerson,
  StaffInfo,
  StaffToken,
  StationSeatMap,
  StationStatus,
  SyncStatus,
  TillInfo,
  VoidResult,
  ZReport,
} from './station-types.js';

export type * from './station-types.js';
export type * from './kiosk-types.js';

const empty = z.object({}).strict();
const uuid = z.uuid();
const minor = z.int().min(0).max(100_000_000);
const tender = counterTenderSchema;
const digits = (min: number) => new RegExp(`^\\d{${String(min)},${String(PIN_MAX_DIGITS)}}$`);
const pin = z.string().regex(digits(PIN_ANY_MIN_DIGITS), 'a PIN is 4 to 8 digits');
// A manager's PIN is longer than a cashier's (common/pin-rule.ts), so a shorter one is nobody's.
const managerPin = z
  .string()
  .regex(digits(PIN_MIN_DIGITS.manager), 'a manager’s PIN is 6 to 8 digits');
// A voucher is known by its code and a UPI / wallet payment by its transaction id: both are required.
const tenderLine = z
  .object({ tender, amountMinor: minor, reference: z.string().trim().max(80).optional() })
  .superRefine((t, ctx) => {
    if (REFERENCE_REQUIRED.has(t.tender) && (t.reference ?? '') === '')
      ctx.addIssue({
        code: 'custom',
        path: ['reference'],
        message: `${TENDER_LABELS[t.tender]}: type the ${REFERENCE_LABELS[t.tender].toLowerCase()} before taking the payment.`,
      });
  });

// A holdId as the server makes it.
const holdIdSchema = z.string().min(10).max(64);
// What a basket is, wherever it is priced or sold: a show's seats with their ticket types, a
// discount code and food and drink.
const basket = {
  showId: uuid,
  lines: z
    .array(z.object({ seatId: uuid, ticketTypeId: uuid }))
    .min(1)
    .max(20),
  discountCode: z.string().max(40).optional(),
  concessions: concessionLinesSchema.optional(),
};

export const stationContract = {
  'station:status': channel<StationStatus>()(
    empty,
    'none',
    'Who and where this station is, and how it stands with the server and printer.',
  ),
  'station:enroll': channel<EnrollmentStatus>()(
    z
      .object({
        serverUrl: z
          .string()
          .trim()
          .max(200)
          .regex(
            /^https?:\/\/[^\s/]+(\/[^\s]*)?$/,
            'type the server address, e.g. http://server:7300',
          ),
        code: enrollmentCode,
      })
      .strict(),
    'none',
    'Enrolls a station that is not enrolled (or was revoked) with a manager’s one-time code, then starts syncing.',
  ),
  'door:scan': channel<DoorScan>()(
    z.object({ code: z.string().max(2000) }).strict(),
    'none',
    'Door mode: checks a scanned ticket code offline (signature, cinema, entry window, voids, earlier admissions) and lets it in once.',
  ),
  'door:status': channel<DoorStatus>()(
    empty,
    'none',
    'Door mode: today’s shows with admitted of sold, the scans waiting to sync, the latest scans.',
  ),
  'kiosk:status': channel<KioskStatus>()(
    empty,
    'none',
    'Whether the kiosk can serve customers, and why not (for staff); checks the printer.',
  ),
  'kiosk:open': channel<KioskStatus>()(
    empty,
    'staff',
    'Opens the kiosk for customers on a card-only till in the signed-in staff member’s name, and signs them out.',
  ),
  'kiosk:close': channel<ZReport>()(
    empty,
    'staff',
    'Closes the kiosk: releases customers’ holds and closes its till (its Z-report prints).',
  ),
  'kiosk:pay': channel<KioskPayResult>()(
    z
      .object({
        ...basket,
        /** The seats' hold; offline there is none (escrowed seats sell without). */
        holdId: holdIdSchema.optional(),
      })
      .strict(),
    'kiosk',
    'Takes the basket’s total on the card terminal, then sells (channel kiosk) and prints; a refused card sells nothing and keeps the seats held.',
  ),
  'kiosk:cancelPayment': channel<{ cancelled: boolean }>()(
    empty,
    'kiosk',
    'Cancels the card payment waiting at the terminal.',
  ),
  'kiosk:reset': channel<{ released: number }>()(
    empty,
    'kiosk',
    'Starts over for the next customer: releases every hold the last one took and did not buy.',
  ),
  'kiosk:terminal': channel<null>()(
    z.object({ answer: z.enum(['approve', 'decline', 'cancel', 'timeout']) }).strict(),
    'kiosk',
    'Simulated terminal only: answers the payment waiting at it (or the next one), as a card would.',
  ),
  'auth:staffToken': channel<StaffToken>()(
    z.object({ pin }).strict(),
    'staff',
    'A short-lived staff token for the signed-in person from their PIN, through the server (online only); never stored.',
  ),
  'auth:people': channel<SignInPerson[]>()(
    empty,
    'none',
    'The cashiers and managers of this cinema who can sign in here, with their lockouts (from the replica).',
  ),
  'auth:signIn': channel<StaffInfo>()(
    z.object({ staffId: uuid, pin }).strict(),
    'none',
    'Signs the chosen staff member in with their PIN (checked against the replica; works offline); wrong PINs lock only them out.',
  ),
  'auth:unlock': channel<SignInPerson[]>()(
    z.object({ staffId: uuid, managerId: uuid, managerPin }).strict(),
    'none',
    'Lifts a person’s PIN lockout with a manager’s own PIN (checked like any PIN); returns the updated sign-in list.',
  ),
  'auth:signOut': channel<null>()(empty, 'none', 'Signs the current staff member out.'),
  'catalog:shows': channel<ShowListItem[]>()(
    z.object({ date: localDateSchema.optional() }).strict(),
    'kiosk',
    "The shows of a local date (default today in the cinema's zone), by start time.",
  ),
  'catalog:concessions': channel<ConcessionItemView[]>()(
    empty,
    'kiosk',
    "The cinema's food and drink on sale at the counter, by category; empty when it sells none.",
  ),
  'seats:map': channel<StationSeatMap>()(
    z.object({ showId: uuid }).strict(),
    'kiosk',
    'The seat map of a show: layout, states (server state plus pending sales), prices.',
  ),
  'seats:hold': channel<{ holdId: string; seatIds: string[]; expiresAt: string }>()(
    z.union([
      z.object({ showId: uuid, seatIds: z.array(uuid).min(1).max(20) }).strict(),
      z
        .object({ showId: uuid, count: z.int().min(1).max(20), categoryId: uuid.optional() })
        .strict(),
    ]),
    'kiosk',
    'Holds seats on the server while the cashier takes payment (online only).',
  ),
  'seats:release': channel<null>()(
    z.object({ holdId: holdIdSchema }).strict(),
    'kiosk',
    'Releases a hold.',
  ),
  'sales:quote': channel<SaleQuote>()(
    z.object(basket).strict(),
    'kiosk',
    'Prices a basket (tickets and food and drink together) with the one pricing function.',
  ),
  'sales:create': channel<SaleView>()(
    z
      .object({
        ...basket,
        holdId: holdIdSchema.optional(),
        tenders: z.array(tenderLine).min(1).max(4),
      })
      .strict(),
    'staff',
    'Sells seats (and any food and drink with them) and queues tickets and receipt for printing; offline only escrowed seats.',
  ),
  'sales:list': channel<SaleView[]>()(
    z.object({ limit: z.int().min(1).max(200).default(50) }).strict(),
    'staff',
    'Recent sales of this station, newest first.',
  ),
  'sales:void': channel<VoidResult>()(
    z
      .object({
        orderId: uuid,
        ticketIds: z.array(uuid).min(1).max(20).optional(),
        reason: z.string().min(1).max(200),
        refund: z.boolean().default(false),
        managerPin: managerPin.optional(),
      })
      .strict(),
    'staff',
    'Voids (same till session) or refunds (manager PIN) tickets of a sale; says what to give back per tender and prints the refund slip.',
  ),
  'sales:reprint': channel<{ jobIds: string[] }>()(
    z.object({ orderId: uuid }).strict(),
    'staff',
    'Reprints the still valid tickets of a sale, marked REPRINT n; BO_TICKET_NOT_VALID when none is.',
  ),
  'pickup:find': channel<PickupBooking>()(
    z
      .object({
        // A reference as typed (any case, spaces) or a ticket code scanned from the email's QR.
        query: z.string().trim().min(1, 'type the booking reference').max(2000),
      })
      .strict(),
    'kiosk',
    'Finds a paid web booking of this cinema by its reference or a ticket QR (from the replica; works offline); a counter needs a signed-in cashier.',
  ),
  'pickup:collect': channel<PickupCollected>()(
    z.object({ orderId: uuid }).strict(),
    'kiosk',
    'Prints a web booking’s tickets once and queues the collection for the server; BO_ALREADY_COLLECTED for a second time.',
  ),
  'pickup:reprint': channel<{ jobIds: string[] }>()(
    z.object({ orderId: uuid, managerPin }).strict(),
    'staff',
    'Counter only: a manager-approved REPRINT of a collected booking’s tickets printed at this station.',
  ),
  'till:status': channel<TillInfo>()(
    empty,
    'staff',
    'The open till of this station and whose it is, if any.',
  ),
  'till:open': channel<TillInfo>()(
    z
      .object({ float: z.partialRecord(tender, minor), training: z.boolean().default(false) })
      .strict(),
    'staff',
    'Opens a till of the signed-in staff member with a float per tender.',
  ),
  'till:drop': channel<TillInfo>()(
    z.object({ amountMinor: minor.min(1), reference: z.string().max(80).optional() }).strict(),
    'staff',
    'Records a cash drop (cash taken out of the drawer to the safe) on your own open till.',
  ),
  'till:close': channel<ZReport>()(
    z
      .object({
        counted: z.partialRecord(tender, minor),
        managerPin: managerPin.optional(),
        note: z.string().trim().min(3, 'write a few words').max(200).optional(),
      })
      .strict(),
    'staff',
    'Closes the till with counted amounts and prints the Z-report; a manager PIN closes another person’s till or signs off a variance over the limit (with a note).',
  ),
  'till:report': channel<ZReport>()(
    z.object({ tillId: uuid.optional() }).strict(),
    'staff',
    'The Z-report of the open till (X-report) or of a closed one.',
  ),
  'sync:status': channel<SyncStatus>()(
    empty,
    'none',
    'Online/offline, last sync, pending and review counts.',
  ),
  'review:list': channel<ReviewItemView[]>()(
    empty,
    'manager',
    'Mutations the server rejected, with what to do about each.',
  ),
  'review:resolve': channel<null>()(
    z
      .object({
        id: uuid,
        resolution: z.enum(['retry', 'dismiss']),
        note: z.string().max(200).optional(),
      })
      .strict(),
    'manager',
    'Resolves a rejected mutation: send again as new, or dismiss.',
  ),
  'printer:jobs': channel<PrintJobView[]>()(
    z.object({ limit: z.int().min(1).max(200).default(20) }).strict(),
    'staff',
    'Recent print jobs and their state.',
  ),
  'printer:test': channel<{ jobId: string }>()(empty, 'staff', 'Prints a test page.'),
  'printer:preview': channel<{ text: string }>()(
    z.object({ jobId: uuid }).strict(),
    'staff',
    'A text preview of a print job as the paper will show it.',
  ),
} satisfies ContractShape;

export type StationContract = typeof stationContract;
export type StationChannel = keyof StationContract;

export const syncStatusSchema = z.object({
  state: z.enum(['online', 'connecting', 'offline']),
  lastSyncAt: z.string().nullable(),
  pendingCount: z.number().int(),
  reviewCount: z.number().int(),
  cursor: z.number().int(),
  catchUp: z.object({ done: z.number(), total: z.number() }).nullable(),
  lastError: z.string().nullable(),
});

export const enrollmentStatusSchema = z.object({
  state: z.enum(['enrolled', 'not-enrolled', 'revoked']),
  message: z.string().nullable(),
  serverUrl: z.string(),
  stationId: z.string().nullable(),
  stationName: z.string().nullable(),
  source: z.enum(['config', 'enrolled']).nullable(),
});

export const stationEvents = {
  'station:enrollment': enrollmentStatusSchema,
  'sync:status': syncStatusSchema,
  'seats:changed': z.object({
    showId: z.string(),
    seats: z.array(z.object({ seatId: z.string(), state: z.string(), mine: z.boolean() })),
  }),
  /** Catalog rows changed (a manager's edit): lists and maps read them again. */
  'catalog:changed': z.object({ tables: z.array(z.string()) }),
  'print:status': z.object({
    jobId: z.string().nullable(),
    status: z.string(),
    lastError: z.string().nullable(),
  }),
} satisfies EventShape;

export type StationEvents = typeof stationEvents;
