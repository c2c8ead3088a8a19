// Which price card prices a show (issue 16): the cards of its cinema that are active, in its
// currency, and match its local weekday, start time, screen and format; the most specific wins
// (a card for this screen over one for every screen, then for this format, then the narrower time
// window, then the newer card). Server and renderer both call it, so the planner shows the card the
// server will use.

/** A card as matching needs it. */
export type MatchableCard = {
  id: string;
  currency: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: readonly number[];
  /** Minutes after local midnight: from inclusive, to exclusive (1440 = end of day). */
  fromMinute: number;
  toMinute: number;
  formats: readonly string[];
  screenIds: readonly string[];
  active: boolean;
  /** Newer cards win ties: an ISO instant or epoch milliseconds. */
  updatedAt: string | number;
};

/** The show to price: its local weekday and start time, screen and format. */
export type CardTarget = {
  currency: string;
  weekday: number;
  startMinute: number;
  screenId: string;
  formatCode: string;
};

/** ISO weekday (1 = Monday … 7 = Sunday) of a YYYY-MM-DD calendar date. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** True when the card applies to the target. */
export function cardMatches(card: MatchableCard, t: CardTarget): boolean {
  return (
    card.active &&
    card.currency === t.currency &&
    card.weekdays.includes(t.weekday) &&
    t.startMinute >= card.fromMinute &&
    t.startMinute < card.toMinute &&
    (card.formats.length === 0 || card.formats.includes(t.formatCode)) &&
    (card.screenIds.length === 0 || card.screenIds.includes(t.screenId))
  );
}

/** The card that prices the target, or null when none matches. */
export function matchPriceCard<C extends MatchableCard>(
  cards: readonly C[],
  t: CardTarget,
): C | null {
  let best: C | null = null;
  for (const c of cards) {
    if (!cardMatches(c, t)) continue;
    if (best === null || compareSpecificity(c, best) > 0) best = c;
  }
  return best;
}

function compareSpecificity(a: MatchableCard, b: MatchableCard): number {
  const screen = Number(a.screenIds.length > 0) - Number(b.screenIds.length > 0);
  if (screen !== 0) return screen;
  const format = Number(a.formats.length > 0) - Number(b.formats.length > 0);
  if (format !== 0) return format;
  const span = b.toMinute - b.fromMinute - (a.toMinute - a.fromMinute);
  if (span !== 0) return span;
  const days = b.weekdays.length - a.weekdays.length;
  if (days !== 0) return days;
  return stamp(a.updatedAt) - stamp(b.updatedAt);
}

function stamp(v: string | number): number {
  return typeof v === 'number' ? v : Date.parse(v);
}
