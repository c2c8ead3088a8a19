import { describe, expect, it } from 'vitest';
import { pinProblem, type PinRole } from '../../common/pin-rule.js';
import { deriveDemoCredentials, credentialsOf } from './credentials.js';
import { buildDemoBase, generateDemo, planDemoDays } from './generate.js';
import { isoWeekday, matchPriceCard } from '../../common/price-cards.js';
import { LAST_START_MINUTES, OPENING_MINUTES } from './schedule.js';
import { addDays, localDate, localMinutes, zonedTime } from './time-zone.js';

const TODAY = new Date('2025-11-21T06:30:00Z');
const data = generateDemo(7, TODAY);

describe('time-zone helpers', () => {
  it('convert local wall-clock times to UTC, across DST', () => {
    expect(zonedTime('2025-11-21', 600, 'Asia/Kolkata').toISOString()).toBe(
      '2025-11-21T04:30:00.000Z',
    );
    expect(zonedTime('2025-07-01', 600, 'Europe/London').toISOString()).toBe(
      '2025-07-01T09:00:00.000Z',
    );
    expect(zonedTime('2025-12-01', 600, 'Europe/London').toISOString()).toBe(
      '2025-12-01T10:00:00.000Z',
    );
    expect(zonedTime('2025-03-09', 600, 'America/New_York').toISOString()).toBe(
      '2025-03-09T14:00:00.000Z',
    );
    expect(zonedTime('2025-03-08', 600, 'America/New_York').toISOString()).toBe(
      '2025-03-08T15:00:00.000Z',
    );
    expect(localDate(new Date('2025-11-21T03:00:00Z'), 'America/New_York')).toBe('2025-11-20');
    expect(addDays('2025-12-30', 3)).toBe('2026-01-02');
  });
});

describe('generateDemo', () => {
  it('is deterministic in seed and today', () => {
    expect(generateDemo(7, TODAY)).toEqual(data);
    const other = generateDemo(8, TODAY);
    expect(other.chains[0]?.id).not.toBe(data.chains[0]?.id);
  });

  it('makes unique v4-shaped ids', () => {
    const ids = Object.values(data).flatMap((rows: unknown) =>
      Array.isArray(rows)
        ? rows.flatMap((r: { id?: unknown }) => (typeof r.id === 'string' ? [r.id] : []))
        : [],
    );
    expect(ids.length).toBeGreaterThan(3000);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('derives the same credentials from the seed alone, whatever today is', () => {
    expect(deriveDemoCredentials(7)).toEqual(credentialsOf(data));
    expect(credentialsOf(generateDemo(7, new Date('2026-02-01T00:00:00Z')))).toEqual(
      credentialsOf(data),
    );
    const pins = data.staff.map((s) => s.pin);
    for (const s of data.staff)
      expect(pinProblem(s.pin, s.role as PinRole), `${s.role} ${s.pin}`).toBeNull();
    for (const s of data.staff.filter((p) => p.role !== 'cashier'))
      expect(s.pin).toMatch(/^\d{6}$/);
    expect(new Set(pins).size).toBe(pins.length);
    expect(data.staff.filter((s) => s.role === 'admin')).toHaveLength(1);
    for (const c of data.cinemas) {
      const roles = data.staff.filter((s) => s.cinemaId === c.id).map((s) => s.role);
      expect(roles).toContain('manager');
      expect(roles).toContain('cashier');
      expect(data.stations.filter((s) => s.cinemaId === c.id && s.kind === 'counter')).toHaveLength(
        1,
      );
    }
    expect(data.stations.filter((s) => s.kind === 'kiosk').map((s) => s.cinemaId)).toEqual([
      data.cinemas[0]?.id,
    ]);
  });

  it('builds realistic layouts with wheelchair spaces beside companion seats', () => {
    for (const layout of data.seatLayouts) {
      const seats = data.seats.filter((s) => s.layoutId === layout.id);
      expect(seats.length).toBeGreaterThanOrEqual(80);
      expect(seats.length).toBeLessThanOrEqual(450);
      const categories = new Set(seats.map((s) => s.categoryId));
      expect(categories.size).toBeGreaterThanOrEqual(2);
      expect(categories.size).toBeLessThanOrEqual(3);
      expect(new Set(seats.map((s) => s.label)).size).toBe(seats.length);
      for (const s of seats) {
        expect(s.x).toBeGreaterThan(0);
        expect(s.x).toBeLessThan(layout.width);
        expect(s.y).toBeGreaterThan(0);
        expect(s.y).toBeLessThan(layout.height);
      }
      const wheelchairs = seats.filter((s) => s.kind === 'wheelchair');
      expect(wheelchairs.length).toBeGreaterThanOrEqual(2);
      for (const w of wheelchairs) {
        const beside = seats.filter(
          (s) => s.rowId === w.rowId && Math.abs(s.number - w.number) === 1,
        );
        expect(beside.some((s) => s.kind === 'companion')).toBe(true);
      }
      const rows = data.layoutRows
        .filter((r) => r.layoutId === layout.id)
        .sort((a, b) => a.sortOrder - b.sortOrder);
      expect(rows.slice(0, 3).map((r) => r.label)).toEqual(['A', 'B', 'C']);
    }
  });

  it('plans 7 local days of non-overlapping shows from 10:00 to before 23:30 in every cinema', () => {
    for (const cinema of data.cinemas) {
      const shows = data.shows.filter((s) => s.cinemaId === cinema.id);
      const first = localDate(TODAY, cinema.timeZone);
      const days = new Set(shows.map((s) => localDate(s.startsAt, cinema.timeZone)));
      expect([...days].sort()).toEqual(Array.from({ length: 7 }, (_, i) => addDays(first, i)));
      for (const s of shows) {
        const minutes = localMinutes(s.startsAt, cinema.timeZone);
        expect(minutes).toBeGreaterThanOrEqual(OPENING_MINUTES);
        expect(minutes).toBeLessThan(LAST_START_MINUTES);
        const movie = data.movies.find((m) => m.id === s.movieId);
        const screen = data.screens.find((x) => x.id === s.screenId);
        expect(s.endsAt.getTime() - s.startsAt.getTime()).toBe(
          ((movie?.durationMinutes ?? 0) + (screen?.cleaningMinutes ?? 0)) * 60_000,
        );
        expect((movie?.releaseDate ?? '9999') <= localDate(s.startsAt, cinema.timeZone)).toBe(true);
      }
    }
  });

  it('plans a day alone exactly as it plans that day inside the week', () => {
    const base = buildDemoBase(7, TODAY);
    for (const cinema of base.chain.cinemas) {
      const day = addDays(localDate(TODAY, cinema.spec.timeZone), 4);
      const alone = planDemoDays(base, cinema, [day], TODAY);
      expect(alone.shows.length).toBeGreaterThan(0);
      const ids = new Set(alone.shows.map((s) => s.id));
      expect(data.shows.filter((s) => ids.has(s.id))).toEqual(alone.shows);
      expect(data.showPrices.filter((p) => ids.has(p.showId))).toEqual(alone.showPrices);
      expect(data.showSeats.filter((s) => ids.has(s.showId))).toEqual(alone.showSeats);
    }
  });

  it('keeps films on in every cinema for a year after the seed day', () => {
    const base = buildDemoBase(7, TODAY);
    for (const cinema of base.chain.cinemas) {
      const first = localDate(TODAY, cinema.spec.timeZone);
      const later = [30, 90, 365].map((n) => addDays(first, n));
      const shows = planDemoDays(base, cinema, later, TODAY).shows;
      expect(new Set(shows.map((s) => localDate(s.startsAt, cinema.spec.timeZone)))).toEqual(
        new Set(later),
      );
    }
  });

  it('keeps shows inside opening hours across a DST change', () => {
    const spring = generateDemo(7, new Date('2025-03-27T12:00:00Z'));
    for (const cinema of spring.cinemas) {
      for (const s of spring.shows.filter((x) => x.cinemaId === cinema.id)) {
        expect(localMinutes(s.startsAt, cinema.timeZone)).toBeGreaterThanOrEqual(OPENING_MINUTES);
        expect(localMinutes(s.startsAt, cinema.timeZone)).toBeLessThan(LAST_START_MINUTES);
      }
    }
  });

  it('prices every category of every show and makes a seat row for every seat', () => {
    const categoriesOf = new Map<string, number>();
    for (const c of data.seatCategories)
      categoriesOf.set(c.screenId, (categoriesOf.get(c.screenId) ?? 0) + 1);
    const seatsOf = new Map<string, number>();
    for (const s of data.seats) seatsOf.set(s.layoutId, (seatsOf.get(s.layoutId) ?? 0) + 1);
    const expectedPrices = data.shows.reduce((n, s) => n + (categoriesOf.get(s.screenId) ?? 0), 0);
    const expectedSeats = data.shows.reduce((n, s) => n + (seatsOf.get(s.layoutId) ?? 0), 0);
    expect(data.showPrices).toHaveLength(expectedPrices);
    expect(data.showSeats).toHaveLength(expectedSeats);
    expect(expectedSeats).toBeGreaterThan(100_000);
    for (const p of data.showPrices) {
      expect(Number.isInteger(p.amountMinor)).toBe(true);
      expect(p.amountMinor).toBeGreaterThan(0);
    }
    const blocked = data.showSeats.filter((s) => s.state === 'blocked');
    expect(blocked.length).toBeGreaterThan(0);
    for (const b of blocked) expect(b.blockReason).toBeTruthy();
  });
});

describe('price cards', () => {
  it('price every seeded show exactly as the seed did, so planned shows cost the same', () => {
    const codeOf = new Map(data.seatCategories.map((c) => [c.id, c.code]));
    const cinemaOf = new Map(data.cinemas.map((c) => [c.id, c]));
    const formatOf = new Map(data.formats.map((f) => [f.id, f.code]));
    const pricesOf = new Map<string, { categoryId: string; amountMinor: number }[]>();
    for (const p of data.showPrices) pricesOf.set(p.showId, [...(pricesOf.get(p.showId) ?? []), p]);
    let checked = 0;
    for (const show of data.shows.slice(0, 400)) {
      const cinema = cinemaOf.get(show.cinemaId);
      if (!cinema || !(show.startsAt instanceof Date) || !show.id) continue;
      const cards = data.priceCards.filter((c) => c.cinemaId === show.cinemaId);
      const card = matchPriceCard(
        cards.map((c) => ({
          id: c.id,
          currency: c.currency,
          weekdays: c.weekdays,
          fromMinute: c.fromMinute,
          toMinute: c.toMinute,
          formats: c.formats ?? [],
          screenIds: c.screenIds ?? [],
          active: c.active ?? true,
          updatedAt: 0,
        })),
        {
          currency: cinema.currency,
          weekday: isoWeekday(localDate(show.startsAt, cinema.timeZone)),
          startMinute: localMinutes(show.startsAt, cinema.timeZone),
          screenId: show.screenId,
          formatCode: formatOf.get(show.formatId) ?? '',
        },
      );
      const prices = cards.find((c) => c.id === card?.id)?.prices ?? {};
      for (const p of pricesOf.get(show.id) ?? []) {
        expect(prices[codeOf.get(p.categoryId) ?? '']).toBe(p.amountMinor);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});
