// What the notification pieces hand each other (DESIGN §9): the kinds of message, the facts a
// template is rendered from, and the ports email and SMS leave through.

/** Every kind of message customers get. */
export const NOTIFICATION_KINDS = [
  'booking.confirmed',
  'booking.cancelled',
  'booking.refunded',
  'booking.expired',
  'payment.failed',
  'show.cancelled',
  'show.moved',
  'show.reminder',
  'feedback.replied',
  'password.reset',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The channels a message can take. */
export type Channel = 'email' | 'sms' | 'push';

/** A booking as its messages describe it, read when the message is sent. */
export type BookingFacts = {
  bookingId: string;
  reference: string;
  /** pending | confirmed | expired | cancelled */
  status: string;
  customerName: string | null;
  cinema: {
    name: string;
    address: string;
    /** IANA zone: every time is shown in it. */
    timeZone: string;
    /** BCP 47 locale the cinema formats dates and money in. */
    locale: string;
  };
  show: {
    id: string;
    startsAt: Date;
    endsAt: Date;
    movieTitle: string;
    /** e.g. 12A, PG-13; empty when none. */
    certification: string;
    format: string;
    language: string;
    screenName: string;
    /** scheduled | cancelled … */
    status: string;
  };
  tickets: {
    ticketId: string;
    rowLabel: string;
    seatLabel: string;
    ticketTypeName: string;
    /** Price including tax, minor units. */
    priceMinor: number;
    /** The tax inside priceMinor. */
    taxMinor: number;
    /** valid | refunded | void */
    status: string;
    /** The signed ticket code (QR content); null unless valid. */
    code: string | null;
  }[];
  /** Food and drink bought with it. */
  items: { name: string; quantity: number; totalMinor: number }[];
  currency: string;
  totalMinor: number;
  taxMinor: number;
  discountMinor: number;
  /** Where the customer sees the booking (tickets, cancel) in the chain's web shop; null: no link. */
  manageUrl: string | null;
};

/** What one message says, by kind: the booking's facts plus what happened. */
export type MessageContent =
  | { kind: 'booking.confirmed'; facts: BookingFacts }
  | {
      kind: 'booking.cancelled';
      facts: BookingFacts;
      /** Refunded to the card paid with (0: nothing was paid, or nothing is due). */
      refundMinor: number;
      feeMinor: number;
    }
  | {
      kind: 'booking.refunded';
      facts: BookingFacts;
      amountMinor: number;
      feeMinor: number;
      /** Why: customer | manager | duplicate_payment | late_payment | show_cancelled … */
      reason: string;
      /** How the money goes back, e.g. "the card you paid with". */
      method: string;
    }
  | { kind: 'booking.expired'; facts: BookingFacts }
  | {
      kind: 'payment.failed';
      facts: BookingFacts;
      /** The provider's reason, e.g. "card_declined". */
      reason: string;
      /** Until when the customer can still pay (the booking's expiry). */
      payBy: Date | null;
    }
  | {
      kind: 'show.cancelled';
      facts: BookingFacts;
      /** True when the booking was paid: then refundMinor goes back to the card. */
      paid: boolean;
      refundMinor: number;
    }
  | {
      kind: 'show.moved';
      facts: BookingFacts;
      /** When the show started before the manager moved it (facts.show has the new start). */
      from: Date;
    }
  | {
      kind: 'feedback.replied';
      facts: BookingFacts;
      /** What the cinema answered to the customer's rating and comment. */
      reply: string;
    }
  | {
      kind: 'show.reminder';
      facts: BookingFacts;
      /** One-click link that stops reminders to this address (emails only; null elsewhere). */
      unsubscribeUrl: string | null;
    }
  | {
      kind: 'password.reset';
      name: string;
      /** The link with the one-time token. */
      resetUrl: string;
      expiresMinutes: number;
      /** BCP 47 language of the customer. */
      locale: string;
    };

/** One rendered email. */
export type EmailContent = {
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
};

/** What a provider's answer means for the message. */
export type SendResult =
  | { ok: true; ref: string | null }
  /** permanent: retrying cannot help (a refused address, a 4xx); else it is retried later. */
  | { ok: false; permanent: boolean; reason: string };

/** One email to send. */
export type OutgoingEmail = {
  /** The message's stable id: it becomes the Message-ID, so a resend is recognisably the same. */
  id: string;
  to: string;
  content: EmailContent;
  /** Extra headers (List-Unsubscribe…). */
  headers: Record<string, string>;
};

/** Where email leaves through: SMTP, or files in a folder. */
export type EmailTransport = {
  readonly name: string;
  send(mail: OutgoingEmail): Promise<SendResult>;
  close(): Promise<void>;
};

/** One SMS to send. */
export type OutgoingSms = {
  /** The message's stable id. */
  id: string;
  /** E.164, e.g. +447700900123. */
  to: string;
  body: string;
};

/** Where SMS leave through: an HTTP provider, or files in a folder. */
export type SmsProvider = {
  readonly name: string;
  send(sms: OutgoingSms): Promise<SendResult>;
};
