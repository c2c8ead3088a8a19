// A P8 attacker process: runs one attack (argument: AttackArgs as JSON) against the bench servers
// until told "stop" (or its duration ends), then cuts its sockets and sends what the server did to
// it (AttackResult).
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../../../common/sync-protocol.js';
import { attackArgs, type AttackArgs, type AttackResult } from './attack-io.js';
import { createTally, persistentNonReader, type Tally } from './attack-socket.js';

type Stop = () => void;
const wsUrl = (serverUrl: string, path: string) => `${serverUrl.replace(/^http/, 'ws')}${path}`;
const pick = <T>(list: T[], i: number): T => list[i % list.length] as T;
/** The ping flood keeps at most this much unsent on its side (its own memory stays bounded). */
const FLOOD_CLIENT_BUFFER = 1_048_576;
const HELLO_ANSWER_TIMEOUT_MS = 10_000;
/**
 * Each attack comes from a source address of its own, as from separate hosts: a limit one of them
 * trips (per address) does not shield the server from the others, nor lock the bench's own
 * traffic from 127.0.0.1 out in later cases.
 */
const SOURCE = { flood: '127.0.110.1', snapshots: '127.0.111.1', hellos: '127.0.112.1' } as const;

const hello = (device: string, secret: string, cursor: number) =>
  JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, device, secret, cursor });

/** Pings as fast as TCP takes them, after a valid hello, never reading. */
function pingFlood(args: Extract<AttackArgs, { kind: 'ping-flood' }>, tally: Tally): Stop[] {
  const until = Date.now() + args.durationMs;
  return args.serverUrls.map((url) =>
    persistentNonReader({
      url: wsUrl(url, '/sync'),
      localAddress: SOURCE.flood,
      until,
      backoffMs: 100,
      tally,
      onOpen(ws) {
        ws.send(hello(args.station.id, args.station.secret, args.cursor));
        const pump = (): void => {
          if (ws.readyState !== WebSocket.OPEN || Date.now() >= until) return;
          let n = 0;
          for (; n < 500 && ws.bufferedAmount < FLOOD_CLIENT_BUFFER; n++)
            ws.send(`{"type":"ping","t":${String(Date.now())}}`);
          tally.count('pingsSent', n);
          // Yield when TCP pushes back, so the attacker's own buffers stay bounded.
          setTimeout(pump, n < 500 ? 5 : 0);
        };
        pump();
      },
    }),
  );
}

/** Station sessions that ask for the whole snapshot (cursor 0) and never read it. */
function snapshots(args: Extract<AttackArgs, { kind: 'snapshots' }>, tally: Tally): Stop[] {
  const until = Date.now() + args.durationMs;
  return Array.from({ length: args.sessions }, (_, i) =>
    persistentNonReader({
      url: wsUrl(pick(args.serverUrls, i), '/sync'),
      localAddress: SOURCE.snapshots,
      until,
      backoffMs: 200,
      tally,
      onOpen(ws) {
        ws.send(hello(pick(args.stations, i), args.secret, 0));
      },
    }),
  );
}

/** Live seat-map sockets that never read, from several source addresses. */
function live(args: Extract<AttackArgs, { kind: 'live' }>, tally: Tally): Stop[] {
  const until = Date.now() + args.durationMs;
  return Array.from({ length: args.sockets }, (_, i) =>
    persistentNonReader({
      url: wsUrl(pick(args.serverUrls, i), `/api/v1/live?showId=${pick(args.showIds, i)}`),
      localAddress: `127.0.${String(100 + (i % args.addresses))}.1`,
      until,
      backoffMs: 500,
      tally,
      onOpen: () => undefined,
    }),
  );
}

/** New connections at a fixed rate, each a hello with a wrong secret; the answer is timed. */
function wrongHellos(args: Extract<AttackArgs, { kind: 'wrong-hellos' }>, tally: Tally): Stop[] {
  const until = Date.now() + args.durationMs;
  const open = new Set<WebSocket>();
  let n = 0;
  let owed = 0;
  let stopping = false;
  const attempt = (): void => {
    if (open.size >= args.maxInFlight) {
      tally.count('skippedInFlight');
      return;
    }
    const i = n++;
    const ws = new WebSocket(wsUrl(pick(args.serverUrls, i), '/sync'), {
      perMessageDeflate: false,
      localAddress: SOURCE.hellos,
    });
    open.add(ws);
    tally.count('attempts');
    let sentAt = 0;
    // Answered, timed out or cut at the end: whatever closes it afterwards is not the server's doing.
    let answered = false;
    const timer = setTimeout(() => {
      answered = true;
      tally.count(sentAt > 0 ? 'noAnswerIn10s' : 'notConnectedIn10s');
      if (sentAt > 0) tally.answer(performance.now() - sentAt);
      ws.terminate();
    }, HELLO_ANSWER_TIMEOUT_MS);
    ws.on('open', () => {
      sentAt = performance.now();
      // Long enough to pass the hello's schema: the server has to check it.
      ws.send(hello(pick(args.stations, i), `wrong-secret-${String(i).padStart(12, '0')}`, 0));
    });
    ws.on('message', (data: Buffer) => {
      if (answered) return;
      answered = true;
      tally.answer(performance.now() - sentAt);
      const msg = JSON.parse(data.toString('utf8')) as { type?: string; code?: string };
      tally.count(`answer${msg.type === 'error' ? (msg.code ?? '?') : (msg.type ?? '?')}`);
      ws.terminate();
    });
    ws.on('error', (e) => {
      tally.error(e);
    });
    ws.on('close', (code) => {
      clearTimeout(timer);
      open.delete(ws);
      if (stopping) return;
      if (answered) return;
      answered = true;
      if (sentAt > 0) tally.answer(performance.now() - sentAt);
      tally.count(`closedBeforeAnswer${String(code)}`);
    });
  };
  const tickMs = 10;
  const timer = setInterval(() => {
    if (Date.now() >= until) return;
    owed += (args.ratePerSec * tickMs) / 1000;
    for (; owed >= 1; owed--) attempt();
  }, tickMs);
  return [
    () => {
      clearInterval(timer);
      tally.count('inFlightAtEnd', open.size);
      stopping = true;
      for (const ws of open) ws.terminate();
    },
  ];
}

function start(args: AttackArgs, tally: Tally): Stop[] {
  switch (args.kind) {
    case 'ping-flood':
      return pingFlood(args, tally);
    case 'snapshots':
      return snapshots(args, tally);
    case 'live':
      return live(args, tally);
    case 'wrong-hellos':
      return wrongHellos(args, tally);
  }
}

function main(): void {
  const args = attackArgs.parse(JSON.parse(process.argv[2] ?? '{}'));
  const tally = createTally();
  const stops = start(args, tally);
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    for (const stop of stops) stop();
    const result: AttackResult = tally.result(args.kind);
    process.send?.(result, () => {
      process.disconnect();
      setTimeout(() => process.exit(0), 200).unref();
    });
  };
  // The bench says "stop" when its measurement is over; the duration is only an upper bound.
  process.on('message', (m: unknown) => {
    if (m === 'stop') finish();
  });
  setTimeout(finish, args.durationMs).unref();
  // tsx takes seconds to start on a busy machine: the bench's ramp counts from here, not from fork.
  process.send?.('started');
}

main();
