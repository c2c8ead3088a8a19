// The drawing of a seat map, shared by the counter's map and the layout editor's preview, so a
// manager sees a layout exactly as the counter will draw it: the screen edge, row labels, pillars
// and every seat with its glyph.
import type { StationSeat } from '../../../common/contract/station.js';
import type { MapGeometry } from '../lib/seat-geometry.js';
import type { SeatLook } from '../lib/seat-look.js';
import { SeatGlyph } from './SeatGlyph.js';

type Props = {
  geo: MapGeometry;
  seats: readonly StationSeat[];
  /** Pillars, in layout units. */
  blocks: readonly { x: number; y: number }[];
  colorOf: (s: StationSeat) => string;
  lookOf: (s: StationSeat) => SeatLook;
  focusId: string | null;
  titleOf: (s: StationSeat) => string;
  onPick: (id: string) => void;
};

/** The SVG. */
export function MapDrawing({
  geo,
  seats,
  blocks,
  colorOf,
  lookOf,
  focusId,
  titleOf,
  onPick,
}: Props) {
  return (
    <svg
      viewBox={geo.viewBox}
      preserveAspectRatio="xMidYMid meet"
      className="map-svg"
      aria-hidden="true"
    >
      <defs>
        <pattern
          id="pattern-hatch"
          patternUnits="userSpaceOnUse"
          width="3"
          height="3"
          patternTransform="rotate(45)"
        >
          <rect width="3" height="3" className="hatch-bg" />
          <line x1="0" y1="0" x2="0" y2="3" className="hatch-line" strokeWidth="1.4" />
        </pattern>
        <pattern id="pattern-dots" patternUnits="userSpaceOnUse" width="3" height="3">
          <rect width="3" height="3" className="dots-bg" />
          <circle cx="1.5" cy="1.5" r="0.7" className="dots-dot" />
        </pattern>
      </defs>
      <path
        d={`M${String(geo.screen.left)} ${String(geo.screen.y)} Q${String((geo.screen.left + geo.screen.right) / 2)} ${String(geo.screen.y - geo.screen.depth * 1.5)} ${String(geo.screen.right)} ${String(geo.screen.y)}`}
        className="screen-edge"
        strokeWidth={geo.pitch * 0.35}
        fill="none"
      />
      <text
        x={(geo.screen.left + geo.screen.right) / 2}
        y={geo.screen.y + geo.pitch * 1.1}
        className="screen-label"
        fontSize={geo.pitch * 0.7}
      >
        SCREEN
      </text>
      {geo.rowLabels.map((r) => (
        <g key={r.label} className="row-label" fontSize={geo.pitch * 0.6}>
          <text x={r.left} y={r.y} dy={geo.pitch * 0.2}>
            {r.label}
          </text>
          <text x={r.right} y={r.y} dy={geo.pitch * 0.2}>
            {r.label}
          </text>
        </g>
      ))}
      {blocks.map((b) => (
        <rect
          key={`${String(b.x)}:${String(b.y)}`}
          className="map-pillar"
          x={b.x - geo.pitch * 0.45}
          y={b.y - geo.pitch * 0.45}
          width={geo.pitch * 0.9}
          height={geo.pitch * 0.9}
        >
          <title>Pillar</title>
        </rect>
      ))}
      {seats.map((s) => (
        <SeatGlyph
          key={s.id}
          id={s.id}
          label={s.label}
          x={s.x}
          y={s.y}
          size={geo.size.get(s.id) ?? geo.pitch * 0.8}
          kind={s.kind}
          look={lookOf(s)}
          color={colorOf(s)}
          focused={s.id === focusId}
          title={titleOf(s)}
          onPick={onPick}
        />
      ))}
    </svg>
  );
}
