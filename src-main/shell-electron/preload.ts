// Preload: exposes invoke and on for the station contract, nothing else (STYLE 4).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from './channels.js';

contextBridge.exposeInMainWorld('marquee', {
  invoke: (channel: string, input: unknown): Promise<unknown> =>
    ipcRenderer.invoke(IPC_INVOKE, channel, input),
  on: (name: string, listener: (payload: unknown) => void): (() => void) => {
    const wrapped = (_e: IpcRendererEvent, eventName: string, payload: unknown) => {
      if (eventName === name) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => ipcRenderer.off(IPC_EVENT, wrapped);
  },
});
