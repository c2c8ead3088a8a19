// How a seat looks: every state has a shape or pattern of its own, so the map reads without colour.
import type { StationSeat } from '../../../common/contract/station.js';
import { sellability } from './seat-logic.js';

/** The drawn state of a seat at this counter. */
export type SeatLook =
  | 'free'
  | 'mine'
  | 'selected'
  | 'sold'
  | 'pending'
  | 'held'
  | 'blocked'
  | 'other-counter'
  | 'offline';

/** Picks the look of a seat; the basket wins over everything. */
export function seatLook(seat: StationSeat, selected: boolean, online: boolean): SeatLook {
  if (selected) return 'selected';
  if (seat.pending) return 'pending';
  switch (seat.state) {
    case 'sold':
      return 'sold';
    case 'held':
      return 'held';
    case 'blocked':
      return 'blocked';
    case 'allocated':
      return seat.mine ? 'mine' : 'other-counter';
    case 'available':
      return sellability(seat, online).sellable ? 'free' : 'offline';
  }
}

/** Words for each look, for titles, the legend and screen readers. */
export const LOOK_TEXT: Record<SeatLook, string> = {
  free: 'Free',
  mine: 'Free, set aside for this counter (◆, sellable offline)',
  selected: 'In the basket',
  sold: 'Sold',
  pending: 'Sold here, waiting to reach the server',
  held: 'Held by a sale in progress elsewhere',
  blocked: 'Blocked',
  'other-counter': 'Set aside for another counter',
  offline: 'Not sellable while offline',
};
