import createClient, { type Middleware } from 'openapi-fetch';
import type { paths, components } from './schema';

export type Schemas = components['schemas'];

let csrfToken: string | null = null;

/** The session's CSRF token, sent as X-CSRF-Token with every write (the cookie itself is HttpOnly). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (csrfToken && request.method !== 'GET' && request.method !== 'HEAD') request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
};

/** The public API, typed from its OpenAPI document; the browser sends the session cookie. */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(csrf);

/** A problem+json answer's detail (or its title) for showing. */
export function problemText(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { detail?: string; title?: string; errors?: { path: string; message: string }[] };
    const fields = e.errors?.map((f) => `${f.path}: ${f.message}`).join('; ');
    return [e.detail ?? e.title, fields].filter(Boolean).join(' — ');
  }
  return String(error);
}
