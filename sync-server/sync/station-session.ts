// One station's WebSocket session (DESIGN §4): hello, catch-up (delta or snapshot), live changes,
// mutations in order, heartbeats. Bad messages get an error and never crash the server.
import { BoError } from '../../common/errors.js';
import { PROTOCOL_VERSION, type ClientMsg, type ServerMsg } from '../../common/sync-protocol.js';
import {
  comparePositions,
  positionOf,
  readChanges,
  STATION_CHANGE_ENTITY,
  type LogPosition,
} from '../services/change-log.js';
import { applyMutation, type StationIdentity } from './mutations.js';
import { parseClientMsg, pendingBytes } from './client-messages.js';
import { snapshotIo } from './snapshot-gate.js';
import type { SessionDeps } from './session-deps.js';
import { checkHello, credentialLost, stationSeen } from './station-credential.js';
import { signingPublicKeyHex } from '../services/signing.js';
import { dropSocket, type Socket as WebSocket } from '../feed/socket.js';
import { CLOSE } from './close-codes.js';
import { heartbeat, inboundLimit, sendBudget } from './socket-guard.js';

const BATCH = 500;
const HELLO_TIMEOUT_MS = 10_000;
const MAX_GARBAGE = 20;

export type { SessionDeps } from './session-deps.js';

export { CLOSE } from './close-codes.js';

/** Runs a station session on `socket` until it closes. */
export function runStationSession(socket: WebSocket, deps: SessionDeps): void {
  let station: StationIdentity | null = null;
  let pos: LogPosition | null = null;
  let garbage = 0;
  let pumping: Promise<void> | null = null;
  let pumpAgain = false;
  let queue: Promise<void> = Promise.resolve();
  let unsubscribe = (): void => undefined;
  let unwatch = (): void => undefined;
  let dropped = false;
  const isDropped = (): boolean => dropped;

  // Every send is budgeted: a peer that does not read is dropped and resyncs from its cursor.
  const out = sendBudget(socket, {
    maxBuffered: deps.maxBuffered,
    closeCode: CLOSE.slow,
    reason: 'too far behind; reconnect to resync',
  });
  const send = (msg: ServerMsg, paced = false): boolean => out.send(JSON.stringify(msg), paced);
  // Catch-up must not outrun the socket: wait while the peer is behind.
  const drained = (): Promise<void> => out.drained();

  const pumpOnce = async (): Promise<void> => {
    if (!station || !pos) return;
    for (;;) {
      const batch = await readChanges(deps.pool, pos, station.cinemaId, BATCH);
      const last = batch.at(-1);
      if (last === undefined) return;
      // Paced: one batch of big changes (a week of new shows, every seat) may be larger than the
      // budget by itself, and dropping for that would repeat on every reconnect.
      const sent = send(
        {
          type: 'changes',
          changes: batch.map(({ seq, entity, entityId, op, data }) => ({
            seq,
            entity,
            entityId,
            op,
            data,
          })),
          cursor: last.seq,
          more: batch.length === BATCH,
        },
        true,
      );
      if (!sent) return;
      pos = { txId: last.txId, seq: last.seq };
      await drained();
      if (batch.length < BATCH) return;
    }
  };
  const pump = (): void => {
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = pumpOnce()
      .catch((e: unknown) => {
        deps.log.warn({ err: e, station: station?.id }, 'station pump failed');
      })
      .finally(() => {
        pumping = null;
        if (pumpAgain) {
          pumpAgain = false;
          pump();
        }
      });
  };

  // A station change names this device: close unless its credential still holds (DESIGN §10).
  const recheck = async (device: string, secret: string): Promise<void> => {
    try {
      if (dropped) return;
      const message = await credentialLost(deps.pool, device, secret);
      // The socket may have closed while we asked (TypeScript cannot see that across the await).
      if (message === null || isDropped()) return;
      dropped = true;
      send({ type: 'error', code: 'BO_UNAUTHORIZED', message });
      dropSocket(socket, CLOSE.auth, 'station credential revoked');
    } catch (e) {
      deps.log.warn({ err: e, station: device }, 'station credential re-check failed');
    }
  };

  // Managers' station list shows the last contact and how much a station has waiting; a failed
  // write only loses a figure, never the session.
  const seen = (stationId: string, pending: number | undefined): void => {
    stationSeen(deps.pool, stationId, pending).catch((e: unknown) => {
      deps.log.warn({ err: e, station: stationId }, 'station seen/pending not stored');
    });
  };

  const hello = async (msg: Extract<ClientMsg, { type: 'hello' }>): Promise<void> => {
    if (msg.protocol !== PROTOCOL_VERSION) {
      send({
        type: 'error',
        code: 'BO_PROTOCOL_VERSION',
        message: `This server speaks sync protocol ${String(PROTOCOL_VERSION)}; the station speaks ${String(msg.protocol)}. Update the station.`,
      });
      dropSocket(socket, CLOSE.protocol, 'protocol version');
      return;
    }
    // Watch before authenticating: a revoke that commits after the check below still reaches us.
    unwatch = deps.feed.subscribe((changes) => {
      if (changes.some((c) => c.entity === STATION_CHANGE_ENTITY && c.entityId === msg.device))
        void recheck(msg.device, msg.secret);
    });
    const who = await checkHello(deps.pool, deps.helloLimits, {
      device: msg.device,
      secret: msg.secret,
      address: deps.address,
      pending: msg.pending,
    });
    if (dropped) return;
    if ('close' in who) {
      dropped = true;
      send({ type: 'error', code: who.code, message: who.message });
      dropSocket(socket, CLOSE[who.close], who.code);
      return;
    }
    station = who;
    deps.connected.set(who.id, (deps.connected.get(who.id) ?? 0) + 1);
    const signingPublicKey = await signingPublicKeyHex(deps.pool, deps.signingKey);
    send({
      type: 'welcome',
      stationId: who.id,
      cinemaId: who.cinemaId,
      serverTime: new Date().toISOString(),
      protocol: PROTOCOL_VERSION,
      signingPublicKey,
    });
    const from = await positionOf(deps.pool, msg.cursor);
    if (from === null || msg.cursor === 0) {
      const io = snapshotIo(socket, drained, CLOSE.slow, () => {
        dropped = true;
      });
      const at = await deps.snapshots
        .deliver(who.id, () => deps.snapshot(who.cinemaId), io)
        .catch((e: unknown) => {
          if (!(e instanceof BoError)) throw e;
          // Too many snapshots waiting: say so and close; the station reconnects after a pause.
          send({ type: 'error', code: e.code, message: e.message });
          dropSocket(socket, CLOSE.busy, 'server busy');
          return null;
        });
      if (at === null) return;
      pos = at;
      send({ type: 'snapshot-end', cursor: at.seq });
    } else {
      pos = from;
    }
    unsubscribe = deps.feed.subscribe((changes) => {
      if (
        pos &&
        changes.some((c) => c.cinemaId === who.cinemaId && comparePositions(c, pos ?? c) > 0)
      )
        pump();
    });
    pump();
  };

  const handle = async (msg: ClientMsg): Promise<void> => {
    // Messages queued behind a revoke are not applied.
    if (dropped) return;
    if (msg.type === 'ping') {
      send({ type: 'pong', t: msg.t });
      if (station) seen(station.id, msg.pending);
      return;
    }
    if (msg.type === 'hello') {
      if (station)
        send({
          type: 'error',
          code: 'BO_BAD_REQUEST',
          message: 'hello was already said on this connection.',
        });
      else await hello(msg);
      return;
    }
    if (!station) {
      send({ type: 'error', code: 'BO_UNAUTHORIZED', message: 'Say hello first.' });
      return;
    }
    const outcome = await applyMutation(deps.pool, station, msg, deps.times, deps.signingKey);
    send(outcome);
    if (outcome.type === 'ack') deps.feed.wake();
  };

  const helloTimer = setTimeout(() => {
    if (!station) dropSocket(socket, CLOSE.helloTimeout, 'no hello');
  }, HELLO_TIMEOUT_MS);
  const stopBeat = heartbeat(socket, deps.heartbeatMs);
  const backlog = pendingBytes();
  const admit = inboundLimit(
    socket,
    { ...deps.messages, closeCode: CLOSE.rateLimited },
    (message) => {
      dropped = true;
      send({ type: 'error', code: 'BO_RATE_LIMITED', message });
    },
  );

  socket.on('message', (data: Buffer) => {
    // Nothing more is read from a socket being dropped (revoked, refused or over its rate).
    if (dropped || !admit()) return;
    if (!backlog.add(data.length)) {
      send({
        type: 'error',
        code: 'BO_RATE_LIMITED',
        message: 'Too much sent before the server could handle it; reconnect and send slower.',
      });
      dropped = true;
      dropSocket(socket, CLOSE.rateLimited, 'too much unhandled');
      return;
    }
    const parsed = parseClientMsg(data);
    if (!parsed.ok) {
      backlog.done(data.length);
      garbage += 1;
      send({ type: 'error', code: 'BO_BAD_REQUEST', message: parsed.message });
      if (garbage === MAX_GARBAGE + 1)
        dropSocket(socket, CLOSE.garbage, 'too many malformed messages');
      return;
    }
    // Mutations are applied in the order the station sent them.
    const msg = parsed.msg;
    queue = queue
      .then(() => handle(msg))
      .catch((e: unknown) => {
        deps.log.warn({ err: e, station: station?.id }, 'station message failed');
        if (msg.type === 'mutate')
          send({
            type: 'reject',
            id: msg.id,
            code: 'BO_UNAVAILABLE',
            message: 'The server could not apply this now; it will be retried.',
          });
      })
      .finally(() => {
        backlog.done(data.length);
      });
  });

  socket.on('close', () => {
    clearTimeout(helloTimer);
    stopBeat();
    dropped = true;
    unwatch();
    unsubscribe();
    if (station) {
      const n = (deps.connected.get(station.id) ?? 1) - 1;
      if (n <= 0) deps.connected.delete(station.id);
      else deps.connected.set(station.id, n);
    }
  });
}
