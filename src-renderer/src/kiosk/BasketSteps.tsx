// Ticket types and food and drink: quantities with large − and + buttons.
import { useTranslation } from 'react-i18next';
import { money } from '../lib/format.js';
import { Stepper } from './Stepper.js';
import { useKiosk, useKioskLocale } from './use-kiosk.js';

/** Who the tickets are for: adults, children… adding up to the seats chosen. */
export function TypesStep() {
  const { t } = useTranslation();
  const l = useKioskLocale();
  const map = useKiosk((s) => s.map);
  const count = useKiosk((s) => s.count);
  const typeCounts = useKiosk((s) => s.typeCounts);
  const setTypeCount = useKiosk((s) => s.setTypeCount);
  const confirm = useKiosk((s) => s.confirmTypes);
  const busy = useKiosk((s) => s.busy);
  if (map === null) return null;
  const done = Object.values(typeCounts).reduce((a, b) => a + b, 0);
  const category = map.categories[0];
  return (
    <section className="k-step" aria-labelledby="k-title">
      <h1 id="k-title">{t('types.title')}</h1>
      <ul className="k-rows">
        {map.ticketTypes.map((tt) => {
          const n = typeCounts[tt.id] ?? 0;
          const price = category?.prices[tt.id];
          return (
            <li key={tt.id} className="k-row">
              <span className="k-row-name">
                {tt.name}
                {price !== undefined && (
                  <span className="k-dim"> · {money(price, l, map.currency)}</span>
                )}
              </span>
              <Stepper
                label={tt.name}
                value={n}
                max={n + (count - done)}
                lessLabel={t('types.less', { type: tt.name })}
                moreLabel={t('types.more', { type: tt.name })}
                onChange={(v) => setTypeCount(tt.id, v)}
              />
            </li>
          );
        })}
      </ul>
      <p className="k-summary" aria-live="polite">
        {t('types.count', { done, total: count })}
      </p>
      <div className="k-actions">
        <button
          type="button"
          className="k-primary"
          disabled={done !== count || busy}
          onClick={() => void confirm()}
        >
          {t('nav.next')}
        </button>
      </div>
    </section>
  );
}

/** Optional food and drink from the cinema's menu. */
export function FoodStep() {
  const { t } = useTranslation();
  const l = useKioskLocale();
  const menu = useKiosk((s) => s.menu);
  const food = useKiosk((s) => s.food);
  const setFood = useKiosk((s) => s.setFood);
  const confirm = useKiosk((s) => s.confirmFood);
  const busy = useKiosk((s) => s.busy);
  const any = Object.values(food).some((n) => n > 0);
  return (
    <section className="k-step" aria-labelledby="k-title">
      <h1 id="k-title">{t('food.title')}</h1>
      <ul className="k-rows">
        {menu.map((item) => (
          <li key={item.id} className="k-row">
            <span className="k-row-name">
              {item.name}
              <span className="k-dim"> · {money(item.priceMinor, l, item.currency)}</span>
            </span>
            <Stepper
              label={item.name}
              value={food[item.id] ?? 0}
              max={20}
              lessLabel={t('food.less', { item: item.name })}
              moreLabel={t('food.more', { item: item.name })}
              onChange={(v) => setFood(item.id, v)}
            />
          </li>
        ))}
      </ul>
      <div className="k-actions">
        <button type="button" className="k-primary" disabled={busy} onClick={() => void confirm()}>
          {any ? t('nav.next') : t('food.skip')}
        </button>
      </div>
    </section>
  );
}
