// Stable error codes that cross every boundary (STYLE 3). Never rename one; add new ones.

/** Every error code the product can return, with the HTTP status it maps to on REST. */
export const errorCodes = {
  BO_BAD_REQUEST: 400,
  BO_VALIDATION: 400,
  BO_WEAK_PASSWORD: 400,
  BO_RESET_TOKEN_INVALID: 400,
  BO_ENROLLMENT_CODE_INVALID: 400,
  BO_UNAUTHORIZED: 401,
  BO_FORBIDDEN: 403,
  BO_NOT_FOUND: 404,
  BO_SHOW_NOT_FOUND: 404,
  BO_HOLD_NOT_FOUND: 404,
  BO_SEAT_NOT_FOUND: 404,
  BO_TICKET_NOT_FOUND: 404,
  BO_BOOKING_NOT_FOUND: 404,
  BO_PAYMENT_NOT_FOUND: 404,
  BO_SEAT_UNAVAILABLE: 409,
  BO_HOLD_EXPIRED: 409,
  BO_HOLD_NOT_ACTIVE: 409,
  BO_HOLD_EXTEND_LIMIT: 409,
  BO_HOLD_LIMIT: 409,
  BO_NO_SEATS_FIT: 409,
  BO_SHOW_NOT_ON_SALE: 409,
  BO_SHOW_CLOSED: 409,
  BO_TICKET_NOT_VALID: 409,
  BO_CONFLICT: 409,
  BO_IDEMPOTENCY_MISMATCH: 409,
  BO_DISCOUNT_EXPIRED: 409,
  BO_DISCOUNT_NOT_YET_VALID: 409,
  BO_DISCOUNT_EXHAUSTED: 409,
  BO_DISCOUNT_CURRENCY: 409,
  BO_DISCOUNT_MIN_SPEND: 409,
  /** The promo code is not good on this channel (counter, kiosk, web). */
  BO_DISCOUNT_CHANNEL: 409,
  /** A manager withdrew the promo code. */
  BO_DISCOUNT_WITHDRAWN: 409,
  BO_CONCESSION_UNAVAILABLE: 409,
  /** The booking is not in a state that allows this (paying a confirmed one, cancelling an expired one). */
  BO_BOOKING_STATE: 409,
  BO_BOOKING_EXPIRED: 409,
  /** The cancellation deadline before the show has passed. */
  BO_CANCEL_CUTOFF: 409,
  BO_REFUND_EXCEEDS_PAID: 409,
  BO_SHOW_CANCELLED: 409,
  /** A show would overlap another on its screen (or its cleaning buffer): details name the clash. */
  BO_SHOW_CONFLICT: 409,
  /** The show has seats sold or held: moving it needs confirmSales (its customers are told). */
  BO_SHOW_HAS_SALES: 409,
  /** The show has started (or is over): it can no longer change. */
  BO_SHOW_STARTED: 409,
  /** The channel has sold all the seats it may sell for this show (web or kiosk quota). */
  BO_CHANNEL_QUOTA: 409,
  /** A request with this Idempotency-Key is still running: retry after Retry-After. */
  BO_IDEMPOTENCY_IN_PROGRESS: 409,
  /** This Idempotency-Key was used with another request. */
  BO_IDEMPOTENCY_KEY_REUSED: 422,
  BO_IDEMPOTENCY_KEY_REQUIRED: 400,
  /** A webhook whose signature, timestamp or body does not verify. */
  BO_WEBHOOK_SIGNATURE: 400,
  /** Email for this kind of notification cannot be switched off (it is the customer's record). */
  BO_NOTIFY_EMAIL_REQUIRED: 400,
  /** An unsubscribe link whose token is forged, damaged or not for this purpose. */
  BO_UNSUBSCRIBE_TOKEN: 400,
  /** A kiosk sells for card only, taken by its payment terminal: every other tender is refused. */
  BO_KIOSK_CARD_ONLY: 403,
  /** The card terminal did not approve the payment (declined, cancelled or timed out): nothing was sold. */
  BO_PAYMENT_DECLINED: 402,
  BO_TILL_NOT_OPEN: 409,
  BO_TILL_NOT_YOURS: 409,
  BO_TILL_VARIANCE: 409,
  BO_PAYLOAD_TOO_LARGE: 413,
  BO_TIMEOUT: 408,
  BO_HEADERS_TOO_LARGE: 431,
  BO_RATE_LIMITED: 429,
  BO_PROTOCOL_VERSION: 426,
  BO_UNAVAILABLE: 503,
  /** The payment provider failed or could not be reached; nothing was charged by this request. */
  BO_PAYMENT_PROVIDER: 502,
  /** The station cannot reach the server for something that needs it now. */
  BO_OFFLINE: 503,
  /** The station has no device credential yet (or it was revoked): enroll it with a code. */
  BO_NOT_ENROLLED: 409,
  /** A booking's tickets were already printed once: a kiosk refuses, a counter reprints with a manager. */
  BO_ALREADY_COLLECTED: 409,
  /** A report over cinemas that take different currencies: choose one cinema. */
  BO_REPORT_CURRENCIES: 409,
  /** A backup file's checksum or structure does not match: it was damaged after it was written. */
  BO_BACKUP_CORRUPT: 422,
  /** A file that is not a Marquee backup, or one from a newer schema than this server's. */
  BO_BACKUP_FOREIGN: 422,
  /** Another backup or restore is running (on this or another server process). */
  BO_BACKUP_BUSY: 409,
  /** Feedback on a booking that cannot be rated: not confirmed, or its show was cancelled. */
  BO_FEEDBACK_NOT_ALLOWED: 409,
  /** Feedback before the show started: a customer rates what they saw. */
  BO_FEEDBACK_TOO_EARLY: 409,
  BO_INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** True when `code` is one of the known codes. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCodes, code);
}

/** The shape every error takes on the wire. */
export type WireError = { code: string; message: string; details?: Record<string, unknown> };

/** A result that crosses a boundary: a value or a coded error, never a thrown stack. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: WireError };

/** An error with a stable code, thrown inside a process and turned into a WireError at its edge. */
export class BoError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'BoError';
  }

  /** HTTP status for REST. */
  get status(): number {
    return errorCodes[this.code];
  }

  /** The wire form of this error. */
  toWire(): WireError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** Builds a successful result. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** Builds a failed result. */
export const err = (
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});
