// Counter tenders (DESIGN §7): one list for the contract, the sync protocol, tills, receipts and screens.
import { z } from 'zod';

/** What a customer can pay with at the counter; `electronic` is UPI, wallets and other transfers. */
export const COUNTER_TENDERS = ['cash', 'card', 'voucher', 'electronic'] as const;

/** A counter tender. */
export type CounterTender = (typeof COUNTER_TENDERS)[number];

/** The zod schema of a counter tender. */
export const counterTenderSchema = z.enum(COUNTER_TENDERS);

/** How receipts, Z-reports and screens name each tender. */
export const TENDER_LABELS: Record<CounterTender, string> = {
  cash: 'Cash',
  card: 'Card',
  voucher: 'Voucher',
  electronic: 'UPI / wallet',
};
