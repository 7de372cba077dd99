import type { RequestHandler } from 'express';
import type { ConsoleSession, ConsoleSessionStore } from './console-session-store.js';
import { sessionTokenOf } from './session-cookie.js';
import { AppError } from '../errors/app-error.js';

declare module 'express-serve-static-core' {
  interface Request {
    consoleSession?: ConsoleSession;
  }
}

class CsrfError extends AppError {
  constructor() {
    super(403, 'csrf-token-mismatch', 'a write with a console session needs the header X-CSRF-Token with the session\'s token (GET /v1/console/sessions/current)');
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Runs before `authenticate`: a request with a live session cookie (and no Authorization header) gets
 * the session key's principal. A write must echo the session's CSRF token in X-CSRF-Token, so another
 * site cannot make the browser write with the cookie. A cookie that names no live session is ignored:
 * `authenticate` then answers 401.
 */
export function consoleSession(sessions: ConsoleSessionStore, clock: () => Date): RequestHandler {
  return (req, _res, next) => {
    if (req.get('authorization')) return next();
    // Signing in needs no session (and a stale cookie must not stand in its way).
    if (req.method === 'POST' && req.path === '/console/sessions') return next();
    const token = sessionTokenOf(req);
    if (!token) return next();
    sessions
      .find(token, clock())
      .then((session) => {
        if (!session) return next();
        if (!SAFE.has(req.method) && req.get('x-csrf-token') !== session.csrfToken) return next(new CsrfError());
        req.consoleSession = session;
        req.principal = session.principal;
        next();
      })
      .catch(next);
  };
}
