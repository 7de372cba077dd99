import { Router } from 'express';
import { z } from '../zod.js';
import type { KeyStore } from '../keys/key-store.js';
import type { FailedAuthLimiter } from '../auth/failed-auth-limiter.js';
import { parseOr400 } from '../app/validate.js';
import { UnauthorisedError } from '../errors/http-errors.js';
import type { ConsoleSessionStore } from './console-session-store.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';

export const openSessionSchema = z.object({ key: z.string().min(1).max(500).openapi({ description: 'an API key; it is checked once and not kept' }) });

/**
 * The console's sign-in: an API key exchanged for a session cookie. Mounted before `authenticate`;
 * the session middleware has already attached the principal of a live session cookie.
 */
export function consoleSessionRoutes(keys: KeyStore, sessions: ConsoleSessionStore, limiter: FailedAuthLimiter, clock: () => Date, lifetimeMinutes: number): Router {
  const router = Router();
  router.post('/v1/console/sessions', async (req, res) => {
    const body = parseOr400(openSessionSchema, req.body ?? {});
    const blocked = await limiter.blocked(req);
    if (blocked) throw blocked;
    const principal = await keys.authenticate(body.key, clock());
    if (!principal) {
      const limited = await limiter.fail(req, res);
      throw limited ?? new UnauthorisedError('the API key is unknown or revoked (or expired)');
    }
    const opened = await sessions.open(principal.keyId, clock(), lifetimeMinutes);
    setSessionCookie(req, res, opened.token, lifetimeMinutes);
    res.status(201).json({ role: principal.role, stationId: principal.stationId, label: principal.label, csrfToken: opened.csrfToken, expiresAt: opened.expiresAt.toISOString() });
  });
  router.get('/v1/console/sessions/current', (req, res) => {
    const session = req.consoleSession;
    if (!session) throw new UnauthorisedError('not signed in to the console');
    const p = session.principal;
    res.json({ role: p.role, stationId: p.stationId, label: p.label, csrfToken: session.csrfToken, expiresAt: session.expiresAt });
  });
  router.delete('/v1/console/sessions/current', async (req, res) => {
    if (req.consoleSession) await sessions.end(req.consoleSession.id, clock());
    clearSessionCookie(req, res);
    res.status(204).end();
  });
  return router;
}
