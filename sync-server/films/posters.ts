// Film posters (DESIGN §13): the upload is checked by its own bytes (JPEG, PNG or WebP, within the
// size limit), stored in PostgreSQL so every server process serves it, and served under an id that
// never changes content, so browsers and stations may cache it for a year.
import { createHash, randomUUID } from 'node:crypto';
import { imageSize } from 'image-size';
import type pg from 'pg';
import type { FilmView } from '../../common/api/admin-films.js';
import { POSTER_TYPES } from '../../common/api/admin-films.js';
import { BoError } from '../../common/errors.js';
import { chainOfStaff, invalid, recordEdit, rowChanges } from '../admin/edit.js';
import type { Actor } from '../services/audit.js';
import { withTx } from '../services/tx.js';
import { getFilm, publishMovie } from './films.js';

const MIME: Record<string, (typeof POSTER_TYPES)[number]> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/** The path a poster is served at. */
export const mediaPath = (id: string): string => `/api/v1/media/${id}`;

/** The type and size of an image from its bytes; BO_VALIDATION on '/poster' when it is none we take. */
export function posterImage(bytes: Buffer): { type: string; width: number; height: number } {
  let info: { type?: string; width?: number; height?: number };
  try {
    info = imageSize(bytes);
  } catch {
    info = {};
  }
  const type = info.type === undefined ? undefined : MIME[info.type];
  if (!type || !info.width || !info.height)
    throw invalid({ '/poster': 'is not a JPEG, PNG or WebP image' });
  if (info.width > 10_000 || info.height > 10_000)
    throw invalid({ '/poster': 'is larger than 10000 × 10000 pixels' });
  return { type, width: info.width, height: info.height };
}

/** Stores a poster and points the film at it. */
export async function setPoster(
  pool: pg.Pool,
  actor: Actor & { id: string },
  filmId: string,
  bytes: Buffer,
  now: Date,
): Promise<FilmView> {
  const image = posterImage(bytes);
  return withTx(pool, async (tx) => {
    const before = await getFilm(tx, actor.id, filmId, now);
    const chain = await chainOfStaff(tx, actor.id);
    const mediaId = randomUUID();
    await tx.query(
      'INSERT INTO media (id, chain_id, content_type, bytes, byte_length, width, height, sha256, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      [
        mediaId,
        chain,
        image.type,
        bytes,
        bytes.length,
        image.width,
        image.height,
        createHash('sha256').update(bytes).digest('hex'),
        actor.id,
        now,
      ],
    );
    return pointAt(tx, actor, before, mediaPath(mediaId), now);
  });
}

/** Takes the poster off a film (the image stays: old receipts and caches may still name it). */
export async function removePoster(
  pool: pg.Pool,
  actor: Actor & { id: string },
  filmId: string,
  now: Date,
): Promise<FilmView> {
  return withTx(pool, async (tx) =>
    pointAt(tx, actor, await getFilm(tx, actor.id, filmId, now), null, now),
  );
}

async function pointAt(
  tx: pg.PoolClient,
  actor: Actor & { id: string },
  before: FilmView,
  url: string | null,
  now: Date,
): Promise<FilmView> {
  await tx.query('UPDATE movies SET poster_url = $2, updated_at = $3 WHERE id = $1', [
    before.id,
    url,
    now,
  ]);
  const after = await getFilm(tx, actor.id, before.id, now);
  const { row, cinemas } = await publishMovie(tx, before.id);
  await recordEdit(tx, {
    actor,
    action: url === null ? 'film.poster.remove' : 'film.poster.set',
    entity: 'movie',
    entityId: before.id,
    before: { posterUrl: before.posterUrl },
    after: { posterUrl: after.posterUrl },
    changes: rowChanges('movies', row, cinemas),
  });
  return after;
}

/** A stored image by id, or null. */
export async function readMedia(
  pool: pg.Pool,
  id: string,
): Promise<{ contentType: string; bytes: Buffer; sha256: string } | null> {
  const r = await pool.query<{ content_type: string; bytes: Buffer; sha256: string }>(
    'SELECT content_type, bytes, sha256 FROM media WHERE id = $1',
    [id],
  );
  const row = r.rows[0];
  if (!row) return null;
  if (!Buffer.isBuffer(row.bytes)) throw new BoError('BO_UNAVAILABLE', 'The image is unreadable.');
  return { contentType: row.content_type, bytes: row.bytes, sha256: row.sha256 };
}
