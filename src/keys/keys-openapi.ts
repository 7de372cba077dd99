import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { ROLES } from '../auth/principal.js';
import { pageOf } from '../app/response-schemas.js';
import { jsonResponse, registerOperation } from '../app/openapi-helpers.js';
import { createKeySchema, keyListQuerySchema, rotateKeySchema } from './key-routes.js';

export const listedKeySchema = z
  .object({
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
  })
  .openapi('ApiKey');

const keyId = z.object({ id: z.string().regex(/^\d+$/).openapi({ description: 'the key id from GET /v1/keys' }) });
const tooMany = { 429: 'too many failed authentications from this address; see Retry-After' } as const;

export function registerKeysPaths(registry: OpenAPIRegistry): void {
  registerOperation(registry, {
    method: 'post', path: '/v1/keys', operationId: 'createKey', roles: ['admin'],
    summary: 'Create an API key; the key is shown once',
    body: { schema: registry.register('NewKey', createKeySchema), example: { role: 'auditor', label: 'settlement office' } },
    responses: {
      201: jsonResponse(
        z.object({ id: z.number().int(), key: z.string(), role: z.enum(ROLES), stationId: z.string().nullable(), label: z.string().nullable(), expiresAt: z.string().nullable().optional(), note: z.string() }).openapi('CreatedKey'),
        'the new key: store it now',
      ),
    },
    errors: tooMany,
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/keys', operationId: 'listKeys', roles: ['admin'],
    summary: 'The API keys (fingerprints, never the keys), oldest first, in cursor pages',
    query: keyListQuerySchema,
    responses: { 200: jsonResponse(pageOf(listedKeySchema).openapi('ApiKeyPage'), 'a page of keys') },
    errors: tooMany,
  });
  registerOperation(registry, {
    method: 'post', path: '/v1/keys/{id}/rotation', operationId: 'rotateKey', roles: ['admin'],
    summary: 'Rotate a key: a new key with the same role and station; the old one expires after overlapSeconds',
    params: keyId,
    body: { schema: rotateKeySchema, required: false },
    responses: {
      201: jsonResponse(
        z.object({ id: z.number().int(), key: z.string(), role: z.enum(ROLES), stationId: z.string().nullable(), label: z.string().nullable(), expiresAt: z.string().nullable(), replaces: z.number().int(), note: z.string() }).openapi('RotatedKey'),
        'the new key, shown once',
      ),
    },
    errors: { 404: 'no active key with that id', ...tooMany },
  });
  registerOperation(registry, {
    method: 'delete', path: '/v1/keys/{id}', operationId: 'revokeKey', roles: ['admin'],
    summary: 'Revoke an API key: effective on every instance within 1 s',
    params: keyId,
    responses: { 204: { description: 'revoked' } },
    errors: { 404: 'no active key with that id', ...tooMany },
  });
}
