import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { ROLES } from '../auth/principal.js';
import { jsonResponse, registerOperation } from '../app/openapi-helpers.js';
import { openSessionSchema } from './console-session-routes.js';

const sessionSchema = z
  .object({
    role: z.enum(ROLES),
    stationId: z.string().nullable(),
    label: z.string().nullable(),
    csrfToken: z.string().openapi({ description: 'send it as X-CSRF-Token with every write made with the session cookie' }),
    expiresAt: z.string().openapi({ description: 'when the session ends (ISO instant)' }),
  })
  .openapi('ConsoleSession');

const setCookie = { 'Set-Cookie': { description: 'warranty_session=<token>; HttpOnly; SameSite=Strict; Path=/; Max-Age=…; Secure over TLS', schema: { type: 'string' } } };

export function registerConsolePaths(registry: OpenAPIRegistry): void {
  registerOperation(registry, {
    method: 'post', path: '/v1/console/sessions', operationId: 'openConsoleSession', roles: 'public',
    summary: 'Sign in to the web console: exchange an API key for a session cookie',
    description: 'The key is checked and not kept; the answer sets an HttpOnly, SameSite=Strict session cookie (Secure over TLS; see TRUST_PROXY) that expires after CONSOLE_SESSION_MINUTES. Requests with the cookie act as the key; writes need X-CSRF-Token. Revoking or expiry of the key ends its sessions. Failed attempts count against the address like failed keys.',
    body: { schema: openSessionSchema },
    responses: { 201: { ...jsonResponse(sessionSchema, 'signed in'), headers: setCookie } },
    errors: { 401: 'the API key is unknown, revoked or expired', 429: 'too many failed attempts from this address' },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/console/sessions/current', operationId: 'getConsoleSession', roles: [...ROLES],
    summary: 'Who the console session is: role, station and its CSRF token',
    responses: { 200: jsonResponse(sessionSchema, 'the live session') },
    errors: { 401: 'no live session cookie' },
  });
  registerOperation(registry, {
    method: 'delete', path: '/v1/console/sessions/current', operationId: 'closeConsoleSession', roles: [...ROLES],
    summary: 'Sign out of the console: the session ends and its cookie is cleared',
    description: 'With the session cookie this needs X-CSRF-Token.',
    responses: { 204: { description: 'signed out' } },
  });
}
