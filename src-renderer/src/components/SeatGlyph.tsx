// One seat of the SVG map: a shape per kind, a fill or pattern per state, a marker per state.
import { memo } from 'react';
import type { SeatKind } from '../../../common/seat-map.js';
import type { SeatLook } from '../lib/seat-look.js';

type Props = {
  id: string;
  label: string;
  x: number;
  y: number;
  size: number;
  kind: SeatKind;
  look: SeatLook;
  color: string;
  focused: boolean;
  title: string;
  onPick: (id: string) => void;
};

const FILL: Record<SeatLook, string> = {
  free: 'var(--seat-free)',
  mine: 'var(--seat-mine)',
  selected: 'var(--seat-selected)',
  sold: 'var(--seat-sold)',
  pending: 'var(--seat-sold)',
  held: 'url(#pattern-hatch)',
  blocked: 'var(--seat-blocked)',
  'other-counter': 'url(#pattern-dots)',
  offline: 'var(--seat-offline)',
};

function Marker({ look, h }: { look: SeatLook; h: number }) {
  const w = h * 0.55;
  switch (look) {
    case 'selected':
      return (
        <path
          d={`M${-w} 0 L${-w * 0.25} ${w * 0.75} L${w} ${-w * 0.7}`}
          className="mk-check"
          strokeWidth={h * 0.28}
          fill="none"
        />
      );
    case 'sold':
    case 'pending':
      return (
        <path
          d={`M${-w} ${-w} L${w} ${w} M${w} ${-w} L${-w} ${w}`}
          className="mk-cross"
          strokeWidth={h * 0.22}
        />
      );
    case 'blocked':
      return <path d={`M${-h * 0.8} 0 L${h * 0.8} 0`} className="mk-bar" strokeWidth={h * 0.35} />;
    case 'mine':
      return <path d={`M0 ${-w} L${w} 0 L0 ${w} L${-w} 0 Z`} className="mk-diamond" />;
    default:
      return null;
  }
}

/** A seat; memoised because a map has hundreds and only a few change at a time. */
export const SeatGlyph = memo(function SeatGlyph({
  id,
  label,
  x,
  y,
  size,
  kind,
  look,
  color,
  focused,
  title,
  onPick,
}: Props) {
  const h = size / 2;
  const stroke = look === 'free' || look === 'mine' ? color : undefined;
  const shape =
    kind === 'wheelchair' ? (
      <circle
        r={h}
        className={`seat-shape look-${look}`}
        fill={FILL[look]}
        stroke={stroke}
        strokeWidth={h * 0.22}
      />
    ) : (
      <rect
        x={-h}
        y={-h}
        width={size}
        height={size}
        rx={size * 0.2}
        className={`seat-shape look-${look}`}
        fill={FILL[look]}
        stroke={stroke}
        strokeWidth={h * 0.22}
      />
    );
  return (
    <g
      transform={`translate(${String(x)} ${String(y)})`}
      className={`seat look-${look}`}
      data-seat={label}
      data-look={look}
      onClick={() => onPick(id)}
    >
      <title>{title}</title>
      {look === 'mine' && (
        <rect
          x={-h * 1.32}
          y={-h * 1.32}
          width={size * 1.32}
          height={size * 1.32}
          rx={size * 0.3}
          className="mine-ring"
          strokeWidth={h * 0.16}
          fill="none"
        />
      )}
      {shape}
      <Marker look={look} h={h} />
      {kind === 'wheelchair' && (look === 'free' || look === 'offline') && (
        <text className="kind-glyph" fontSize={size * 0.8} dy={size * 0.28}>
          ♿
        </text>
      )}
      {kind === 'companion' && (
        <circle cx={h * 0.75} cy={-h * 0.75} r={h * 0.32} className="companion-dot" />
      )}
      {focused && (
        <>
          <rect
            x={-h * 1.45}
            y={-h * 1.45}
            width={size * 1.45}
            height={size * 1.45}
            rx={size * 0.3}
            className="focus-ring-outer"
            strokeWidth={h * 0.3}
            fill="none"
          />
          <rect
            x={-h * 1.45}
            y={-h * 1.45}
            width={size * 1.45}
            height={size * 1.45}
            rx={size * 0.3}
            className="focus-ring-inner"
            strokeWidth={h * 0.12}
            fill="none"
          />
        </>
      )}
    </g>
  );
});
