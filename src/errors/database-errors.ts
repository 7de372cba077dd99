import { AppError } from './app-error.js';

/** Seconds a client should wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The database cannot be reached (connection refused, dropped, terminated): 503, try again shortly. */
export class DatabaseUnavailableError extends AppError {
  constructor(cause?: unknown) {
    super(503, 'database-unavailable', 'the database is not reachable at the moment; retry after a few seconds (a retried claim with the same body is answered with its stored decision)', {}, { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) });
    if (cause !== undefined) this.cause = cause;
  }
}

/** A value the database cannot hold (out of range, bad encoding, bad date) that got past the edge: 400, never 500. */
export class DatabaseValueError extends AppError {
  constructor(sqlState: string, message: string) {
    super(400, 'invalid-value', `a value in the request cannot be stored or compared: ${message}`, { errors: [{ path: '(request)', message }], sqlState });
  }
}

// Node socket errors that mean "no connection", and pg / PGlite messages for a connection that is gone.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
const GONE_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed|Cannot use a pool after calling end|not queryable|PGlite is closed|terminating connection/i;
// SQLSTATE class 08 (connection exception), 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now), 53300 (too many connections).
const UNAVAILABLE_STATES = /^(08...|57P0[123]|53300)$/;
// SQLSTATE class 22 (data exception) and 54000 (program limit, e.g. a value too deep): the request's fault.
const VALUE_STATES = /^(22...|54000)$/;

function fieldOf(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  const code = fieldOf(error, 'code');
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || UNAVAILABLE_STATES.test(code))) return true;
  const message = fieldOf(error, 'message');
  return typeof message === 'string' && GONE_MESSAGES.test(message);
}

/**
 * What the HTTP edge should answer for an error a database driver threw: 503 when the database is
 * gone, 400 for a data exception the edge did not catch; anything else is passed on unchanged.
 */
export function translateDatabaseError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) return new DatabaseUnavailableError(error);
  const code = fieldOf(error, 'code');
  if (typeof code === 'string' && VALUE_STATES.test(code)) return new DatabaseValueError(code, String(fieldOf(error, 'message') ?? 'invalid value'));
  return error;
}
