// Counter tenders (DESIGN §7): one list for the contract, the sync protocol, tills, receipts and screens.
import { z } from 'zod';

/** What a customer can pay with at the counter; `electronic` is UPI, wallets and other transfers. */
export const COUNTER_TENDERS = ['cash', 'card', 'voucher', 'electronic'] as const;

/** A counter tender. */
export type CounterTender = (typeof COUNTER_TENDERS)[number];

/** The name of a tender as stored (a tender from an older or newer station reads as itself). */
export function tenderLabel(tender: string): string {
  return (TENDER_LABELS as Partial<Record<string, string>>)[tender] ?? tender;
}

/** The zod schema of a counter tender. */
export const counterTenderSchema = z.enum(COUNTER_TENDERS);

/** How receipts, Z-reports and screens name each tender. */
export const TENDER_LABELS: Record<CounterTender, string> = {
  cash: 'Cash',
  card: 'Card',
  voucher: 'Voucher',
  electronic: 'UPI / wallet',
};

/** Tenders that need a reference: the voucher's code, the UPI / wallet transaction id. */
export const REFERENCE_REQUIRED: ReadonlySet<CounterTender> = new Set(['voucher', 'electronic']);

/** What each tender's reference is called at the counter, for labels and errors. */
export const REFERENCE_LABELS: Record<CounterTender, string> = {
  cash: 'Reference',
  card: 'Terminal reference (from the card slip)',
  voucher: 'Voucher code',
  electronic: 'UPI / wallet transaction reference',
};

/** Only cash gives change: every other tender is taken for at most the amount due. */
export const givesChange = (tender: CounterTender): boolean => tender === 'cash';

/**
 * True when cash handed over is so far above what is due that it is more likely a typo (50,000 for
 * 708) than a large note: the counter asks the cashier to confirm it first.
 */
export function cashNeedsConfirmation(
  cashMinor: number,
  dueMinor: number,
  multiple: number,
): boolean {
  return dueMinor > 0 && cashMinor > dueMinor * multiple;
}
