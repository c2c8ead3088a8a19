// ipcMain registration: one handler for the contract, checking that the sender is our own page.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { dispatch, type Session } from '../station/dispatch.js';
import type { Station } from '../station/station.js';
import { IPC_EVENT, IPC_INVOKE } from './channels.js';

/** Wires the station contract to a window; returns the function that unwires it. */
export function registerIpc(station: Station, win: BrowserWindow, appUrl: string): () => void {
  const session: Session = { id: crypto.randomUUID(), staff: null };
  const trusted = (e: IpcMainInvokeEvent): boolean => {
    const frame = e.senderFrame;
    return frame !== null && e.sender.id === win.webContents.id && frame.url.startsWith(appUrl);
  };
  ipcMain.handle(IPC_INVOKE, async (e, channelName: unknown, input: unknown) => {
    if (!trusted(e))
      return {
        ok: false,
        error: { code: 'BO_FORBIDDEN', message: 'Message from an unknown sender dropped.' },
      };
    if (typeof channelName !== 'string')
      return { ok: false, error: { code: 'BO_BAD_REQUEST', message: 'Channel must be a string.' } };
    return dispatch(station.contract, station.handlers, channelName, input, {
      session,
      kioskOpen: station.kioskOpen,
    });
  });
  const off = station.onAny((name, payload) => {
    if (!win.isDestroyed()) win.webContents.send(IPC_EVENT, name, payload);
  });
  return () => {
    off();
    ipcMain.removeHandler(IPC_INVOKE);
  };
}
