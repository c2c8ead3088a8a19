// The chaos run's network: a small TCP proxy between one station and the sync servers, as a load
// balancer in front of two servers would be, that can misbehave on purpose. It partitions (refuses
// connections, or swallows traffic so only heartbeats notice), delays, cuts connections in the middle
// of a message, and — once a connection has become a WebSocket — duplicates and reorders the
// station's `mutate` messages, which is what a retrying middlebox or a replayed outbox looks like to
// the server. Every decision comes from the run's seeded random numbers.
import net from 'node:net';

/** How the proxy treats traffic now; everything off is a healthy network. */
export type Faults = {
  /** New connections are refused and open ones dropped at once. */
  partitioned: boolean;
  /** Connections stay open but nothing passes, either way (a dead link only heartbeats notice). */
  blackhole: boolean;
  /** Each chunk waits this many ms (uniform in [min, max]); order within a connection is kept. */
  delayMs: readonly [number, number];
  /** Chance that a station's `mutate` frame is sent twice. */
  duplicate: number;
  /** Chance that a `mutate` frame is held back and sent after the station's next frame. */
  reorder: number;
  /** Chance, per frame the station sends, that the connection is cut halfway through it. */
  cut: number;
};

export const HEALTHY: Faults = {
  partitioned: false,
  blackhole: false,
  delayMs: [0, 0],
  duplicate: 0,
  reorder: 0,
  cut: 0,
};

/** What the proxy did, for the run's report. */
export type ProxyStats = {
  connections: number;
  refused: number;
  dropped: number;
  duplicated: number;
  reordered: number;
  cut: number;
};

export type FaultProxy = {
  port: number;
  set(faults: Partial<Faults>): void;
  faults(): Faults;
  stats: ProxyStats;
  close(): Promise<void>;
};

type Frame = { bytes: Buffer; mutate: boolean };

/**
 * Splits a client's WebSocket byte stream into whole frames (RFC 6455 §5.2; client frames are
 * masked). Returns the frames and what is left of an unfinished one.
 */
export function splitFrames(buf: Buffer): { frames: Frame[]; rest: Buffer } {
  const frames: Frame[] = [];
  let at = 0;
  for (;;) {
    if (buf.length - at < 2) break;
    const b0 = buf[at] ?? 0;
    const b1 = buf[at + 1] ?? 0;
    const masked = (b1 & 0x80) !== 0;
    let len = b1 & 0x7f;
    let head = 2;
    if (len === 126) {
      if (buf.length - at < 4) break;
      len = buf.readUInt16BE(at + 2);
      head = 4;
    } else if (len === 127) {
      if (buf.length - at < 10) break;
      len = Number(buf.readBigUInt64BE(at + 2));
      head = 10;
    }
    const maskAt = at + head;
    if (masked) head += 4;
    if (buf.length - at < head + len) break;
    const bytes = buf.subarray(at, at + head + len);
    // A whole text message (FIN, opcode 1) whose JSON says it is a mutation.
    let mutate = false;
    if ((b0 & 0x8f) === 0x81 && len < 65_536) {
      const payload = Buffer.from(buf.subarray(at + head, at + head + len));
      if (masked)
        for (let i = 0; i < payload.length; i++)
          payload[i] = (payload[i] ?? 0) ^ (buf[maskAt + (i % 4)] ?? 0);
      mutate = payload.includes('"type":"mutate"');
    }
    frames.push({ bytes: Buffer.from(bytes), mutate });
    at += head + len;
  }
  return { frames, rest: Buffer.from(buf.subarray(at)) };
}

/** Starts a proxy on a free loopback port in front of `upstreams()` (ports, tried in turn). */
export async function startFaultProxy(o: {
  upstreams: () => number[];
  random: () => number;
}): Promise<FaultProxy> {
  let faults: Faults = { ...HEALTHY };
  const stats: ProxyStats = {
    connections: 0,
    refused: 0,
    dropped: 0,
    duplicated: 0,
    reordered: 0,
    cut: 0,
  };
  const open = new Set<{ client: net.Socket; server: net.Socket }>();
  let next = 0;
  const chance = (p: number) => p > 0 && o.random() < p;
  const delay = () => {
    const [min, max] = faults.delayMs;
    return max <= 0 ? 0 : min + Math.floor(o.random() * (max - min + 1));
  };

  const dropAll = () => {
    for (const c of open) {
      c.client.destroy();
      c.server.destroy();
      stats.dropped += 1;
    }
    open.clear();
  };

  const connectUpstream = (ports: number[], tries: number): Promise<net.Socket | null> =>
    new Promise((resolve) => {
      if (tries <= 0 || ports.length === 0) {
        resolve(null);
        return;
      }
      const port = ports[next++ % ports.length] ?? 0;
      const s = net.connect({ host: '127.0.0.1', port });
      s.once('connect', () => resolve(s));
      s.once('error', () => {
        s.destroy();
        void connectUpstream(ports, tries - 1).then(resolve);
      });
    });

  const server = net.createServer((client) => {
    client.on('error', () => undefined);
    if (faults.partitioned) {
      stats.refused += 1;
      client.destroy();
      return;
    }
    client.pause();
    const ports = o.upstreams();
    void connectUpstream(ports, ports.length * 2).then((upstream) => {
      if (upstream === null || client.destroyed) {
        upstream?.destroy();
        client.destroy();
        return;
      }
      stats.connections += 1;
      upstream.on('error', () => undefined);
      const pair = { client, server: upstream };
      open.add(pair);
      const end = () => {
        open.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.once('close', end);
      upstream.once('close', end);

      // Each direction is a queue, so delays never reorder bytes the network did not mean to.
      const lane = (to: net.Socket) => {
        let tail = Promise.resolve();
        return (bytes: Buffer) => {
          const wait = delay();
          tail = tail.then(
            () =>
              new Promise<void>((resolve) => {
                const go = () => {
                  if (!faults.blackhole && !to.destroyed) to.write(bytes);
                  resolve();
                };
                if (wait > 0) setTimeout(go, wait);
                else go();
              }),
          );
        };
      };
      const toServer = lane(upstream);
      const toClient = lane(client);
      upstream.on('data', (d: Buffer) => toClient(d));

      // Client → server: the HTTP request as it comes, then WebSocket frames one by one.
      let head: Buffer = Buffer.alloc(0);
      let websocket: boolean | null = null;
      let pending: Buffer = Buffer.alloc(0);
      let heldBack: Buffer | null = null as Buffer | null;
      client.on('data', (d: Buffer) => {
        if (websocket === null) {
          head = Buffer.concat([head, d]);
          const endOfHead = head.indexOf('\r\n\r\n');
          if (endOfHead < 0) return;
          websocket = /^upgrade:\s*websocket/im.test(head.subarray(0, endOfHead).toString());
          toServer(head.subarray(0, endOfHead + 4));
          d = head.subarray(endOfHead + 4);
          if (d.length === 0) return;
        }
        if (!websocket) {
          if (chance(faults.cut)) {
            stats.cut += 1;
            toServer(d.subarray(0, Math.floor(d.length / 2)));
            setTimeout(end, 20);
            return;
          }
          toServer(d);
          return;
        }
        const split = splitFrames(Buffer.concat([pending, d]));
        pending = split.rest;
        for (const f of split.frames) {
          if (chance(faults.cut)) {
            stats.cut += 1;
            toServer(f.bytes.subarray(0, Math.max(1, Math.floor(f.bytes.length / 2))));
            setTimeout(end, 20);
            return;
          }
          if (f.mutate && heldBack === null && chance(faults.reorder)) {
            stats.reordered += 1;
            heldBack = f.bytes;
            // Sent after the next frame, or alone after a moment if the station goes quiet.
            const mine = heldBack;
            setTimeout(() => {
              if (heldBack === mine) {
                toServer(mine);
                heldBack = null;
              }
            }, 300);
            continue;
          }
          toServer(f.bytes);
          if (f.mutate && chance(faults.duplicate)) {
            stats.duplicated += 1;
            toServer(f.bytes);
          }
          if (heldBack !== null) {
            toServer(heldBack);
            heldBack = null;
          }
        }
      });
      client.resume();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  return {
    port,
    stats,
    faults: () => faults,
    set(change) {
      const wasBlackhole = faults.blackhole;
      faults = { ...faults, ...change };
      // Bytes a black hole swallowed are gone: like TCP giving up, its connections end with it.
      if (change.partitioned === true || (wasBlackhole && !faults.blackhole)) dropAll();
    },
    close: () =>
      new Promise<void>((resolve) => {
        dropAll();
        server.close(() => resolve());
      }),
  };
}
