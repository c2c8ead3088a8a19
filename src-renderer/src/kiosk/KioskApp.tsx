// The kiosk window (STATION_KIOSK): one customer at a time through the steps of kiosk-store, in the
// customer's language, with the idle warning and the out-of-service screen over everything.
import { useCallback, useEffect, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StationClient } from '../contract-client.js';
import { addDays, todayIn, type Locale } from '../lib/format.js';
import { Attract } from './Attract.js';
import { FoodStep, TypesStep } from './BasketSteps.js';
import { FilmsStep, ShowsStep } from './FilmSteps.js';
import { createKioskI18n, KIOSK_LANGUAGES, type KioskLanguage } from './i18n.js';
import { IdleWarning, OutOfService } from './KioskDialogs.js';
import { KioskPickup } from './KioskPickup.js';
import { createKioskStore, type KioskStep, type KioskStore } from './kiosk-store.js';
import { DoneStep, PayingStep, PayStep } from './PaySteps.js';
import { SeatsStep } from './SeatsStep.js';
import { useIdle } from './use-idle.js';
import { KioskContext, useKiosk } from './use-kiosk.js';

const STATUS_EVERY_MS = 5000;
const SHOWS_EVERY_MS = 60_000;
const PROGRESS: KioskStep[] = ['films', 'shows', 'seats', 'types', 'food', 'pay'];
const PROGRESS_LABEL: Record<string, string> = {
  films: 'steps.film',
  shows: 'steps.show',
  seats: 'steps.seats',
  types: 'steps.types',
  food: 'steps.food',
  pay: 'steps.pay',
};

function Progress({ step }: { step: KioskStep }) {
  const { t } = useTranslation();
  const at = PROGRESS.indexOf(step === 'paying' ? 'pay' : step);
  if (at < 0) return null;
  return (
    <ol className="k-progress">
      {PROGRESS.map((s, i) => (
        <li
          key={s}
          className={i === at ? 'k-on' : i < at ? 'k-past' : ''}
          {...(i === at ? { 'aria-current': 'step' as const } : {})}
        >
          {t(PROGRESS_LABEL[s] ?? '')}
        </li>
      ))}
    </ol>
  );
}

function Languages({
  languages,
  lang,
  onChange,
}: {
  languages: KioskLanguage[];
  lang: KioskLanguage;
  onChange: (l: KioskLanguage) => void;
}) {
  const { i18n } = useTranslation();
  if (languages.length < 2) return null;
  return (
    <div className="k-langs">
      {languages.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className={l === lang ? 'k-chip k-chip-on' : 'k-chip'}
          aria-pressed={l === lang}
          aria-label={i18n.getFixedT(l)('switchTo')}
          onClick={() => onChange(l)}
        >
          {i18n.getFixedT(l)('language')}
        </button>
      ))}
    </div>
  );
}

function Steps({ client, onStaff }: { client: StationClient; onStaff: () => void }) {
  const { t } = useTranslation();
  const step = useKiosk((s) => s.step);
  const back = useKiosk((s) => s.back);
  const reset = useKiosk((s) => s.reset);
  const message = useKiosk((s) => s.message);
  const body = (() => {
    switch (step) {
      case 'attract':
        return <Attract onStaff={onStaff} />;
      case 'films':
        return <FilmsStep />;
      case 'shows':
        return <ShowsStep />;
      case 'seats':
        return <SeatsStep />;
      case 'types':
        return <TypesStep />;
      case 'food':
        return <FoodStep />;
      case 'pay':
        return <PayStep />;
      case 'paying':
        return <PayingStep invoke={client.invoke} />;
      case 'done':
        return <DoneStep />;
      case 'pickup':
        return <KioskPickup invoke={client.invoke} />;
    }
  })();
  const canGoBack = step !== 'attract' && step !== 'paying' && step !== 'done';
  return (
    <>
      <Progress step={step} />
      <div className="k-body">{body}</div>
      <p className="k-message" role="alert">
        {message === null ? '' : t(message.key, message.values)}
      </p>
      {canGoBack && (
        <nav className="k-nav" aria-label={t('nav.back')}>
          <button type="button" className="k-secondary" onClick={() => void back()}>
            ← {t('nav.back')}
          </button>
          <button type="button" className="k-secondary" onClick={() => void reset()}>
            {t('nav.startOver')}
          </button>
        </nav>
      )}
    </>
  );
}

/** The whole kiosk; `onStaff` opens the staff sign-in. */
export function KioskApp({
  client,
  locale,
  cinemaName,
  onStaff,
}: {
  client: StationClient;
  locale: Locale;
  cinemaName: string;
  onStaff: () => void;
}) {
  const [store] = useState<KioskStore>(() =>
    createKioskStore(client.invoke, () => {
      const today = todayIn(locale);
      return { today, tomorrow: addDays(today, 1) };
    }),
  );
  const [i18n] = useState(() => createKioskI18n('en'));
  const s = useStore(store);
  const languages = (s.status?.languages ?? ['en']).filter((l): l is KioskLanguage =>
    (KIOSK_LANGUAGES as readonly string[]).includes(l),
  );
  const first = languages[0] ?? 'en';
  const [lang, setLang] = useState<KioskLanguage>(first);
  const changeLang = (l: KioskLanguage) => {
    setLang(l);
    void i18n.changeLanguage(l);
  };

  // A fresh window starts clean: holds a reloaded window left behind are released.
  useEffect(() => {
    const st = store.getState();
    void st.refreshStatus().then(() => st.reset());
    void st.loadShows();
    const status = setInterval(() => void store.getState().refreshStatus(), STATUS_EVERY_MS);
    const shows = setInterval(() => {
      if (store.getState().step === 'attract') void store.getState().loadShows();
    }, SHOWS_EVERY_MS);
    const offSync = client.on('sync:status', () => void store.getState().refreshStatus());
    const offPrint = client.on('print:status', () => void store.getState().refreshStatus());
    return () => {
      clearInterval(status);
      clearInterval(shows);
      offSync();
      offPrint();
    };
  }, [store, client]);

  const onTimeout = useCallback(() => {
    void store.getState().reset();
    setLang(first);
    void i18n.changeLanguage(first);
  }, [store, i18n, first]);
  const idle = useIdle({
    active: s.step !== 'attract' && s.step !== 'paying' && s.step !== 'done',
    idleSeconds: s.status?.idleSeconds ?? 90,
    warnSeconds: s.status?.warnSeconds ?? 30,
    onTimeout,
  });
  // Back at the start, the next customer gets the first language.
  useEffect(() => {
    if (s.step === 'attract' && lang !== first) changeLang(first);
  }, [s.step]);

  const out = s.status?.outOfService ?? null;
  // A customer in the middle of paying finishes; anyone else sees the kiosk is out of service.
  const pickupOffline = out?.reason === 'offline';
  const showOut =
    out !== null &&
    s.step !== 'paying' &&
    s.step !== 'done' &&
    !(pickupOffline && s.step === 'pickup');
  return (
    <I18nextProvider i18n={i18n}>
      <KioskContext value={{ store, locale }}>
        <div className="kiosk" lang={lang}>
          <header className="k-header">
            <span className="k-cinema">{cinemaName}</span>
            <Languages languages={languages} lang={lang} onChange={changeLang} />
          </header>
          {showOut ? (
            <OutOfService
              why={out}
              onStaff={onStaff}
              onPickup={pickupOffline ? s.startPickup : null}
            />
          ) : (
            <Steps client={client} onStaff={onStaff} />
          )}
          {idle.left !== null && !showOut && <IdleWarning left={idle.left} onMore={idle.more} />}
        </div>
      </KioskContext>
    </I18nextProvider>
  );
}
