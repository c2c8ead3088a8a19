// Film, then show: the day's films with their times, then the chosen film's shows with seats left.
import { useTranslation } from 'react-i18next';
import { Poster } from '../components/Poster.js';
import { filmsOf } from './Attract.js';
import { useKiosk } from './use-kiosk.js';

/** Choose a film. */
export function FilmsStep() {
  const { t } = useTranslation();
  const shows = useKiosk((s) => s.shows);
  const tomorrow = useKiosk((s) => s.tomorrow);
  const chooseFilm = useKiosk((s) => s.chooseFilm);
  const films = filmsOf(shows, (s) =>
    tomorrow.includes(s.id) ? t('films.tomorrow', { time: s.localTime }) : s.localTime,
  );
  return (
    <section className="k-step" aria-labelledby="k-title">
      <h1 id="k-title">{t('films.title')}</h1>
      {films.length === 0 && <p className="k-note">{t('films.none')}</p>}
      <ul className="k-films">
        {films.map(({ first, times }) => (
          <li key={first.movieId}>
            <button
              type="button"
              className="k-film"
              onClick={() => chooseFilm(first.movieId)}
              aria-label={`${first.movieTitle}, ${first.certification}, ${times.join(', ')}`}
            >
              <Poster url={first.posterUrl} title={first.movieTitle} size="medium" />
              <span className="k-film-title">{first.movieTitle}</span>
              <span className="k-dim">
                {first.certification} · {t('films.minutes', { count: first.durationMinutes })}
              </span>
              <span className="k-times">{times.join('  ')}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Choose one of the film's shows. */
export function ShowsStep() {
  const { t } = useTranslation();
  const tomorrow = useKiosk((s) => s.tomorrow);
  const all = useKiosk((s) => s.shows);
  const movieId = useKiosk((s) => s.movieId);
  const shows = all.filter((x) => x.movieId === movieId);
  const chooseShow = useKiosk((s) => s.chooseShow);
  const busy = useKiosk((s) => s.busy);
  const film = shows[0]?.movieTitle ?? '';
  return (
    <section className="k-step" aria-labelledby="k-title">
      <h1 id="k-title">{t('shows.title', { film })}</h1>
      <ul className="k-shows">
        {shows.map((s) => {
          const left = s.seats.available;
          return (
            <li key={s.id}>
              <button
                type="button"
                className="k-show"
                disabled={left === 0 || busy}
                onClick={() => void chooseShow(s)}
              >
                <span className="k-time">
                  {tomorrow.includes(s.id)
                    ? t('films.tomorrow', { time: s.localTime })
                    : s.localTime}
                </span>
                <span>
                  {t('shows.screen', {
                    screen: s.screenName,
                    format: s.format,
                    language: s.language,
                  })}
                </span>
                <span className="k-dim">
                  {left === 0 ? t('shows.soldOut') : t('shows.seatsLeft', { count: left })}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
