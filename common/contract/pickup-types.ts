// What the station answers about a web booking brought for pick-up (issue 18).

/** A web booking as the counter or kiosk shows it before printing its tickets. */
export type PickupBooking = {
  orderId: string;
  reference: string;
  /** The order's state on the server: paid, partially_refunded… (only collectable ones are shown). */
  status: string;
  paid: boolean;
  movieTitle: string;
  screenName: string;
  /** UTC ISO time the show starts. */
  startsAt: string;
  totalMinor: number;
  currency: string;
  /** The booking's seats still valid (a partly refunded booking shows the rest). */
  seats: { ticketId: string; label: string; ticketType: string; priceMinor: number }[];
  food: { name: string; quantity: number }[];
  /** Set once its tickets were printed, here or at another station of the cinema. */
  collected: null | { at: string; stationId: string; here: boolean; kiosk: boolean };
};

/** The answer to a collection: the print jobs of the tickets. */
export type PickupCollected = { booking: PickupBooking; jobIds: string[]; offline: boolean };
