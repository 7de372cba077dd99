import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { problemSchema } from '../app/response-schemas.js';
import { ROLES } from '../auth/principal.js';
import { rotateKeySchema } from './key-routes.js';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });
const keyId = z.object({ id: z.string().describe('the key id from GET /v1/keys') });

export const listedKeySchema = z.object({
  id: z.number().int(),
  fingerprint: z.string().describe('start of the SHA-256 of the key: tells keys apart, reveals nothing of the key'),
  role: z.enum(ROLES),
  stationId: z.string().nullable(),
  label: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  replaces: z.number().int().nullable().describe('the key this one rotated'),
  revoked: z.boolean(),
  expired: z.boolean(),
});

const common = {
  401: problem('missing, unknown, revoked or expired API key'),
  403: problem('not an admin key'),
  429: problem('too many failed authentications from this address; see Retry-After'),
};

/** Listing, rotating and revoking keys in the OpenAPI document (creating one is documented beside the other paths). */
export function registerKeyPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get', path: '/v1/keys', summary: 'List API keys (admin): never the keys themselves', security: [{ bearer: [] }],
    responses: { 200: { description: 'every key', content: { 'application/json': { schema: z.object({ items: z.array(listedKeySchema) }) } } }, ...common },
  });
  registry.registerPath({
    method: 'post', path: '/v1/keys/{id}/rotation', summary: 'Rotate a key (admin): a new key with the same role and station; the old one expires after overlapSeconds', security: [{ bearer: [] }],
    request: { params: keyId, body: { content: { 'application/json': { schema: rotateKeySchema } } } },
    responses: {
      201: { description: 'the new key, shown once', content: { 'application/json': { schema: z.object({ id: z.number().int(), key: z.string(), role: z.enum(ROLES), stationId: z.string().nullable(), label: z.string().nullable(), expiresAt: z.string().nullable(), replaces: z.number().int(), note: z.string() }) } } },
      400: problem('invalid body'), 404: problem('no active key with that id'), ...common,
    },
  });
  registry.registerPath({
    method: 'delete', path: '/v1/keys/{id}', summary: 'Revoke a key (admin): effective on every instance within 1 s', security: [{ bearer: [] }],
    request: { params: keyId },
    responses: { 204: { description: 'revoked' }, 404: problem('no active key with that id'), ...common },
  });
}
