// The web shell's /server/* route: the admin view's calls to the sync server, forwarded by the
// station (src-main/station/server-forward.ts) so the page never leaves its own origin.
import type { FastifyInstance } from 'fastify';
import { FORWARD_BODY_LIMIT, FORWARD_PREFIX, forwardToServer } from '../station/server-forward.js';
import type { Station } from '../station/station.js';
import { originAllowed } from './guards.js';

/** Registers /server/* on the shell; `hosts` are the shell's own host names (for the Origin check). */
export function registerServerRoute(
  app: FastifyInstance,
  station: Station,
  hosts: () => Set<string>,
): void {
  app.register((scope, _opts, done) => {
    // Bodies pass through as bytes: JSON, and a poster's multipart upload.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: FORWARD_BODY_LIMIT },
      (_r, body, next) => {
        next(null, body);
      },
    );
    scope.all(`${FORWARD_PREFIX}/*`, async (request, reply) => {
      // A write must come from a page of this shell; a plain GET (a poster) may come from anywhere
      // the Host check let through.
      if (request.method !== 'GET' && !originAllowed(request.headers.origin, hosts()))
        return reply.status(403).send({
          error: {
            code: 'BO_FORBIDDEN',
            message: 'Only pages of this station may call the server.',
          },
        });
      const answer = await forwardToServer(station.enrollment.credential(), {
        method: request.method,
        path: request.url.slice(FORWARD_PREFIX.length),
        headers: request.headers,
        body: Buffer.isBuffer(request.body) ? request.body : null,
      });
      return reply.status(answer.status).headers(answer.headers).send(Buffer.from(answer.body));
    });
    done();
  });
}
