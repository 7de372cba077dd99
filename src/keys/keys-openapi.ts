import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { ROLES } from '../auth/principal.js';
import { pageOf } from '../app/response-schemas.js';
import { jsonResponse, registerOperation } from '../app/openapi-helpers.js';
import { createKeySchema, keyListQuerySchema } from './key-routes.js';

const keySchema = z.object({ id: z.number().int(), prefix: z.string(), role: z.enum(ROLES), stationId: z.string().nullable(), label: z.string().nullable(), createdAt: z.string(), revoked: z.boolean() }).openapi('ApiKey');

export function registerKeysPaths(registry: OpenAPIRegistry): void {
  registerOperation(registry, {
    method: 'post', path: '/v1/keys', operationId: 'createKey', roles: ['admin'],
    summary: 'Create an API key; the key is shown once',
    body: { schema: registry.register('NewKey', createKeySchema), example: { role: 'auditor', label: 'settlement office' } },
    responses: {
      201: jsonResponse(
        z.object({ id: z.number().int(), key: z.string(), role: z.enum(ROLES), stationId: z.string().nullable(), label: z.string().nullable(), note: z.string() }).openapi('CreatedKey'),
        'the new key: store it now',
      ),
    },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/keys', operationId: 'listKeys', roles: ['admin'],
    summary: 'The API keys (their prefixes, never the keys), oldest first',
    query: keyListQuerySchema,
    responses: { 200: jsonResponse(pageOf(keySchema).openapi('ApiKeyPage'), 'a page of keys, oldest first') },
  });
  registerOperation(registry, {
    method: 'delete', path: '/v1/keys/{id}', operationId: 'revokeKey', roles: ['admin'],
    summary: 'Revoke an API key',
    params: z.object({ id: z.string().regex(/^\d+$/).openapi({ description: 'the key id' }) }),
    responses: { 204: { description: 'revoked' } },
    errors: { 404: 'no active key with that id' },
  });
}
