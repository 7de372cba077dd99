import type { ErrorRequestHandler } from 'express';
import { AppError } from './app-error.js';
import { translateDatabaseError } from './database-errors.js';

// body-parser errors the problem handler already words itself.
const WORDED_BY_PROBLEM_HANDLER = new Set(['entity.parse.failed', 'entity.too.large', 'encoding.unsupported', 'charset.unsupported']);

/**
 * Runs just before the problem handler: a database that is gone becomes 503 with Retry-After, a
 * data exception from the database becomes 400, an HTTP error from express (a path that cannot be
 * decoded, an aborted body) keeps its 4xx, and an AppError's own headers are set on the response.
 */
export function translateErrors(): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    let translated = translateDatabaseError(error);
    const http = translated as { status?: unknown; type?: unknown; message?: unknown };
    if (!(translated instanceof AppError) && typeof http.status === 'number' && http.status >= 400 && http.status < 500 && !WORDED_BY_PROBLEM_HANDLER.has(String(http.type))) {
      translated = new AppError(http.status, 'bad-request', typeof http.message === 'string' ? http.message : 'the request cannot be read');
    }
    if (translated instanceof AppError && !res.headersSent) for (const [name, value] of Object.entries(translated.headers)) res.setHeader(name, value);
    next(translated);
  };
}
