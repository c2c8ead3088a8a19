// Seats: how many, the best seats together proposed at once, a tap on a seat changes them. The map
// is the counter's drawing; arrows move a focus ring and Space or Enter takes or frees a seat, so the
// step works without touch too.
import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationSeat, StationSeatMap } from '../../../common/contract/station.js';
import { MapDrawing } from '../components/MapDrawing.js';
import { money } from '../lib/format.js';
import { mapGeometry } from '../lib/seat-geometry.js';
import { seatLook } from '../lib/seat-look.js';
import { seatMapKey, sellability } from '../lib/seat-logic.js';
import { useKiosk, useKioskLocale } from './use-kiosk.js';

const COUNTS = [1, 2, 3, 4, 5, 6, 7, 8];

function KioskSeatMap({ map }: { map: StationSeatMap }) {
  const { t } = useTranslation();
  const l = useKioskLocale();
  const seatIds = useKiosk((s) => s.seatIds);
  const toggle = useKiosk((s) => s.toggleSeat);
  const isOnline = useKiosk((s) => s.status?.offline !== true);
  const [focusId, setFocus] = useState<string | null>(seatIds[0] ?? null);
  const geo = useMemo(() => mapGeometry(map), [map]);
  const chosen = new Set(seatIds);
  const colors = new Map(map.categories.map((c) => [c.id, c.color]));
  const adult = map.ticketTypes[0]?.id ?? '';
  const describe = (seat: StationSeat) => {
    const cat = map.categories.find((c) => c.id === seat.categoryId);
    const price = money(cat?.prices[adult] ?? cat?.basePriceMinor ?? 0, l, map.currency);
    const states = [
      chosen.has(seat.id)
        ? t('seats.seatState.selected')
        : sellability(seat, isOnline).sellable
          ? t('seats.seatState.available')
          : t('seats.seatState.taken'),
      ...(seat.kind === 'standard' ? [] : [t(`seats.seatState.${seat.kind}`)]),
      ...(seat.restrictedView === true ? [t('seats.seatState.restricted')] : []),
    ];
    return `${t('seats.seat', { label: seat.label, category: cat?.name ?? '', price })}, ${states.join(', ')}`;
  };
  const focused = map.seats.find((s) => s.id === focusId) ?? null;
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (seatMapKey(e.key, geo.rows, focusId, { focus: setFocus, toggle })) e.preventDefault();
  };
  return (
    <div className="k-map">
      <div
        className="map-box"
        tabIndex={0}
        role="application"
        aria-roledescription="seat map"
        aria-label={t('seats.title')}
        onKeyDown={onKey}
      >
        <MapDrawing
          geo={geo}
          seats={map.seats}
          blocks={map.blocks ?? []}
          colorOf={(s) => colors.get(s.categoryId) ?? '#666'}
          lookOf={(s) => seatLook(s, chosen.has(s.id), isOnline)}
          focusId={focusId}
          titleOf={describe}
          onPick={(id) => {
            setFocus(id);
            toggle(id);
          }}
        />
      </div>
      <div className="visually-hidden" aria-live="polite">
        {focused === null ? '' : describe(focused)}
      </div>
    </div>
  );
}

/** Choose how many seats and which. */
export function SeatsStep() {
  const { t } = useTranslation();
  const map = useKiosk((s) => s.map);
  const count = useKiosk((s) => s.count);
  const seatIds = useKiosk((s) => s.seatIds);
  const noneFit = useKiosk((s) => s.noneFit);
  const setCount = useKiosk((s) => s.setCount);
  const confirm = useKiosk((s) => s.confirmSeats);
  const busy = useKiosk((s) => s.busy);
  const offline = useKiosk((s) => s.status?.offline === true);
  if (map === null) return null;
  const labels = map.seats.filter((s) => seatIds.includes(s.id)).map((s) => s.label);
  const missing = count - seatIds.length;
  return (
    <section className="k-step k-seats" aria-labelledby="k-title">
      <h1 id="k-title">{t('seats.title')}</h1>
      <p className="k-dim">
        {map.show.movieTitle} · {map.show.localTime} · {map.show.screenName}
      </p>
      <div className="k-counts" role="radiogroup" aria-label={t('seats.howMany')}>
        <span aria-hidden="true">{t('seats.howMany')}</span>
        {COUNTS.map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={n === count}
            className={n === count ? 'k-chip k-chip-on' : 'k-chip'}
            onClick={() => setCount(n)}
          >
            {n}
          </button>
        ))}
      </div>
      {offline && <p className="k-note">{t('seats.offline')}</p>}
      <KioskSeatMap map={map} />
      <p className="k-summary" aria-live="polite">
        {noneFit && seatIds.length === 0
          ? t('seats.noneFit', { count })
          : labels.length === 0
            ? t('seats.noneChosen')
            : t('seats.chosen', { seats: labels.join(', ') })}{' '}
        {missing > 0 && labels.length > 0 ? t('seats.needMore', { count: missing }) : ''}
        {missing === 0 && !noneFit ? t('seats.proposed') : ''}
      </p>
      <div className="k-actions">
        <button
          type="button"
          className="k-primary"
          disabled={missing !== 0 || busy}
          onClick={() => void confirm()}
        >
          {t('nav.next')}
        </button>
      </div>
    </section>
  );
}
