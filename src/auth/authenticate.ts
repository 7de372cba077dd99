import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { KeyStore } from '../keys/key-store.js';
import type { Principal, Role } from './principal.js';
import { ForbiddenError, UnauthorisedError } from '../errors/http-errors.js';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

/** Reads `Authorization: Bearer <key>` and attaches the principal; 401 without a valid key. */
export function authenticate(keys: KeyStore): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return next(new UnauthorisedError());
    keys
      .authenticate(match[1] as string)
      .then((principal) => {
        if (!principal) return next(new UnauthorisedError('the API key is unknown or revoked'));
        req.principal = principal;
        next();
      })
      .catch(next);
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
