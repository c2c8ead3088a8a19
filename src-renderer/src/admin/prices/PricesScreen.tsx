// Prices (issue 16): price cards, promo codes, ticket types and formats, taxes, the concessions
// menu, as tabs. What every tab needs to show what a customer pays (the cinema's currency and
// taxes, the chain's ticket types, the formats) is read once here.
import { useCallback, useEffect, useState } from 'react';
import type { CinemaView } from '../../../../common/api/admin-cinemas.js';
import type {
  FormatPriceView,
  TaxView,
  TicketTypeView,
} from '../../../../common/api/admin-prices.js';
import { useAdmin } from '../context.js';
import { errorText } from '../kit/fields.js';
import { Tabs } from '../kit/Tabs.js';
import { PriceCards } from './PriceCards.js';
import { Promos } from './Promos.js';
import { Concessions } from './Concessions.js';
import { Taxes } from './Taxes.js';
import { TypesAndFormats } from './TicketTypes.js';

const TABS = [
  { id: 'cards', label: 'Price cards' },
  { id: 'promos', label: 'Promo codes' },
  { id: 'types', label: 'Ticket types & formats' },
  { id: 'taxes', label: 'Taxes' },
  { id: 'menu', label: 'Concessions' },
] as const;
type Tab = (typeof TABS)[number]['id'];

/** What the tabs share. */
export type PriceRefs = {
  cinema: CinemaView;
  taxes: TaxView[];
  ticketTypes: TicketTypeView[];
  formats: FormatPriceView[];
  reload: () => void;
};

/** The prices section. */
export function PricesScreen() {
  const { api, cinemaId, guard } = useAdmin();
  const [tab, setTab] = useState<Tab>('cards');
  const [refs, setRefs] = useState<Omit<PriceRefs, 'reload'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [n, setN] = useState(0);
  const reload = useCallback(() => setN((x) => x + 1), []);
  useEffect(() => {
    Promise.all([
      api.cinema(cinemaId),
      api.taxes(cinemaId),
      api.ticketTypes(),
      api.formatPrices(),
    ]).then(
      ([cinema, taxes, ticketTypes, formats]) => setRefs({ cinema, taxes, ticketTypes, formats }),
      (e: unknown) => setError(errorText(e)),
    );
  }, [api, cinemaId, n]);
  return (
    <section aria-labelledby="prices-h" className="admin-section">
      <header className="admin-head">
        <h2 id="prices-h">Prices</h2>
      </header>
      {error && (
        <p className="admin-error" role="alert">
          {error}
        </p>
      )}
      {refs && (
        <Tabs
          label="Price settings"
          idPrefix="prices"
          tabs={TABS}
          current={tab}
          onSelect={(id) => guard(() => setTab(id))}
          panelClassName="prices-panel"
        >
          {tab === 'cards' && <PriceCards refs={{ ...refs, reload }} />}
          {tab === 'promos' && <Promos refs={{ ...refs, reload }} />}
          {tab === 'types' && <TypesAndFormats refs={{ ...refs, reload }} />}
          {tab === 'taxes' && <Taxes refs={{ ...refs, reload }} />}
          {tab === 'menu' && <Concessions refs={{ ...refs, reload }} />}
        </Tabs>
      )}
    </section>
  );
}
