import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { accessLogProps } from '../auth/authenticate.js';
import { requestIdOf, traceparentOf } from './request-id.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** The request id: the caller's x-request-id when it is safe, else a new UUID. */
    id?: string;
  }
}

/**
 * The request headers an access line keeps: named ones only, so no secret (a key, a session cookie,
 * a CSRF token, or one a proxy adds) can reach the log by being forgotten in a list of redactions.
 */
const LOGGED_REQUEST_HEADERS = ['host', 'user-agent', 'content-type', 'content-length', 'origin', 'x-forwarded-for'] as const;

/** Probes and scrapes, asked every few seconds: no access line. */
const UNLOGGED_URLS = new Set(['/healthz', '/readyz', '/metrics']);

/** The request as an access line shows it (the fields of pino-std-serializers' req), with its headers picked. */
function requestFields(req: Request) {
  const headers: Record<string, string | string[]> = {};
  for (const name of LOGGED_REQUEST_HEADERS) {
    const value = req.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  return { id: req.id, method: req.method, url: req.originalUrl, query: req.query, params: req.params ?? {}, headers, remoteAddress: req.socket.remoteAddress, remotePort: req.socket.remotePort };
}

/** The response as an access line shows it, its session cookie censored. */
function responseFields(res: Response) {
  const headers = res.getHeaders();
  return { statusCode: res.headersSent ? res.statusCode : null, headers: headers['set-cookie'] === undefined ? headers : { ...headers, 'set-cookie': '[redacted]' } };
}

/** A logger whose lines name the request as its access line does: for what goes wrong while answering it. */
export function requestLogger(logger: Logger, req: Request): Logger {
  return logger.child({ req: requestFields(req) });
}

/**
 * A line per request (`request completed`, or `request errored` with the error for a 5xx), with the
 * request and response, the request id, the caller's key id and role, the trace id of a W3C
 * traceparent and the response time; and the request id as `x-request-id` on every answer.
 *
 * The line is made once, when the response has gone: pino-http made a child logger with the request
 * serialized into it on every arrival, even when the level dropped the line, and that was the
 * largest allocation of a pre-check.
 */
export function accessLog(logger: Logger): RequestHandler {
  // Its fields keep out what the logger's redact paths would censor, so its lines skip them.
  const log = logger.child({}, { redact: { paths: [] } });
  const enabled = log.isLevelEnabled('info');
  return (req, res, next) => {
    const id = requestIdOf(req.headers['x-request-id']) ?? randomUUID();
    req.id = id;
    res.setHeader('x-request-id', id);
    const traceparent = traceparentOf(req.headers.traceparent);
    if (traceparent) res.setHeader('traceparent', traceparent);
    if (enabled && !UNLOGGED_URLS.has(req.url)) {
      const started = Date.now();
      // 'close' comes after 'finish', and alone when the client went away first.
      res.once('close', () => {
        const line = { req: requestFields(req), ...accessLogProps(req), ...(traceparent ? { traceId: traceparent.split('-')[1] } : {}), res: responseFields(res), responseTime: Date.now() - started };
        if (res.statusCode >= 500) log.info({ ...line, err: new Error(`failed with status code ${res.statusCode}`) }, 'request errored');
        else log.info(line, 'request completed');
      });
    }
    next();
  };
}
