// REST contract of a cinema's schedule as managers plan it (DESIGN §13, issue 16): the week's
// shows per screen, batch creation and session generation, copying days, publishing, moving,
// free slots, house seats and per-channel quotas.
import { z } from 'zod';
import { calendarDate } from './admin-common.js';

/** A local time of day, HH:MM (24 h). */
export const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'is not a time like 18:30');

/** Minutes after local midnight of a HH:MM time. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** HH:MM of minutes after local midnight (wrapping past 24 h). */
export function timeOf(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** A cinema day starts at this local time and ends at it the next day (DESIGN §15). */
export const CINEMA_DAY_START = '06:00';

/** Where a show is in its life: drafts are seen by managers only, until published. */
export const showStatus = z.enum(['draft', 'scheduled', 'on_sale', 'cancelled', 'finished']);
export type ShowStatus = z.infer<typeof showStatus>;

/** A show as the planner draws it. */
export const plannedShow = z.object({
  id: z.uuid(),
  screenId: z.uuid(),
  filmId: z.uuid(),
  filmTitle: z.string(),
  formatCode: z.string(),
  language: z.string(),
  /** When the screen is taken: ads and trailers start here. */
  startsAt: z.iso.datetime({ offset: true }),
  /** When the film itself starts (after ads and trailers). */
  filmStartsAt: z.iso.datetime({ offset: true }),
  /** When the film ends. */
  filmEndsAt: z.iso.datetime({ offset: true }),
  /** When the screen is free again: the film's end plus the cleaning buffer. */
  endsAt: z.iso.datetime({ offset: true }),
  status: showStatus,
  capacity: z.int().min(0),
  sold: z.int().min(0),
  held: z.int().min(0),
  blocked: z.int().min(0),
  priceCardId: z.uuid().nullable(),
  priceCardName: z.string().nullable(),
  webQuota: z.int().min(0).nullable(),
  kioskQuota: z.int().min(0).nullable(),
});
export type PlannedShow = z.infer<typeof plannedShow>;

/** GET /admin/cinemas/{cinemaId}/schedule?from=YYYY-MM-DD&days=7 */
export const scheduleQuery = z
  .object({
    from: calendarDate.describe('First local date'),
    days: z.coerce.number().int().min(1).max(14).default(7),
  })
  .strict();
export type ScheduleQuery = z.infer<typeof scheduleQuery>;

/** A screen as the planner lays out its lane. */
export const plannerScreen = z.object({
  id: z.uuid(),
  name: z.string(),
  cleaningMinutes: z.int(),
  formats: z.array(z.string()),
  /** Null until the screen has a seat layout: no show can be planned on it. */
  activeLayoutId: z.uuid().nullable(),
});

/** The schedule of some days of a cinema, every status included. */
export const scheduleView = z.object({
  cinemaId: z.uuid(),
  timeZone: z.string(),
  currency: z.string(),
  /** Minutes of ads and trailers new shows get before the film. */
  adsMinutes: z.int(),
  from: calendarDate,
  days: z.int(),
  /** A cinema day runs from this local time to the same time the next day (DESIGN §15). */
  dayStartsAt: localTime,
  screens: z.array(plannerScreen),
  shows: z.array(plannedShow),
});
export type ScheduleView = z.infer<typeof scheduleView>;

/**
 * The shows to plan, as managers describe them: a film on some screens and days, either at listed
 * times or generated from an earliest and a latest start with a spacing (Vista's session entry).
 */
export const batchSpec = z
  .object({
    filmId: z.uuid(),
    formatCode: z.string().min(1).max(20),
    language: z.string().trim().min(1).max(40),
    screenIds: z.array(z.uuid()).min(1).max(30),
    dates: z.array(calendarDate).min(1).max(31),
    times: z.array(localTime).max(24).optional(),
    generate: z
      .object({
        earliest: localTime,
        latest: localTime,
        /** Minutes between starts; default: the show's block (ads, film, cleaning) rounded up to 5. */
        spacingMinutes: z.int().min(30).max(1440).optional(),
      })
      .strict()
      .optional(),
    /** A card to price them with; default: the card that matches each show (day, time, screen, format). */
    priceCardId: z.uuid().nullish(),
  })
  .strict()
  .refine((b) => (b.times !== undefined) !== (b.generate !== undefined), {
    message: 'give either times or generate',
    path: ['times'],
  });
export type BatchSpec = z.infer<typeof batchSpec>;

/** Why a planned show cannot be saved, with the show it clashes with when there is one. */
export const slotConflict = z.object({
  /** overlap: the films would run at once; buffer: the cleaning time between them is too short. */
  kind: z.enum(['overlap', 'buffer', 'film_closed', 'format', 'past', 'no_layout', 'no_price']),
  message: z.string(),
  clash: z
    .object({
      id: z.uuid().nullable(),
      filmTitle: z.string(),
      startsAt: z.iso.datetime({ offset: true }),
      endsAt: z.iso.datetime({ offset: true }),
      status: showStatus.nullable(),
    })
    .nullable(),
});
export type SlotConflict = z.infer<typeof slotConflict>;

/** One show a batch would create. */
export const plannedSlot = z.object({
  screenId: z.uuid(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  /** Local date and time, as the manager typed them. */
  date: calendarDate,
  time: localTime,
  priceCardId: z.uuid().nullable(),
  priceCardName: z.string().nullable(),
  conflicts: z.array(slotConflict),
});
export type PlannedSlot = z.infer<typeof plannedSlot>;

/** POST /admin/cinemas/{cinemaId}/shows/plan: what a batch would create, conflicts named, nothing written. */
export const batchPlan = z.object({ slots: z.array(plannedSlot) });
export type BatchPlan = z.infer<typeof batchPlan>;

/**
 * POST /admin/cinemas/{cinemaId}/shows: creates the listed shows as drafts, all or none. Any
 * conflict → 409 BO_SHOW_CONFLICT with `details.conflicts` (index into `slots` and why).
 */
export const showsCreate = z
  .object({
    filmId: z.uuid(),
    formatCode: z.string().min(1).max(20),
    language: z.string().trim().min(1).max(40),
    priceCardId: z.uuid().nullish(),
    slots: z
      .array(z.object({ screenId: z.uuid(), startsAt: z.iso.datetime({ offset: true }) }).strict())
      .min(1)
      .max(500),
  })
  .strict();
export type ShowsCreate = z.infer<typeof showsCreate>;

/** details.conflicts of a 409 BO_SHOW_CONFLICT. */
export const slotConflicts = z.array(
  z.object({
    index: z.int().min(0),
    screenId: z.uuid(),
    startsAt: z.string(),
    ...slotConflict.shape,
  }),
);

/** The shows a create or copy made. */
export const showsCreated = z.object({
  shows: z.array(plannedShow),
  /** Copy with skipConflicts: the shows not copied and why (never silently). */
  skipped: z
    .array(
      z.object({
        sourceId: z.uuid(),
        filmTitle: z.string(),
        startsAt: z.string(),
        screenId: z.uuid(),
        conflicts: z.array(slotConflict),
      }),
    )
    .default([]),
});
export type ShowsCreated = z.infer<typeof showsCreated>;

/**
 * POST /admin/cinemas/{cinemaId}/shows/copy: the shows of `days` local days from `from` copied to
 * the same local times from `to`, as drafts. Conflicts → 409 listing each, unless skipConflicts,
 * which copies the rest and lists those it skipped.
 */
export const scheduleCopy = z
  .object({
    from: calendarDate,
    to: calendarDate,
    days: z.int().min(1).max(7),
    skipConflicts: z.boolean().default(false),
  })
  .strict()
  .refine((c) => c.from !== c.to, { message: 'is the day copied from', path: ['to'] });
export type ScheduleCopy = z.infer<typeof scheduleCopy>;

/** POST /admin/cinemas/{cinemaId}/shows/publish: one show, some, or every draft of some days. */
export const schedulePublish = z
  .object({
    showIds: z.array(z.uuid()).min(1).max(1000).optional(),
    from: calendarDate.optional(),
    days: z.int().min(1).max(14).optional(),
  })
  .strict()
  .refine((p) => (p.showIds !== undefined) !== (p.from !== undefined), {
    message: 'give either showIds or from (and days)',
    path: ['showIds'],
  });
export type SchedulePublish = z.infer<typeof schedulePublish>;
export const publishResult = z.object({ published: z.int().min(0), showIds: z.array(z.uuid()) });

/**
 * PATCH /admin/shows/{showId}: move it (start, screen), reprice it, limit channels. A show with
 * seats sold or held moves only with confirmSales (its web customers are told); its screen
 * never changes (the seats are the layout's). A show that has started cannot change.
 */
export const showPatch = z
  .object({
    startsAt: z.iso.datetime({ offset: true }),
    screenId: z.uuid(),
    language: z.string().trim().min(1).max(40),
    priceCardId: z.uuid(),
    webQuota: z.int().min(0).max(100_000).nullable(),
    kioskQuota: z.int().min(0).max(100_000).nullable(),
    confirmSales: z.boolean(),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).some((k) => k !== 'confirmSales'), { message: 'changes nothing' });
export type ShowPatch = z.infer<typeof showPatch>;

/** GET /admin/screens/{screenId}/available-slots?date=…&filmId=… (seed 001) */
export const availableSlotsQuery = z
  .object({
    date: calendarDate,
    /** Only gaps long enough for this film's block (ads, film, cleaning). */
    filmId: z.uuid().optional(),
  })
  .strict();
export const availableSlots = z.object({
  screenId: z.uuid(),
  date: calendarDate,
  /** Free stretches of the cinema day, local, each long enough for the film when one was given. */
  slots: z.array(
    z.object({
      from: z.iso.datetime({ offset: true }),
      to: z.iso.datetime({ offset: true }),
      minutes: z.int().min(0),
    }),
  ),
  /** The film's block in minutes when filmId was given. */
  blockMinutes: z.int().min(0).nullable(),
});
export type AvailableSlots = z.infer<typeof availableSlots>;

/** A seat of a show as managers see it: with why it is blocked. */
export const adminShowSeat = z.object({
  id: z.uuid(),
  label: z.string(),
  rowLabel: z.string(),
  x: z.int(),
  y: z.int(),
  categoryCode: z.string(),
  kind: z.string(),
  state: z.enum(['available', 'held', 'sold', 'blocked', 'allocated']),
  blockReason: z.string().nullable(),
});
/** GET /admin/shows/{showId}/seats */
export const adminShowSeats = z.object({
  show: plannedShow,
  width: z.int(),
  height: z.int(),
  categories: z.array(z.object({ code: z.string(), name: z.string(), color: z.string() })),
  seats: z.array(adminShowSeat),
});
export type AdminShowSeats = z.infer<typeof adminShowSeats>;

/** POST /admin/shows/{showId}/seats/block: free seats become house seats, with the reason. */
export const seatsBlock = z
  .object({
    seatIds: z.array(z.uuid()).min(1).max(500),
    reason: z.string().trim().min(1).max(200),
  })
  .strict();
/** POST /admin/shows/{showId}/seats/unblock */
export const seatsUnblock = z.object({ seatIds: z.array(z.uuid()).min(1).max(500) }).strict();
