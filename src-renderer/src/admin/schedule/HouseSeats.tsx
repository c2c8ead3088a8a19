// House seats of a show (issue 16): the show's seats row by row as buttons (Space or a click picks
// one); free seats are blocked with a reason, blocked ones given back. A blocked seat says why.
import { useEffect, useRef, useState } from 'react';
import type { AdminShowSeats, PlannedShow } from '../../../../common/api/admin-schedule.js';
import { useFocusTrap } from '../../lib/use-focus-trap.js';
import { useAdmin } from '../context.js';
import { Field } from '../kit/Field.js';
import { errorText } from '../kit/fields.js';

type Props = { show: PlannedShow; onClose: () => void; onChanged: () => void };
type Seat = AdminShowSeats['seats'][number];

const STATE_WORDS: Record<Seat['state'], string> = {
  available: 'free',
  held: 'held',
  sold: 'sold',
  blocked: 'house seat',
  allocated: 'kept for a counter',
};

/** The house seats dialog. */
export function HouseSeats({ show, onClose, onChanged }: Props) {
  const { api, readOnly } = useAdmin();
  const box = useRef<HTMLDivElement>(null);
  useFocusTrap(box);
  const [map, setMap] = useState<AdminShowSeats | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [reason, setReason] = useState('House seats');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.showSeats(show.id).then(setMap, (e: unknown) => setError(errorText(e)));
  }, [api, show.id]);
  const rows = new Map<string, Seat[]>();
  for (const s of map?.seats ?? []) rows.set(s.rowLabel, [...(rows.get(s.rowLabel) ?? []), s]);
  const seatsOf = (state: Seat['state']) =>
    (map?.seats ?? []).filter((s) => picked.includes(s.id) && s.state === state).map((s) => s.id);
  const act = async (block: boolean) => {
    setError(null);
    try {
      const next = block
        ? await api.blockSeats(show.id, seatsOf('available'), reason.trim())
        : await api.unblockSeats(show.id, seatsOf('blocked'));
      setMap(next);
      setPicked([]);
      onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const colour = (code: string) => map?.categories.find((c) => c.code === code)?.color ?? '#888';
  return (
    <div className="dialog-backdrop">
      <div
        ref={box}
        className="dialog planner-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="house-h"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <h3 id="house-h">House seats: {show.filmTitle}</h3>
        <p className="admin-note">
          Pick seats (Space or click), then block them with a reason or give them back.
        </p>
        <div className="house-map" role="group" aria-label="Seats, the screen at the top">
          <div className="house-screen" aria-hidden="true">
            Screen
          </div>
          {[...rows.entries()].map(([row, seats]) => (
            <div key={row} className="house-row" role="group" aria-label={`Row ${row}`}>
              <span className="house-row-label" aria-hidden="true">
                {row}
              </span>
              {seats.map((s) => {
                const label = `${s.label}, ${STATE_WORDS[s.state]}${s.blockReason ? `: ${s.blockReason}` : ''}`;
                const pickable = s.state === 'available' || s.state === 'blocked';
                return (
                  <button
                    key={s.id}
                    type="button"
                    className={`house-seat state-${s.state}`}
                    style={{ borderColor: colour(s.categoryCode) }}
                    aria-pressed={picked.includes(s.id)}
                    aria-label={label}
                    title={label}
                    disabled={!pickable || readOnly !== null}
                    onClick={() =>
                      setPicked((p) =>
                        p.includes(s.id) ? p.filter((x) => x !== s.id) : [...p, s.id],
                      )
                    }
                  >
                    {s.label.replace(s.rowLabel, '')}
                  </button>
                );
              })}
            </div>
          ))}
        </div>
        {map && map.seats.some((s) => s.state === 'blocked') && (
          <ul className="house-list" aria-label="Blocked seats">
            {map.seats
              .filter((s) => s.state === 'blocked')
              .map((s) => (
                <li key={s.id}>
                  {s.label}: {s.blockReason ?? 'no reason given'}
                </li>
              ))}
          </ul>
        )}
        <Field id="house-reason" label="Reason" hint="Printed nowhere; staff see it on the seat">
          <input value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        {error && (
          <p className="admin-error" role="alert">
            {error}
          </p>
        )}
        <div className="admin-actions">
          <button
            type="button"
            className="primary"
            disabled={
              seatsOf('available').length === 0 || reason.trim() === '' || readOnly !== null
            }
            onClick={() => void act(true)}
          >
            Block {seatsOf('available').length} seat{seatsOf('available').length === 1 ? '' : 's'}
          </button>
          <button
            type="button"
            disabled={seatsOf('blocked').length === 0 || readOnly !== null}
            onClick={() => void act(false)}
          >
            Give back {seatsOf('blocked').length}
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
