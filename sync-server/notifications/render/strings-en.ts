// English words for every message. Values arrive formatted for the cinema (Intl, its locale and
// zone); only the words are English. SMS texts are kept short: the renderer shortens the film title
// when a text would not fit one message.
import type { Language } from './strings.js';

const feeNote = (fee: string): string => (fee === '' ? '' : ` A fee of ${fee} was kept.`);

/** English. */
export const EN: Language = {
  labels: {
    greeting: (name) => (name === '' ? 'Hello,' : `Hello ${name},`),
    reference: 'Booking reference',
    film: 'Film',
    when: 'Date and time',
    cinema: 'Cinema',
    screen: 'Screen',
    seats: 'Seats',
    ticket: 'Ticket',
    price: 'Price',
    items: 'Food and drink',
    discount: 'Discount',
    total: 'Total',
    inclTax: (tax) => `incl. ${tax} tax`,
    attached:
      'Your tickets are attached as a PDF: show the QR code on your phone or on paper at the door. The calendar file adds the show to your calendar.',
    linkFallback: 'If the button does not work, copy this link into your browser:',
    footer: (cinema) =>
      cinema === null
        ? 'Sent by Marquee because someone asked to reset the password of this account.'
        : `${cinema} · sent by Marquee because of your booking.`,
    unsubscribe: 'Stop show reminders',
  },
  refundReasons: {
    customer: 'you cancelled tickets',
    manager: 'the cinema made a refund',
    duplicate_payment: 'you were charged twice',
    late_payment: 'your payment arrived after the booking had expired',
    show_cancelled: 'the show was cancelled',
    other: 'the cinema made a refund',
  },
  paymentReasons: {
    card_declined: 'your card was declined',
    insufficient_funds: 'the card has insufficient funds',
    expired_card: 'the card has expired',
    incorrect_cvc: 'the security code was incorrect',
    authentication_required: 'your bank asked for a confirmation that was not completed',
    processing_error: 'the payment could not be processed',
    other: 'the payment was not accepted',
  },
  kinds: {
    'booking.confirmed': {
      subject: (v) => `Your tickets for ${v.film}, ${v.whenShort} (${v.reference})`,
      heading: (v) => `You are booked for ${v.film}`,
      body: (v) => [`Thank you for your booking at ${v.cinema}. Here are your tickets.`],
      action: 'View your booking',
      sms: (v) =>
        `Booked: ${v.film}, ${v.whenShort}, ${v.cinema}. Seats ${v.seats}. Ref ${v.reference}. Tickets sent by email.`,
      pushTitle: (v) => `Booked: ${v.film}`,
      pushBody: (v) =>
        `${v.whenShort} at ${v.cinema}, ${v.screen}. Seats ${v.seats}. Ref ${v.reference}.`,
    },
    'booking.cancelled': {
      subject: (v) => `Booking ${v.reference} cancelled`,
      heading: () => 'Your booking is cancelled',
      body: (v) => [
        `Your booking ${v.reference} for ${v.film} on ${v.when} is cancelled and its tickets no longer admit.`,
        v.amount === ''
          ? 'Nothing was charged, so there is nothing to refund.'
          : `We refund ${v.amount} to the card you paid with; it usually shows within 5–10 days.${feeNote(v.fee)}`,
      ],
      action: 'View your booking',
      sms: (v) =>
        `Booking ${v.reference} (${v.film}, ${v.whenShort}) is cancelled.${v.amount === '' ? '' : ` Refund ${v.amount} to your card.`}`,
      pushTitle: (v) => `Cancelled: ${v.film}`,
      pushBody: (v) =>
        `Booking ${v.reference} for ${v.whenShort} is cancelled.${v.amount === '' ? ' Nothing was charged.' : ` ${v.amount} will be refunded to your card.`}`,
    },
    'booking.refunded': {
      subject: (v) => `Refund of ${v.amount} for booking ${v.reference}`,
      heading: (v) => `We refunded ${v.amount}`,
      body: (v) => [
        `We refunded ${v.amount} to ${v.method} for booking ${v.reference} (${v.film}, ${v.when}) because ${v.reason}.${feeNote(v.fee)}`,
        'Refunds usually show on your statement within 5–10 days.',
      ],
      action: 'View your booking',
      sms: (v) => `Refund of ${v.amount} for booking ${v.reference} (${v.film}) to ${v.method}.`,
      pushTitle: (v) => `Refund of ${v.amount}`,
      pushBody: (v) =>
        `Booking ${v.reference} (${v.film}, ${v.whenShort}): ${v.amount} refunded to ${v.method}.`,
    },
    'booking.expired': {
      subject: (v) => `Booking ${v.reference} expired unpaid`,
      heading: () => 'Your booking expired',
      body: (v) => [
        `Booking ${v.reference} for ${v.film} on ${v.when} was not paid in time, so the seats were released. Nothing was charged.`,
        'You are welcome to book again while seats are available.',
      ],
      action: null,
      sms: (v) =>
        `Booking ${v.reference} (${v.film}, ${v.whenShort}) expired unpaid; seats released, nothing charged.`,
      pushTitle: (v) => `Expired: ${v.film}`,
      pushBody: (v) =>
        `Booking ${v.reference} for ${v.whenShort} was not paid in time. Nothing was charged.`,
    },
    'payment.failed': {
      subject: (v) => `Payment for booking ${v.reference} did not go through`,
      heading: () => 'Your payment did not go through',
      body: (v) => [
        `We could not take payment for booking ${v.reference} (${v.film}, ${v.when}): ${v.reason}.`,
        v.payBy === ''
          ? 'Please try again with another card.'
          : `Your seats are held until ${v.payBy}. Pay by then to keep them.`,
      ],
      action: 'Pay for your booking',
      sms: (v) =>
        `Payment for booking ${v.reference} (${v.film}) failed.${v.payByShort === '' ? '' : ` Pay by ${v.payByShort} to keep your seats.`}`,
      pushTitle: () => 'Payment did not go through',
      pushBody: (v) =>
        `Booking ${v.reference} (${v.film}, ${v.whenShort}): ${v.reason}.${v.payByShort === '' ? '' : ` Pay by ${v.payByShort}.`}`,
    },
    'show.cancelled': {
      subject: (v) => `${v.film} on ${v.whenShort} is cancelled`,
      heading: (v) => `${v.film} is cancelled`,
      body: (v) => [
        `We are sorry: the show of ${v.film} on ${v.when} at ${v.cinema} is cancelled. Your booking ${v.reference} no longer admits.`,
        v.paid
          ? `We refund ${v.amount} to the card you paid with; it usually shows within 5–10 days.`
          : 'Nothing was charged, so there is nothing to refund.',
      ],
      action: 'View your booking',
      sms: (v) =>
        `Sorry, ${v.film} on ${v.whenShort} is cancelled. Ref ${v.reference}. ${v.paid ? `${v.amount} refunded to your card.` : 'Nothing charged.'}`,
      pushTitle: (v) => `Show cancelled: ${v.film}`,
      pushBody: (v) =>
        `${v.film} on ${v.whenShort} is cancelled. Booking ${v.reference}: ${v.paid ? `${v.amount} refunded to your card.` : 'nothing was charged.'}`,
    },
    'feedback.replied': {
      subject: (v) => `${v.cinema} replied to your feedback on ${v.film}`,
      heading: (v) => `A reply from ${v.cinema}`,
      body: (v) => [
        `Thank you for rating ${v.film} on ${v.when} (booking ${v.reference}). ${v.cinema} replied:`,
        `“${v.reply}”`,
      ],
      action: 'View your booking',
      sms: (v) => `${v.cinema} replied to your feedback on ${v.film}: ${v.reply}`,
      pushTitle: (v) => `${v.cinema} replied`,
      pushBody: (v) => v.reply,
    },
    'show.moved': {
      subject: (v) => `${v.film} has moved: now ${v.whenShort}`,
      heading: (v) => `${v.film} now starts at a new time`,
      body: (v) => [
        `The show of ${v.film} at ${v.cinema} has moved: it now starts ${v.when} (it was ${v.was}).`,
        `Your booking ${v.reference} and your seats stay the same. If the new time does not suit you, you can cancel the booking for a full refund.`,
      ],
      action: 'View your booking',
      sms: (v) =>
        `${v.film} has moved to ${v.whenShort} (was ${v.wasShort}). Ref ${v.reference}; same seats.`,
      pushTitle: (v) => `New time: ${v.film}`,
      pushBody: (v) =>
        `${v.film} now starts ${v.whenShort} (was ${v.wasShort}). Booking ${v.reference}, same seats.`,
    },
    'show.reminder': {
      subject: (v) => `Reminder: ${v.film}, ${v.whenShort}`,
      heading: (v) => `${v.film} is coming up`,
      body: (v) => [
        `A reminder that ${v.film} starts on ${v.when} at ${v.cinema}, ${v.screen}. Your seats: ${v.seats}.`,
        'Your tickets are in your booking confirmation and in your account.',
      ],
      action: 'View your tickets',
      sms: (v) =>
        `Reminder: ${v.film}, ${v.whenShort}, ${v.cinema}, ${v.screen}. Seats ${v.seats}. Ref ${v.reference}.`,
      pushTitle: (v) => `Soon: ${v.film}`,
      pushBody: (v) => `${v.whenShort} at ${v.cinema}, ${v.screen}. Seats ${v.seats}.`,
    },
    'password.reset': {
      subject: () => 'Reset your Marquee password',
      heading: () => 'Reset your password',
      body: (v) => [
        `Someone asked to reset the password of your account. The link below works once and for ${v.minutes} minutes.`,
        'If it was not you, ignore this email: your password stays as it is.',
      ],
      action: 'Choose a new password',
      sms: () =>
        'A password reset was requested for your Marquee account. Use the link in the email we sent you.',
      pushTitle: () => 'Password reset requested',
      pushBody: () =>
        'A password reset was requested for your account. Use the link in the email we sent you.',
    },
  },
};
