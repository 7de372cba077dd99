import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { jsonOrCsvResponse, jsonResponse, pathParam, registerOperation } from '../app/openapi-helpers.js';
import { claimGoodwillQuerySchema, goodwillGrantSchema, goodwillQuerySchema } from './goodwill-routes.js';
import { listOf } from '../app/response-schemas.js';

export const goodwillGrantResponseSchema = z
  .object({
    id: z.number().int(), stationId: z.string(), claimNumber: z.string(), lineId: z.string(), decisionVersion: z.number().int(), baseFen: z.number().int(),
    manufacturerFen: z.number().int(), supplierFen: z.number().int(), supplierId: z.string().nullable(), customerFen: z.number().int(),
    monthsPast: z.number().int(), kmPast: z.number().int(), grantedOn: z.string(), note: z.string(), grantedBy: z.string(), grantedAt: z.string(),
  })
  .openapi('GoodwillGrant');

export function registerGoodwillPaths(registry: OpenAPIRegistry): void {
  registerOperation(registry, {
    method: 'post', path: '/v1/claims/{claimNumber}/goodwill', operationId: 'grantGoodwill', roles: ['auditor'],
    summary: 'Grant goodwill on a line denied as out of term or excluded, with a note; split manufacturer / supplier / customer by the policy table',
    params: z.object({ claimNumber: pathParam('the claim number') }),
    body: { schema: registry.register('GoodwillGrantInput', goodwillGrantSchema) },
    responses: { 201: jsonResponse(goodwillGrantResponseSchema, 'the grant, in fen') },
    errors: { 404: 'no such claim or line', 409: 'the line is not denied, goodwill is already granted, or the claim number is ambiguous', 422: 'beyond the goodwill table, or no after-sales policy' },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/claims/{claimNumber}/goodwill', operationId: 'listClaimGoodwill', roles: ['auditor'],
    summary: 'The goodwill granted on a claim\'s lines, with each split in fen',
    params: z.object({ claimNumber: pathParam('the claim number') }), query: claimGoodwillQuerySchema,
    responses: { 200: jsonResponse(listOf(goodwillGrantResponseSchema).openapi('GoodwillGrantList'), 'the grants, oldest first') },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/goodwill', operationId: 'getGoodwill', roles: ['auditor'],
    summary: 'Goodwill granted over a period, apart from warranty: per station and per supplier (JSON or CSV)',
    query: goodwillQuerySchema,
    responses: {
      200: jsonOrCsvResponse(
        z.object({
          period: z.object({ from: z.string(), to: z.string() }), currency: z.literal('CNY'), grants: z.array(goodwillGrantResponseSchema),
          stations: z.array(z.object({ stationId: z.string(), goodwillPaidFen: z.number().int(), customerFen: z.number().int() })),
          suppliers: z.array(z.object({ supplierId: z.string(), supplierFen: z.number().int() })),
          totals: z.object({ baseFen: z.number().int(), manufacturerFen: z.number().int(), supplierFen: z.number().int(), customerFen: z.number().int() }),
        }).openapi('GoodwillReport'),
        'the grants and their totals',
      ),
    },
  });
}
