import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { accessLogProps } from '../auth/authenticate.js';
import { requestIdOf, traceparentOf } from './request-id.js';

/**
 * The request headers an access line keeps: named ones only, so no secret (a key, a session cookie,
 * a CSRF token, or one a proxy adds) can reach the log by being forgotten in a list of redactions.
 */
const LOGGED_REQUEST_HEADERS = ['host', 'user-agent', 'content-type', 'content-length', 'origin', 'x-forwarded-for'] as const;

/**
 * The access log's request and response as pino-std-serializers writes them, with the request's
 * headers picked and the response's session cookie censored, here rather than by the logger's redact
 * paths: pino serializes a child logger's bindings when the child is made, and the request is bound
 * on arrival, so redact's selective clone of every header ran on each request whatever the level.
 */
const serializers = {
  req: (req: { headers: IncomingHttpHeaders }) => {
    const headers: Record<string, string | string[]> = {};
    for (const name of LOGGED_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (value !== undefined) headers[name] = value;
    }
    return Object.assign(req, { headers });
  },
  res: (res: { headers?: OutgoingHttpHeaders }) => (res.headers?.['set-cookie'] === undefined ? res : Object.assign(res, { headers: { ...res.headers, 'set-cookie': '[redacted]' } })),
};

/**
 * A line per request (`request completed`, with the request id, the caller's key id and role, and the
 * trace id of a W3C traceparent), and the request id as `x-request-id` on every answer.
 */
export function accessLog(logger: Logger): RequestHandler {
  // pino-http's own level for the line; when the logger would drop it, 'silent' spares making it.
  const level = logger.isLevelEnabled('info') ? 'info' : 'silent';
  return pinoHttp({
    // Its serializers keep out what the logger's redact paths would censor, so its lines skip them.
    logger: logger.child({}, { redact: { paths: [] } }),
    serializers,
    genReqId: (req, res) => {
      const id = requestIdOf(req.headers['x-request-id']) ?? randomUUID();
      res.setHeader('x-request-id', id);
      const traceparent = traceparentOf(req.headers.traceparent);
      if (traceparent) res.setHeader('traceparent', traceparent);
      return id;
    },
    // Asked when the request arrives (no principal yet) and when it is answered; nothing to add is
    // undefined rather than {}, so pino-http makes no child logger for it.
    customProps: (req) => {
      const traceparent = traceparentOf(req.headers.traceparent);
      const props = { ...accessLogProps(req), ...(traceparent ? { traceId: traceparent.split('-')[1] } : {}) };
      return Object.keys(props).length > 0 ? props : (undefined as unknown as object);
    },
    customLogLevel: () => level,
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics' },
  });
}
