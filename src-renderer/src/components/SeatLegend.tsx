// What the seat shapes mean, drawn with the same glyphs as the map.
import type { StationSeatMap } from '../../../common/contract/station.js';
import { localeOf, money } from '../lib/format.js';
import type { SeatLook } from '../lib/seat-look.js';
import { useCounter } from '../store/counter-store.js';
import { SeatGlyph } from './SeatGlyph.js';

const LOOKS: { look: SeatLook; text: string }[] = [
  { look: 'free', text: 'Free' },
  { look: 'selected', text: 'In basket' },
  { look: 'mine', text: 'This counter’s (◆)' },
  { look: 'sold', text: 'Sold' },
  { look: 'held', text: 'Held elsewhere' },
  { look: 'blocked', text: 'Blocked' },
  { look: 'other-counter', text: 'Other counter’s' },
];

const noop = () => undefined;

function Sample({
  look,
  kind = 'standard',
  color = '#4F7CAC',
}: {
  look: SeatLook;
  kind?: 'standard' | 'wheelchair' | 'companion';
  color?: string;
}) {
  return (
    <svg viewBox="-9 -9 18 18" className="legend-glyph" aria-hidden="true">
      <SeatGlyph
        id=""
        label=""
        x={0}
        y={0}
        size={11}
        kind={kind}
        look={look}
        color={color}
        focused={false}
        title=""
        onPick={noop}
      />
    </svg>
  );
}

/** The legend under the map: states, seat kinds and the categories with their adult price. */
export function SeatLegend({ map }: { map: StationSeatMap }) {
  const cinema = useCounter((s) => s.status?.cinema);
  const l = localeOf(cinema, map.currency);
  const adult = map.ticketTypes[0]?.id ?? '';
  return (
    <div className="legend" aria-label="Seat map legend" role="group">
      <ul className="legend-list">
        {LOOKS.map((x) => (
          <li key={x.look}>
            <Sample look={x.look} /> {x.text}
          </li>
        ))}
        <li>
          <Sample look="free" kind="wheelchair" /> Wheelchair
        </li>
        <li>
          <Sample look="free" kind="companion" /> Companion
        </li>
      </ul>
      <ul className="legend-list">
        {map.categories.map((c) => (
          <li key={c.id}>
            <Sample look="free" color={c.color} /> {c.name}{' '}
            {money(c.prices[adult] ?? c.basePriceMinor, l, map.currency)}
          </li>
        ))}
      </ul>
    </div>
  );
}
