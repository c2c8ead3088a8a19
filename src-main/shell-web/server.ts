// The web shell: serves the built renderer and the station contract over a WebSocket on loopback.
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { callFrame, type ServerFrame } from '../../common/contract/wire.js';
import { dispatch, type Session } from '../station/dispatch.js';
import type { Station } from '../station/station.js';
import { installShellGuards, originAllowed } from './guards.js';
import { registerServerRoute } from './server-route.js';

/** Builds the web shell for a station; the caller listens. */
export async function buildShellWeb(station: Station): Promise<FastifyInstance> {
  const app = Fastify({ logger: { level: station.config.logLevel }, bodyLimit: 65_536 });
  // The WebSocket plugin first: its own onRequest hook marks upgrades, so that an upgrade the Host
  // check refuses has its socket destroyed after the answer instead of left open.
  await app.register(fastifyWebsocket, { options: { maxPayload: 262_144 } });
  const hosts = await installShellGuards(app, station.config.host, () => {
    const addr = app.server.address();
    return typeof addr === 'object' && addr !== null ? addr.port : station.config.port;
  });

  app.get('/health', () => ({ status: 'ok' }));
  registerServerRoute(app, station, hosts);

  app.register((scope, _opts, done) => {
    scope.get('/contract', { websocket: true }, (socket, request) => {
      // Only pages served by this shell may talk to the station (no cross-site WebSocket hijack);
      // the Host was checked already, the Origin must be exactly one of ours, scheme included.
      if (!originAllowed(request.headers.origin, hosts())) {
        socket.close(1008, 'foreign origin');
        return;
      }
      const session: Session = { id: crypto.randomUUID(), staff: null };
      const send = (frame: ServerFrame) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
      };
      const off = station.onAny((name, payload) => {
        send({ t: 'event', name, payload });
      });
      let garbage = 0;
      socket.on('message', (data: Buffer) => {
        let raw: unknown;
        try {
          raw = JSON.parse(data.toString('utf8'));
        } catch {
          raw = undefined;
        }
        const frame = callFrame.safeParse(raw);
        if (!frame.success) {
          garbage += 1;
          send({
            t: 'event',
            name: 'contract:error',
            payload: {
              code: 'BO_BAD_REQUEST',
              message: 'Malformed frame; expected {t:"call", id, channel, input}.',
            },
          });
          if (garbage > 20) socket.close(1008, 'too many malformed frames');
          return;
        }
        void dispatch(station.contract, station.handlers, frame.data.channel, frame.data.input, {
          session,
          kioskOpen: station.kioskOpen,
        }).then((result) => {
          send({ t: 'result', id: frame.data.id, result });
        });
      });
      socket.on('close', off);
    });
    done();
  });

  const root = path.resolve(station.config.rendererDir);
  if (existsSync(path.join(root, 'index.html'))) {
    await app.register(fastifyStatic, { root, index: 'index.html' });
  } else {
    app.get('/', (_req, reply) =>
      reply
        .type('text/plain')
        .send(`The renderer is not built. Run "npm run build:renderer" (looked in ${root}).`),
    );
  }
  return app;
}
