import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { KeyStore } from '../keys/key-store.js';
import type { Principal, Role } from './principal.js';
import { ForbiddenError, UnauthorisedError } from '../errors/http-errors.js';
import type { FailedAuthLimiter } from './failed-auth-limiter.js';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

/**
 * Reads `Authorization: Bearer <key>` and attaches the principal; 401 without a valid key. Failed
 * attempts count against the client address: over the limit, every request from it is 429 until the
 * window ends (a valid key too, so guessing learns nothing from the answer).
 */
export function authenticate(keys: KeyStore, limiter?: FailedAuthLimiter, clock: () => Date = () => new Date()): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    // A console session (src/console/console-session.ts) has attached its key's principal already.
    if (req.principal) return next();
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const attempt = async () => {
      const principal = match ? await keys.authenticate(match[1] as string, clock()) : null;
      if (principal) {
        const blocked = limiter ? await limiter.blocked(req) : null;
        if (blocked) return next(blocked);
        req.principal = principal;
        return next();
      }
      const limited = limiter ? await limiter.fail(req, res) : null;
      if (limited) return next(limited);
      next(match ? new UnauthorisedError('the API key is unknown or revoked (or expired)') : new UnauthorisedError());
    };
    attempt().catch(next);
  };
}

/** Lets the named roles through; admin may do everything. */
export function allow(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const role = req.principal?.role;
    if (!role) return next(new UnauthorisedError());
    if (role !== 'admin' && !roles.includes(role)) return next(new ForbiddenError(`this needs the role ${roles.join(' or ')}; the key has ${role}`));
    next();
  };
}

export function principalOf(req: Request): Principal {
  if (!req.principal) throw new UnauthorisedError();
  return req.principal;
}

/** What the access log records of the caller: key id and role, never the key. */
export function accessLogProps(req: object): Record<string, unknown> {
  const principal = (req as { principal?: Principal }).principal;
  return principal ? { keyId: principal.keyId, role: principal.role, ...(principal.stationId ? { stationId: principal.stationId } : {}) } : {};
}
