import { describe, expect, it } from 'vitest';
import { createKioskI18n } from './i18n.js';
import { en } from './strings-en.js';
import { hi } from './strings-hi.js';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`),
  );
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('kiosk words', () => {
  it('has every English key in Hindi, with the same placeholders', () => {
    expect(keys(hi)).toEqual(keys(en));
    const get = (o: object, k: string) =>
      k.split('.').reduce<unknown>((x, p) => (x as Record<string, unknown>)[p], o) as string;
    for (const k of keys(en)) expect(placeholders(get(hi, k)), k).toEqual(placeholders(get(en, k)));
  });

  it('switches language and counts in each', async () => {
    const i18n = createKioskI18n('en');
    expect(i18n.t('shows.seatsLeft', { count: 1 })).toBe('1 seat left');
    expect(i18n.t('shows.seatsLeft', { count: 3 })).toBe('3 seats left');
    await i18n.changeLanguage('hi');
    expect(i18n.t('attract.touch')).toBe('टिकट खरीदने के लिए छुएँ');
    expect(i18n.t('shows.seatsLeft', { count: 3 })).toBe('3 सीटें बची हैं');
  });
});
