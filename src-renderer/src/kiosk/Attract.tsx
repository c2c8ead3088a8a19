// The attract loop: the day's films one after another, the next shows, and one big "touch to start".
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShowListItem } from '../../../common/contract/station.js';
import { Poster } from '../components/Poster.js';
import { timeOf } from '../lib/format.js';
import { useKiosk, useKioskLocale } from './use-kiosk.js';

const SLIDE_MS = 6000;

/** Films of the shows, each once, in order of their next show. */
export function filmsOf(
  shows: ShowListItem[],
  timeOf: (s: ShowListItem) => string = (s) => s.localTime,
): { first: ShowListItem; times: string[] }[] {
  const byFilm = new Map<string, { first: ShowListItem; times: string[] }>();
  for (const s of shows) {
    const f = byFilm.get(s.movieId);
    if (f === undefined) byFilm.set(s.movieId, { first: s, times: [timeOf(s)] });
    else f.times.push(timeOf(s));
  }
  return [...byFilm.values()];
}

/** The screen between customers. */
export function Attract({ onStaff }: { onStaff: () => void }) {
  const { t } = useTranslation();
  const l = useKioskLocale();
  const shows = useKiosk((s) => s.shows);
  const start = useKiosk((s) => s.start);
  const startPickup = useKiosk((s) => s.startPickup);
  const loaded = useKiosk((s) => s.loaded);
  const films = filmsOf(shows);
  const [slide, setSlide] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setSlide((n) => n + 1), SLIDE_MS);
    return () => clearInterval(id);
  }, []);
  const film = films.length === 0 ? null : films[slide % films.length];
  const next = shows.slice(0, 5);
  return (
    <main className="k-attract" aria-labelledby="k-attract-title">
      {film !== undefined && film !== null && (
        <div className="k-slide" aria-hidden="true">
          <Poster url={film.first.posterUrl} title={film.first.movieTitle} size="medium" />
          <p className="k-slide-title">{film.first.movieTitle}</p>
        </div>
      )}
      <div className="k-attract-side">
        <h1 id="k-attract-title">{t('attract.title')}</h1>
        <button type="button" className="k-primary k-huge" onClick={() => void start()}>
          {t('attract.touch')}
        </button>
        <button type="button" className="k-secondary" onClick={startPickup}>
          {t('attract.collect')}
        </button>
        <section className="k-next" aria-labelledby="k-next-title" aria-busy={!loaded}>
          <h2 id="k-next-title">{t('attract.next')}</h2>
          {!loaded ? null : next.length === 0 ? (
            <p>{t('attract.none')}</p>
          ) : (
            <ul>
              {next.map((s) => (
                <li key={s.id}>
                  <span className="k-time">{timeOf(s.startsAt, l)}</span> {s.movieTitle}{' '}
                  <span className="k-dim">{s.screenName}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <button type="button" className="k-staff" onClick={onStaff}>
        {t('attract.staff')}
      </button>
    </main>
  );
}
