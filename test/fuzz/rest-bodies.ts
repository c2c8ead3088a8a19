// Requests the REST fuzz sends besides the schemas' own: bad headers on any operation, and
// multipart bodies for the upload (random parts, wrong types, oversize, truncated). Described as
// small values and rendered when sent, so a failing case prints short.
import fc from 'fast-check';
import { POSTER_MAX_BYTES } from '../../common/api/admin-films.js';

const HUGE = 'x'.repeat(12_000);

/** Content types a client may get wrong. */
const CONTENT_TYPES = [
  'text/plain',
  'application/json; charset=utf-7',
  'application/json;;;',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'multipart/form-data; boundary=x',
  '*/*',
  'application/octet-stream',
  'json',
  '',
  `application/json; x=${HUGE}`,
];

const AUTHORIZATIONS = [
  'Bearer x.y.z',
  'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
  'Bearer ',
  'Bearer',
  'Basic dXNlcjpwYXNz',
  'Basic ',
  'Station a:b',
  'Station 00000000-0000-4000-8000-000000000000:secret-secret-secret',
  'Digest username="x"',
  `Bearer ${HUGE}`,
  '',
];

const IDEMPOTENCY_KEYS = [
  '',
  ' ',
  'not a uuid',
  'x'.repeat(300),
  HUGE,
  '00000000-0000-0000-0000-000000000000',
];

const ACCEPTS = ['text/html', 'application/xml', '*/*;q=abc', 'image/png', ';;;', HUGE, ''];

const BODIES = ['', '{', 'null', '[]', '"x"', 'a=1&b=2', '<x/>', '{"__proto__":{"x":1}}', HUGE];

/** Bad headers (each present or not) and a body that may not match them. */
export type BadHeaders = {
  headers: Record<string, string>;
  /** Set when the Authorization header is junk (then no real token is added). */
  authorization?: string;
  body?: string;
};

/** One or two bad headers, and perhaps a body that does not match the content type. */
export function badHeaders(): fc.Arbitrary<BadHeaders> {
  const one = fc.oneof(
    fc.constantFrom(...CONTENT_TYPES).map((v) => ['content-type', v] as const),
    fc.constantFrom(...AUTHORIZATIONS).map((v) => ['authorization', v] as const),
    fc.constantFrom(...IDEMPOTENCY_KEYS).map((v) => ['idempotency-key', v] as const),
    fc.constantFrom(...ACCEPTS).map((v) => ['accept', v] as const),
  );
  return fc
    .tuple(
      fc.array(one, { minLength: 1, maxLength: 2 }),
      fc.option(fc.oneof(fc.constantFrom(...BODIES), fc.string({ maxLength: 200 })), {
        nil: undefined,
      }),
    )
    .map(([pairs, body]) => {
      const headers = Object.fromEntries(pairs);
      return {
        headers,
        ...(headers.authorization === undefined ? {} : { authorization: headers.authorization }),
        ...(body === undefined ? {} : { body }),
      };
    });
}

type Content =
  | { kind: 'png'; width: number; height: number }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'oversize' };

type Part = { name: string; filename?: string; type?: string; content: Content };

/** A multipart request: its parts, how its Content-Type states the boundary, and a truncation. */
export type Multipart = {
  parts: Part[];
  header: 'right' | 'no-boundary' | 'other-boundary' | 'not-multipart';
  /** Cut the body to this fraction of its length. */
  truncate?: number;
};

const partArb: fc.Arbitrary<Part> = fc.record(
  {
    name: fc.oneof(
      { weight: 4, arbitrary: fc.constant('poster') },
      { weight: 1, arbitrary: fc.constantFrom('file', '', 'poster[]', 'x'.repeat(300)) },
    ),
    filename: fc.constantFrom('poster.png', 'a.jpg', '../../etc/passwd', '', 'x'.repeat(300)),
    type: fc.constantFrom(
      'image/png',
      'image/jpeg',
      'image/webp',
      'text/plain',
      'application/octet-stream',
      '',
    ),
    content: fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant('png' as const),
          width: fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.constantFrom(10_001, 0xffffffff)),
          height: fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.constantFrom(10_001, 0x7fffffff)),
        }),
      },
      {
        weight: 4,
        arbitrary: fc
          .uint8Array({ maxLength: 2000 })
          .map((bytes) => ({ kind: 'bytes' as const, bytes })),
      },
      { weight: 1, arbitrary: fc.constant({ kind: 'oversize' as const }) },
    ),
  },
  { requiredKeys: ['name', 'content'] },
);

/** Random multipart uploads. */
export function multipartArb(): fc.Arbitrary<Multipart> {
  // Mostly one part and a whole body, so the upload itself is reached, not only its refusals.
  return fc.record(
    {
      parts: fc.oneof(
        { weight: 3, arbitrary: partArb.map((p) => [p]) },
        { weight: 1, arbitrary: fc.array(partArb, { maxLength: 3 }) },
      ),
      header: fc.oneof(
        { weight: 5, arbitrary: fc.constant('right' as const) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'no-boundary' as const,
            'other-boundary' as const,
            'not-multipart' as const,
          ),
        },
      ),
      truncate: fc.oneof(
        { weight: 4, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
      ),
    },
    { requiredKeys: ['parts', 'header', 'truncate'] },
  );
}

/** A PNG's signature and header: enough for a reader of image sizes (the CRC is not checked). */
function pngHeader(width: number, height: number): Buffer {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width >>> 0, 16);
  b.writeUInt32BE(height >>> 0, 20);
  b.writeUInt8(8, 24);
  b.writeUInt8(2, 25);
  return b;
}

function bytesOf(c: Content): Buffer {
  if (c.kind === 'png') return pngHeader(c.width, c.height);
  if (c.kind === 'bytes') return Buffer.from(c.bytes);
  return Buffer.concat([pngHeader(100, 100), Buffer.alloc(POSTER_MAX_BYTES)]);
}

/** The Content-Type header and the body of a multipart request. */
export function multipartBody(mp: Multipart): { contentType: string; body: Buffer } {
  const boundary = '----fuzz7MA4YWxkTrZu0gW';
  const chunks: Buffer[] = [];
  for (const p of mp.parts) {
    const disposition = `form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type === undefined ? '' : `Content-Type: ${p.type}\r\n`}\r\n`,
      ),
      bytesOf(p.content),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  let body = Buffer.concat(chunks);
  if (mp.truncate !== undefined) body = body.subarray(0, Math.floor(body.length * mp.truncate));
  const contentType = {
    right: `multipart/form-data; boundary=${boundary}`,
    'no-boundary': 'multipart/form-data',
    'other-boundary': 'multipart/form-data; boundary=somethingelse',
    'not-multipart': 'application/json',
  }[mp.header];
  return { contentType, body };
}
