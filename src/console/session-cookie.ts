import type { Request, Response } from 'express';

/** The console's session cookie: HttpOnly, SameSite=Strict, Path=/, Secure when the request came over TLS. */
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

/** The cookie's lifetime is relative (Max-Age): the app's clock may differ from the browser's; the server checks expiry on its own clock. */
export function setSessionCookie(req: Request, res: Response, token: string, lifetimeMs: number): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', maxAge: lifetimeMs });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
}
