import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { jsonResponse, registerOperation } from '../app/openapi-helpers.js';
import { auditQuerySchema } from './audit-routes.js';

export const auditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string().describe('ISO instant of the write'),
    keyId: z.number().int().nullable(),
    role: z.string().nullable(),
    stationId: z.string().nullable(),
    requestId: z.string().describe('the x-request-id of the request that wrote'),
    action: z.string().describe('method and route, e.g. POST /v1/claims'),
    target: z.string().describe('the location of what was written'),
    status: z.number().int(),
  })
  .openapi('AuditEntry');

/** GET /v1/audit in the OpenAPI document. */
export function registerAuditPaths(registry: OpenAPIRegistry): void {
  registerOperation(registry, {
    method: 'get', path: '/v1/audit', operationId: 'listAudit', roles: ['admin'],
    summary: 'The audit log of every write that took effect, newest first, in cursor pages',
    query: auditQuerySchema,
    responses: { 200: jsonResponse(z.object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() }).openapi('AuditPage'), 'a page of entries') },
    errors: { 429: 'too many failed authentications from this address; see Retry-After' },
  });
}
