import type { Request, Response } from 'express';

/** The console's session cookie: HttpOnly, SameSite=Strict, Path=/, Max-Age, Secure when the request came over TLS. */
export const SESSION_COOKIE = 'warranty_session';

export function sessionTokenOf(req: Request): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}

/**
 * Max-Age (the browser counts it from now) rather than an Expires date of the service's clock: the
 * server ends the session at its own expiry anyway, and a browser whose clock differs keeps the cookie.
 */
export function setSessionCookie(req: Request, res: Response, token: string, lifetimeMinutes: number): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', maxAge: lifetimeMinutes * 60_000 });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
}
