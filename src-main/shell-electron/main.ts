// The Electron shell: one window, kiosk flags, preload, IPC. All logic lives in src-main/station.
import { app, BrowserWindow, net, protocol, session, shell } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadStationConfig } from '../station/config.js';
import { createStation } from '../station/station.js';
import { FORWARD_PREFIX, forwardToServer } from '../station/server-forward.js';
import type { Station } from '../station/station.js';
import { registerIpc } from './ipc.js';

app.enableSandbox();

async function main(): Promise<void> {
  await app.whenReady();
  const config = loadStationConfig();
  const station = await createStation(config);
  const indexFile = path.resolve(config.rendererDir, 'index.html');
  const appUrl = pathToFileURL(path.dirname(indexFile)).href;

  // Security checklist: no permissions (but a door's camera, video only, to read tickets' codes), no
  // navigation away, no new windows.
  session.defaultSession.setPermissionRequestHandler((_wc, perm, cb, details) => {
    const media = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    cb(
      config.mode === 'door' &&
        perm === 'media' &&
        media.length > 0 &&
        media.every((m) => m === 'video'),
    );
  });
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    kiosk: config.kiosk,
    fullscreen: config.kiosk,
    autoHideMenuBar: true,
    webPreferences: {
      // Bundled as CommonJS next to preload.cjs (npm run build:electron).
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (e, url) => {
    if (!url.startsWith(appUrl)) e.preventDefault();
  });
  forwardServerCalls(station);
  const unregister = registerIpc(station, win, appUrl);
  await win.loadFile(indexFile);
  app.on('window-all-closed', () => {
    unregister();
    void station.close().then(() => {
      app.quit();
    });
  });
}

/**
 * The admin view calls /server/api/v1/… on its own origin (its CSP allows nothing else); for a page
 * loaded from a file that is file:///server/…, which is forwarded to the enrolled server exactly as
 * the web shell's /server route does. Every other file: URL loads as before.
 */
function forwardServerCalls(station: Station): void {
  protocol.handle('file', async (request) => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(`${FORWARD_PREFIX}/`))
      return net.fetch(request, { bypassCustomProtocolHandlers: true });
    const answer = await forwardToServer(station.enrollment.credential(), {
      method: request.method,
      path: `${url.pathname.slice(FORWARD_PREFIX.length)}${url.search}`,
      headers: Object.fromEntries(request.headers.entries()),
      body: request.body ? new Uint8Array(await request.arrayBuffer()) : null,
    });
    return new Response(Buffer.from(answer.body), {
      status: answer.status,
      headers: answer.headers,
    });
  });
}

void main();
