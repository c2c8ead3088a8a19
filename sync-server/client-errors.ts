// Errors Node's HTTP parser raises before Fastify sees a request (slow or oversized headers, bad
// framing) get the same {error:{code,message}} body with a BO_ code as every other answer.
import http from 'node:http';
import type { Socket } from 'node:net';
import type { WireError } from '../common/errors.js';

type Answer = { status: number; error: WireError };

/** The answer to a parser error, by its Node code. */
export function clientErrorAnswer(code: string | undefined): Answer {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return {
      status: 408,
      error: { code: 'BO_TIMEOUT', message: 'The request took too long to arrive.' },
    };
  if (code === 'HPE_HEADER_OVERFLOW')
    return {
      status: 431,
      error: { code: 'BO_HEADERS_TOO_LARGE', message: 'The request headers are too large.' },
    };
  return {
    status: 400,
    error: { code: 'BO_BAD_REQUEST', message: 'The request is not valid HTTP.' },
  };
}

/** Fastify's clientErrorHandler: writes the coded answer and closes the connection. */
export function writeClientError(err: Error & { code?: string }, socket: Socket): void {
  // A reset or destroyed socket has no one left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, error } = clientErrorAnswer(err.code);
  const body = JSON.stringify({ error });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${String(status)} ${http.STATUS_CODES[status] ?? ''}\r\nContent-Length: ${String(Buffer.byteLength(body))}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(err);
}
