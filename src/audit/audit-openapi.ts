import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { problemSchema } from '../app/response-schemas.js';
import { auditQuerySchema } from './audit-routes.js';

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string().describe('ISO instant of the write'),
  keyId: z.number().int().nullable(),
  role: z.string().nullable(),
  stationId: z.string().nullable(),
  requestId: z.string().describe('the x-request-id of the request that wrote'),
  action: z.string().describe('method and route, e.g. POST /v1/claims'),
  target: z.string().describe('the location of what was written'),
  status: z.number().int(),
});

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });

/** GET /v1/audit in the OpenAPI document. */
export function registerAuditPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/v1/audit',
    summary: 'The audit log of every write that took effect (admin), newest first, in cursor pages',
    security: [{ bearer: [] }],
    request: { query: auditQuerySchema },
    responses: {
      200: { description: 'a page of entries', content: { 'application/json': { schema: z.object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() }) } } },
      400: problem('invalid query: each field path and what is wrong'),
      401: problem('missing, unknown, revoked or expired API key'),
      403: problem('not an admin key'),
      429: problem('too many failed authentications from this address; see Retry-After'),
    },
  });
}
