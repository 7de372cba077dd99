import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../errors/app-error.js';
import { requestLogger } from './access-log.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
  413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export function sendProblem(res: Response, status: number, code: string, detail: string, extra: Record<string, unknown> = {}): void {
  // A 401 must say how to authenticate (RFC 9110 §11.6.1; RFC 6750 for Bearer keys).
  if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="warranty"');
  // The request id the logs carry, so a caller quoting a problem names the log lines too.
  const requestId = res.getHeader('x-request-id');
  const instance = typeof requestId === 'string' ? { instance: `urn:request:${requestId}` } : {};
  res
    .status(status)
    .type('application/problem+json')
    .json({ type: `https://warranty.example/problems/${code}`, title: TITLES[status] ?? 'Error', status, code, detail, ...instance, ...extra });
}

/** Every error becomes application/problem+json (RFC 9457) with a stable code; never a stack trace. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent) return;
    if (error instanceof AppError) return sendProblem(res, error.status, error.code, error.message, error.extra);
    const httpError = error as { type?: string; status?: number; message?: string; limit?: number };
    if (httpError.type === 'entity.parse.failed') return sendProblem(res, 400, 'malformed-json', `the body is not valid JSON: ${httpError.message ?? ''}`);
    if (httpError.type === 'entity.too.large') return sendProblem(res, 413, 'body-too-large', `the body is larger than the limit of ${httpError.limit} bytes`);
    if (httpError.type === 'encoding.unsupported' || httpError.type === 'charset.unsupported') return sendProblem(res, 415, 'unsupported-encoding', httpError.message ?? 'unsupported encoding');
    requestLogger(logger, req).error({ err: error }, 'unhandled error');
    return sendProblem(res, 500, 'internal-error', 'an unexpected error happened; it has been logged');
  };
}
