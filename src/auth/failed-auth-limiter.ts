import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type ClientRateLimitInfo, type RateLimitRequestHandler } from 'express-rate-limit';
import { LRUCache } from 'lru-cache';
import type { Db } from '../db/db.js';
import { AuthFailureStore } from './auth-failure-store.js';
import { AppError } from '../errors/app-error.js';

export interface FailedAuthLimit {
  /** Failed authentications a client address may make per window before it gets 429. */
  limit: number;
  windowMs: number;
}

export const DEFAULT_FAILED_AUTH_LIMIT: FailedAuthLimit = { limit: 30, windowMs: 60_000 };

export class TooManyFailedAuthentications extends AppError {
  constructor(retryAfterSeconds: number) {
    super(429, 'too-many-failed-authentications', `too many requests with a missing, unknown, revoked or expired key from this address; retry after ${retryAfterSeconds} s`, {}, { 'Retry-After': String(retryAfterSeconds) });
  }
}

export interface FailedAuthLimiter {
  /** Counts a failed authentication; calls back with the 429 once the address is over its limit. */
  fail(req: Request, res: Response): Promise<AppError | null>;
  /** Whether the address is over its limit already (then even a valid key gets 429 until the window ends). */
  blocked(req: Request): Promise<AppError | null>;
}

/**
 * How long an instance trusts what it read of an address's failures before asking the shared store
 * again: a valid key's request then costs no database round trip, and a block counted on another
 * instance takes effect here within this time (as a revoked key does, src/keys/key-store.ts).
 */
const SHARED_COUNT_CACHE_MS = 1000;

const clientOf = (req: Request) => ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown');

/**
 * express-rate-limit counting failed authentications only, per client address: in PostgreSQL when
 * instances share it, in memory on the embedded database (one process). Answers carry the standard
 * RateLimit headers (draft-8) and, when limited, Retry-After.
 */
export function failedAuthLimiter(db: Db, options: FailedAuthLimit = DEFAULT_FAILED_AUTH_LIMIT): FailedAuthLimiter {
  const retryAfter = (reset: Date | undefined) => Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + options.windowMs) - Date.now()) / 1000));
  const middleware: RateLimitRequestHandler = rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: 'failed-auth',
    keyGenerator: clientOf,
    ...(db.kind === 'postgres' ? { store: new AuthFailureStore(db) } : {}),
    handler: (req, _res, next) => next(new TooManyFailedAuthentications(retryAfter((req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime))),
    // The limiter is only asked after a failure; its own checks of the app's proxy settings stay on.
    validate: { singleCount: false },
  });
  const run = (req: Request, res: Response) =>
    new Promise<AppError | null>((resolve, reject) => {
      const next = (error?: unknown) => (error === undefined || error === null ? resolve(null) : error instanceof AppError ? resolve(error) : reject(error));
      Promise.resolve((middleware as RequestHandler)(req, res, next)).catch(reject);
    });
  // What the store said of an address lately (`info: undefined` = no failures counted); one question
  // of the store per address at a time, however many of its requests arrive while it is asked.
  const recent = new LRUCache<string, { info: ClientRateLimitInfo | undefined }>({
    max: 10_000,
    ttl: SHARED_COUNT_CACHE_MS,
    // A failure counted (fail drops the address's entry) does not cut short a question under way.
    ignoreFetchAbort: true,
    fetchMethod: async (client) => ({ info: await middleware.getKey(client) }),
  });
  const countOf = async (client: string) => (recent.get(client) ?? (await recent.fetch(client)))?.info;
  return {
    fail: (req, res) => run(req, res).finally(() => recent.delete(clientOf(req))),
    async blocked(req) {
      const info = await countOf(clientOf(req));
      if (!info || info.totalHits < options.limit || (info.resetTime && info.resetTime.getTime() <= Date.now())) return null;
      return new TooManyFailedAuthentications(retryAfter(info.resetTime));
    },
  };
}
