// Reading a poster upload (PUT /admin/films/{id}/poster): the one file field "poster" of a
// multipart/form-data body. Every way the body can be wrong is the client's error: the multipart
// reader throws plain errors (no boundary, a body cut short) that were answered 500 (issue 19).
import type { FastifyRequest } from 'fastify';
import { POSTER_MAX_BYTES } from '../../common/api/admin-films.js';
import { BoError } from '../../common/errors.js';
import { invalid } from '../admin/edit.js';

const MIB = String(POSTER_MAX_BYTES / 1_048_576);

/** The poster's bytes; BO_VALIDATION on '/poster' or BO_PAYLOAD_TOO_LARGE when the body is wrong. */
export async function posterBytes(request: FastifyRequest): Promise<Buffer> {
  const missing = () =>
    invalid({ '/poster': 'is missing: send the image as multipart/form-data field "poster"' });
  if (!request.isMultipart()) throw missing();
  try {
    const file = await request.file();
    if (!file || file.fieldname !== 'poster') throw missing();
    return await file.toBuffer();
  } catch (e) {
    throw asClientError(e);
  }
}

function asClientError(e: unknown): unknown {
  if (e instanceof BoError) return e;
  const { code, statusCode } = e as { code?: unknown; statusCode?: unknown };
  if (code === 'FST_REQ_FILE_TOO_LARGE')
    return new BoError('BO_PAYLOAD_TOO_LARGE', `The poster is larger than ${MIB} MiB.`, {
      fields: { '/poster': `is larger than ${MIB} MiB` },
    });
  // The plugin's own limits (parts, files, fields) carry their 4xx; the error handler maps them.
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) return e;
  return invalid({
    '/poster': `is not a readable multipart/form-data body (${e instanceof Error ? e.message : 'unreadable'})`,
  });
}
