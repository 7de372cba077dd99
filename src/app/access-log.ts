import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { accessLogProps } from '../auth/authenticate.js';
import { requestIdOf, traceparentOf } from './request-id.js';

const CENSOR = '[redacted]';
const SECRET_REQUEST_HEADERS = ['authorization', 'cookie', 'x-csrf-token'] as const;

/** A copy of the headers with the named ones censored, or the headers themselves when none is there. */
function censored<H extends IncomingHttpHeaders | OutgoingHttpHeaders>(headers: H, names: readonly string[]): H {
  let out = headers;
  for (const name of names) {
    if (headers[name] === undefined) continue;
    if (out === headers) out = { ...headers };
    (out as Record<string, unknown>)[name] = CENSOR;
  }
  return out;
}

/**
 * The access log's request and response as pino-std-serializers writes them, secrets censored here
 * rather than by the logger's redact paths: pino serializes a child logger's bindings when the child
 * is made, and the request is bound on arrival, so redact's selective clone ran on every request
 * whatever the level (a third of the access log's cost).
 */
const serializers = {
  req: (req: { headers: IncomingHttpHeaders }) => Object.assign(req, { headers: censored(req.headers, SECRET_REQUEST_HEADERS) }),
  res: (res: { headers: OutgoingHttpHeaders }) => Object.assign(res, { headers: censored(res.headers ?? {}, ['set-cookie']) }),
};

/**
 * A line per request (`request completed`, with the request id, the caller's key id and role, and the
 * trace id of a W3C traceparent), and the request id as `x-request-id` on every answer.
 */
export function accessLog(logger: Logger): RequestHandler {
  return pinoHttp({
    // Its serializers censor what the logger's redact paths would, so the access log's lines skip them.
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
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics' },
  });
}
