// How a sale number is written on screens, receipts and reports: training sales count apart (T-1, T-2…).

/** "42" for a sale, "T-3" for a training sale, "" when the sale has no number yet. */
export function saleNumberLabel(saleNumber: number | null, training: boolean): string {
  if (saleNumber === null) return '';
  return training ? `T-${String(saleNumber)}` : String(saleNumber);
}
