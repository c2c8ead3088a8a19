import { describe, expect, it } from 'vitest';
import type { StationSeat } from '../../../common/contract/station.js';
import { moveFocus, seatMapKey } from './seat-logic.js';

const seat = (row: string, n: number, x: number): StationSeat => ({
  id: `${row}${String(n)}`,
  label: `${row}${String(n)}`,
  rowLabel: row,
  number: n,
  x,
  y: row === 'A' ? 0 : 40,
  categoryId: 'std',
  kind: 'standard',
  state: 'available',
  mine: false,
  pending: false,
});
// Row B is offset by half a seat, as in a staggered house.
const rows = [
  [seat('A', 1, 0), seat('A', 2, 40), seat('A', 3, 80)],
  [seat('B', 1, 20), seat('B', 2, 60)],
];

describe('the seat map keys', () => {
  it('moves the focus ring with arrows, Home and End, staying inside the house', () => {
    expect(moveFocus(rows, 'A2', 'left')).toBe('A1');
    expect(moveFocus(rows, 'A1', 'left')).toBe('A1');
    expect(moveFocus(rows, 'A2', 'end')).toBe('A3');
    expect(moveFocus(rows, 'A3', 'home')).toBe('A1');
    expect(moveFocus(rows, 'A3', 'down')).toBe('B2');
    expect(moveFocus(rows, 'B1', 'down')).toBe('B1');
    expect(moveFocus(rows, null, 'left')).toBe('B2');
  });

  it('takes the key it knows and leaves the others to the screen', () => {
    const done: string[] = [];
    const act = {
      focus: (id: string | null) => done.push(`focus ${String(id)}`),
      toggle: (id: string) => done.push(`toggle ${id}`),
    };
    expect(seatMapKey('ArrowRight', rows, 'A1', act)).toBe(true);
    expect(seatMapKey(' ', rows, 'A2', act)).toBe(true);
    expect(seatMapKey('Enter', rows, 'B1', act)).toBe(true);
    expect(seatMapKey('Enter', rows, null, act)).toBe(false);
    expect(seatMapKey('t', rows, 'A1', act)).toBe(false);
    expect(seatMapKey('F5', rows, 'A1', act)).toBe(false);
    expect(done).toEqual(['focus A2', 'toggle A2', 'toggle B1']);
  });
});
