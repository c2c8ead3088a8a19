// The cinema's food and drink menu in the basket, one category at a time. Keyboard first: F on the
// seat map focuses the menu; ↑↓ move, ←→ change category, 1–9 add that item, Enter/Space/+ add one
// more, − one less, Esc back to the map. Only buttons, so a mouse and Tab work too.
import { useState, type KeyboardEvent } from 'react';
import type { Locale } from '../lib/format.js';
import { money } from '../lib/format.js';
import { foodPrice } from '../lib/food-price.js';
import { useCounter } from '../store/counter-store.js';

/** "popcorn" → "Popcorn": categories are stored as lower-case words. */
export function categoryLabel(category: string): string {
  return category.charAt(0).toUpperCase() + category.slice(1);
}

/** Moves the focus into the menu (key F on the seat map); false when there is no menu. */
export function focusFoodMenu(): boolean {
  const item =
    document.querySelector<HTMLButtonElement>('.food-item[aria-current="true"]') ??
    document.querySelector<HTMLButtonElement>('.food-item');
  item?.focus();
  return item !== null;
}

const focusItem = (index: number) => {
  document.querySelectorAll<HTMLButtonElement>('.food-item')[index]?.focus();
};

/** The menu; renders nothing when the cinema sells no food. */
export function ConcessionPicker({ locale }: { locale: Locale }) {
  const items = useCounter((s) => s.concessionItems);
  const lines = useCounter((s) => s.concessionLines);
  const taxes = useCounter((s) => s.map?.taxes);
  const changeConcession = useCounter((s) => s.changeConcession);
  const categories = [...new Set(items.map((i) => i.category))];
  const [chosen, setChosen] = useState<string | null>(null);
  const [at, setAt] = useState(0);
  if (items.length === 0) return null;
  const active = chosen !== null && categories.includes(chosen) ? chosen : (categories[0] ?? '');
  const shown = items.filter((i) => i.category === active);
  const current = Math.min(at, shown.length - 1);
  const inBasket = new Map(lines.map((l) => [l.itemId, l.quantity]));

  const moveTo = (index: number) => {
    setAt(index);
    focusItem(index);
  };
  const switchCategory = (step: number) => {
    const next =
      categories[(categories.indexOf(active) + step + categories.length) % categories.length];
    if (next === undefined) return;
    setChosen(next);
    setAt(0);
    // The new category's buttons render first; then the first takes the focus.
    requestAnimationFrame(() => focusItem(0));
  };
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || /^F\d+$/.test(e.key)) return;
    const item = shown[current];
    const digit = /^[1-9]$/.test(e.key) ? Number(e.key) - 1 : null;
    const act = (f: () => void) => {
      e.preventDefault();
      f();
    };
    // Keys in the menu are the menu's: a digit here adds food, it does not pick seats.
    e.stopPropagation();
    if (e.key === 'Escape') act(() => document.querySelector<HTMLElement>('.map-box')?.focus());
    else if (e.key === 'ArrowDown') act(() => moveTo(Math.min(current + 1, shown.length - 1)));
    else if (e.key === 'ArrowUp') act(() => moveTo(Math.max(current - 1, 0)));
    else if (e.key === 'ArrowRight') act(() => switchCategory(1));
    else if (e.key === 'ArrowLeft') act(() => switchCategory(-1));
    else if (digit !== null && shown[digit])
      act(() => {
        changeConcession(shown[digit]?.id ?? '', 1);
        moveTo(digit);
      });
    else if ((e.key === '+' || e.key === '=') && item) act(() => changeConcession(item.id, 1));
    else if ((e.key === '-' || e.key === '−' || e.key === '_') && item)
      act(() => changeConcession(item.id, -1));
  };

  return (
    <section className="food" aria-labelledby="food-h" onKeyDown={onKey}>
      <h3 id="food-h">
        Food and drink{' '}
        <span className="hint">
          (<kbd>F</kbd>, then ↑↓ ←→ 1–9 + −)
        </span>
      </h3>
      <div className="food-tabs" role="group" aria-label="Menu category">
        {categories.map((c) => (
          <button
            key={c}
            type="button"
            className={`food-tab${c === active ? ' active' : ''}`}
            aria-pressed={c === active}
            onClick={() => {
              setChosen(c);
              setAt(0);
            }}
          >
            {categoryLabel(c)}
          </button>
        ))}
      </div>
      <ul className="food-menu" aria-label={`${categoryLabel(active)} on the menu`}>
        {shown.map((i, n) => {
          const count = inBasket.get(i.id) ?? 0;
          return (
            <li key={i.id}>
              <button
                type="button"
                className="food-item"
                data-item={i.name}
                aria-current={n === current}
                tabIndex={n === current ? 0 : -1}
                onFocus={() => setAt(n)}
                onClick={() => changeConcession(i.id, 1)}
              >
                <span className="visually-hidden">Add one </span>
                <span className="food-name">
                  <kbd aria-hidden="true">{n + 1}</kbd> {i.name}
                </span>
                <span className="food-price">
                  {money(foodPrice(i, taxes), locale, i.currency)}
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
