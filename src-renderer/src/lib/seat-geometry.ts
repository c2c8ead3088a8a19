// Draws the layout to scale: seat size from the seat pitch of each row, the screen edge in front of
// the first row, row labels on both sides.
import type { StationSeat, StationSeatMap } from '../../../common/contract/station.js';
import { median, seatRows } from './seat-logic.js';

export type RowLabel = { label: string; y: number; left: number; right: number };

/** Everything the SVG needs besides the seats' states. */
export type MapGeometry = {
  viewBox: string;
  /** Drawn size of each seat, by seat id (recliner rows are wider than standard ones). */
  size: Map<string, number>;
  screen: { left: number; right: number; y: number; depth: number };
  rowLabels: RowLabel[];
  rows: StationSeat[][];
  pitch: number;
};

/** Computes the drawing of a map; depends only on its geometry, so it is memoised per map. */
export function mapGeometry(map: Pick<StationSeatMap, 'rows' | 'seats'>): MapGeometry {
  const rows = seatRows(map);
  const all = rows.flat();
  if (all.length === 0)
    return {
      viewBox: '0 0 100 60',
      size: new Map(),
      screen: { left: 10, right: 90, y: 10, depth: 4 },
      rowLabels: [],
      rows,
      pitch: 10,
    };
  const rowGaps = rows.map((r) => median(r.slice(1).map((s, i) => s.x - (r[i]?.x ?? s.x))));
  const pitch = median(rowGaps) || 10;
  const rowYs = rows.map((r) => median(r.map((s) => s.y)) || (r[0]?.y ?? 0));
  const pitchY = median(rowYs.slice(1).map((y, i) => y - (rowYs[i] ?? y))) || pitch;
  const size = new Map<string, number>();
  rows.forEach((r, i) => {
    const s = Math.min(rowGaps[i] || pitch, pitchY) * 0.82;
    for (const seat of r) size.set(seat.id, s);
  });
  const xs = all.map((s) => s.x);
  const ys = all.map((s) => s.y);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const screenY = minY - Math.max(pitchY * 1.8, 14);
  const margin = pitch * 2.2;
  const rowLabels = rows.map((r) => {
    const first = r[0];
    const last = r[r.length - 1];
    return {
      label: first?.rowLabel ?? '',
      y: ((first?.y ?? 0) + (last?.y ?? 0)) / 2,
      left: minX - pitch * 1.4,
      right: maxX + pitch * 1.4,
    };
  });
  const top = screenY - pitch * 1.6;
  return {
    viewBox: `${fmt(minX - margin)} ${fmt(top)} ${fmt(maxX - minX + 2 * margin)} ${fmt(maxY + pitch - top)}`,
    size,
    screen: { left: minX, right: maxX, y: screenY, depth: pitch * 0.8 },
    rowLabels,
    rows,
    pitch,
  };
}

function fmt(n: number): string {
  return n.toFixed(1);
}
