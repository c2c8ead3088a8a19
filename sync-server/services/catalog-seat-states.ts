// The compact seat map: only the states, in the seat order of the full map. A client that has the
// full map once (layout, prices) refreshes with this ~5 kB body instead of ~76 kB, or with a 304.
import { z } from 'zod';
import { seatStateSchema } from '../../common/seat-map.js';
import { availability, type Availability } from './catalog-schemas.js';

/** GET /shows/{showId}/seat-states: the part of the seat map that changes while a show is on sale. */
export const seatStatesResponse = z.object({
  showId: z.string(),
  layoutId: z
    .string()
    .describe('The layout the states belong to; fetch the full map again if it differs from yours'),
  status: z.string(),
  version: z.int().describe('Sum of the seats’ versions, as in the full map'),
  availability,
  states: z
    .array(seatStateSchema)
    .describe('states[i] is the state of seats[i] of the full map of the same layoutId'),
});
export type SeatStatesResponse = z.infer<typeof seatStatesResponse>;

/** Serializes the compact map; `states` are SeatState values in the full map's seat order. */
export function serializeSeatStates(
  head: {
    showId: string;
    layoutId: string;
    status: string;
    version: number;
    availability: Availability;
  },
  states: readonly string[],
): Buffer {
  // States come from a closed set of plain words, so quoting them needs no escaping.
  const list = states.length === 0 ? '' : `"${states.join('","')}"`;
  return Buffer.from(`${JSON.stringify(head).slice(0, -1)},"states":[${list}]}`);
}
