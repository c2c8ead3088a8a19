// The cinema's food and drink menu in the basket, one category at a time: a click (or Enter/Space on
// a focused item) adds one. Only buttons, so Tab reaches them and the map's keys keep working.
import { useState } from 'react';
import type { Locale } from '../lib/format.js';
import { money } from '../lib/format.js';
import { useCounter } from '../store/counter-store.js';

/** "popcorn" → "Popcorn": categories are stored as lower-case words. */
export function categoryLabel(category: string): string {
  return category.charAt(0).toUpperCase() + category.slice(1);
}

/** The menu; renders nothing when the cinema sells no food. */
export function ConcessionPicker({ locale }: { locale: Locale }) {
  const items = useCounter((s) => s.concessionItems);
  const lines = useCounter((s) => s.concessionLines);
  const changeConcession = useCounter((s) => s.changeConcession);
  const categories = [...new Set(items.map((i) => i.category))];
  const [chosen, setChosen] = useState<string | null>(null);
  if (items.length === 0) return null;
  const active = chosen !== null && categories.includes(chosen) ? chosen : (categories[0] ?? '');
  const inBasket = new Map(lines.map((l) => [l.itemId, l.quantity]));

  return (
    <section className="food" aria-labelledby="food-h">
      <h3 id="food-h">Food and drink</h3>
      <div className="food-tabs" role="group" aria-label="Menu category">
        {categories.map((c) => (
          <button
            key={c}
            type="button"
            className={`food-tab${c === active ? ' active' : ''}`}
            aria-pressed={c === active}
            onClick={() => setChosen(c)}
          >
            {categoryLabel(c)}
          </button>
        ))}
      </div>
      <ul className="food-menu" aria-label={`${categoryLabel(active)} on the menu`}>
        {items
          .filter((i) => i.category === active)
          .map((i) => {
            const count = inBasket.get(i.id) ?? 0;
            return (
              <li key={i.id}>
                <button
                  type="button"
                  className="food-item"
                  data-item={i.name}
                  onClick={() => changeConcession(i.id, 1)}
                >
                  <span className="visually-hidden">Add one </span>
                  <span className="food-name">{i.name}</span>
                  <span className="food-price">
                    {money(i.priceMinor, locale, i.currency)}
                    {count > 0 && (
                      <span className="food-count">
                        {' '}
                        · {count}
                        <span className="visually-hidden"> in the basket</span>
                      </span>
                    )}
                  </span>
                </button>
              </li>
            );
          })}
      </ul>
    </section>
  );
}
