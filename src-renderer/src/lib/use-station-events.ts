// Keeps the store live: station events, the page's connection to the station, and a slow status poll
// for what has no event (till, printer queue, last sync).
import { useEffect } from 'react';
import type { StoreApi } from 'zustand';
import type { StationClient } from '../contract-client.js';
import type { CounterState } from '../store/counter-store.js';

const STATUS_POLL_MS = 5000;

/** Subscribes the store to the station for the lifetime of the window. */
export function useStationEvents(client: StationClient, store: StoreApi<CounterState>): void {
  useEffect(() => {
    const s = store.getState;
    let wasOnline: boolean | null = null;
    const offs = [
      client.on('sync:status', (sync) => {
        s().setSync(sync);
        const online = sync.state === 'online';
        // Which seats may be sold changes with the connection, and the map may have moved meanwhile.
        if (wasOnline !== null && online !== wasOnline) {
          void s().reloadMap();
          if (s().view === 'shows') void s().loadShows();
        }
        wasOnline = online;
      }),
      client.on('seats:changed', (e) => {
        s().applySeats(e);
      }),
      // A manager changed a film, the cinema or a layout: the show list shows it at once.
      client.on('catalog:changed', () => {
        if (s().view === 'shows') void s().loadShows();
        if (s().view === 'admin') void s().refreshStatus();
      }),
      client.on('print:status', (e) => {
        s().onPrintEvent(e);
        void s().refreshStatus();
      }),
      // Enrolled, or revoked by a manager: the status says which screen to show.
      client.on('station:enrollment', () => {
        void s().refreshStatus();
      }),
      client.onConnection((connected) => {
        s().setConnected(connected);
      }),
    ];
    void s().refreshStatus();
    const timer = setInterval(() => void s().refreshStatus(), STATUS_POLL_MS);
    return () => {
      offs.forEach((off) => off());
      clearInterval(timer);
    };
  }, [client, store]);
}
