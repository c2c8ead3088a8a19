// What the clients of a chaos run were told succeeded, recorded as each answer comes back: the
// audit holds the end state to it (an acknowledged sale must be there, once).
export type ChaosLedger = {
  /** Station sales answered ok (counter `sales:create`, kiosk `kiosk:pay`), as the SaleView said. */
  sales: {
    station: string;
    orderId: string;
    offline: boolean;
    totalMinor: number;
    ticketIds: string[];
  }[];
  /** Station voids answered ok (`sales:void`). */
  voids: { station: string; orderId: string; ticketIds: string[] }[];
  /** Web bookings whose payment the test gateway's page answered `succeeded`. */
  bookings: { bookingId: string; reference: string; totalMinor: number }[];
  /** Web refunds the REST API answered 2xx. */
  refunds: { bookingId: string; refundId: string; amountMinor: number }[];
  /** Door scans answered admitted. */
  admissions: { station: string; ticketId: string }[];
};

export function emptyLedger(): ChaosLedger {
  return { sales: [], voids: [], bookings: [], refunds: [], admissions: [] };
}
