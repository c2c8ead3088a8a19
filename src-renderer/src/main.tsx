import './zod-config.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { createStationClient } from './contract-client.js';
import { createCounterStore, CounterStoreContext } from './store/counter-store.js';
import './styles/base.css';
import './styles/chrome.css';
import './styles/sign-in.css';
import './styles/shows.css';
import './styles/seats.css';
import './styles/concessions.css';
import './styles/tender.css';
import './styles/back-office.css';
import './styles/pickup.css';
import './styles/admin.css';
import './styles/system.css';
import './styles/layout-editor.css';
import './styles/planner.css';
import './styles/reports.css';
import './styles/door.css';
import './styles/kiosk.css';

const root = document.getElementById('root');
if (root) {
  const client = createStationClient();
  const store = createCounterStore(client);
  createRoot(root).render(
    <StrictMode>
      <CounterStoreContext value={store}>
        <App client={client} />
      </CounterStoreContext>
    </StrictMode>,
  );
}
