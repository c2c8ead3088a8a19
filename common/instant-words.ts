// Instants as the cinema's people read them: in its time zone and locale, never raw UTC ISO text.
// Pure TypeScript (Intl only), so the pricing function, the station and the renderer share it.

/** Where and how to show times; without one, times read as UTC and say so. */
export type TimeDisplay = { timeZone: string; locale: string };

/** "4 Nov 2026, 14:56" in the cinema's zone and locale; "4 Nov 2026, 09:26 UTC" without a display. */
export function formatInstant(at: Date, display?: TimeDisplay | null): string {
  const text = new Intl.DateTimeFormat(display?.locale ?? 'en-GB', {
    timeZone: display?.timeZone ?? 'UTC',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(at);
  return display ? text : `${text} UTC`;
}

// An ISO 8601 instant with a zone (Z or ±hh:mm), as toISOString and PostgreSQL write them.
const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})/g;

/** Rewrites every ISO instant inside a message (e.g. from the server) into the cinema's time. */
export function localizeInstants(text: string, display: TimeDisplay | null): string {
  if (display === null) return text;
  return text.replace(ISO_INSTANT, (iso) => {
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? iso : formatInstant(at, display);
  });
}
