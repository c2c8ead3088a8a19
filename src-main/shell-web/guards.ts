// The web shell answers only pages it served itself (issue 12, item 7; DESIGN §16). A page on any
// other site can make a browser talk to 127.0.0.1, and with DNS rebinding it can even name a host
// of its own (`Host: evil.example:7400`, same Origin). So: only our own loopback Host names, the
// exact Origin (scheme included) on the contract socket, and headers that forbid framing and any
// connection but to ourselves.
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';

/** Host names that always mean this machine. */
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

/** The Host header values this shell answers: its loopback names (and its bind address) with its port. */
export function allowedHosts(bindHost: string, port: number): Set<string> {
  const bind = bindHost.includes(':') && !bindHost.startsWith('[') ? `[${bindHost}]` : bindHost;
  const names = new Set([...LOOPBACK, bind.toLowerCase()]);
  return new Set([...names].map((h) => `${h}:${String(port)}`));
}

/** Whether a WebSocket upgrade's Origin is one of our own pages. A browser always sends Origin;
 * a local process that sends none already runs on this machine and gains nothing from the check. */
export function originAllowed(origin: string | undefined, hosts: Set<string>): boolean {
  if (origin === undefined) return true;
  return [...hosts].some((h) => origin.toLowerCase() === `http://${h}`);
}

/** Installs the Host check and helmet's headers; `port()` is the port actually listened on. */
export async function installShellGuards(
  app: FastifyInstance,
  bindHost: string,
  port: () => number,
): Promise<() => Set<string>> {
  let cached: { port: number; hosts: Set<string> } | null = null;
  const hosts = (): Set<string> => {
    const p = port();
    if (cached?.port !== p) cached = { port: p, hosts: allowedHosts(bindHost, p) };
    return cached.hosts;
  };
  // Registered before the routes, so a foreign Host is refused before anything of ours runs.
  app.addHook('onRequest', async (request, reply) => {
    if (!hosts().has((request.headers.host ?? '').toLowerCase())) {
      await reply.status(421).send({
        error: {
          code: 'BO_FORBIDDEN_HOST',
          message: 'This station answers only on its own loopback address.',
        },
      });
    }
  });
  const self = (req: IncomingMessage): string => `ws://${req.headers.host ?? '127.0.0.1'}`;
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // Only our own contract socket: never another host, whatever the page is tricked into.
        connectSrc: ["'self'", self],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // WebAssembly (the door camera's QR decoder) compiles only with 'wasm-unsafe-eval'.
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    // Plain http on loopback: HSTS would only confuse a browser that later sees the same name.
    strictTransportSecurity: false,
  });
  return hosts;
}
