import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { claimSchema } from './claim-schema.js';
import { claimListQuerySchema, claimReadQuerySchema } from './claim-routes.js';
import { decisionSchema, pageOf } from '../app/response-schemas.js';
import { demoExample, jsonResponse, pathParam, registerOperation } from '../app/openapi-helpers.js';

const statuses = z.enum(['approved', 'adjusted', 'partial', 'denied', 'pended']);

export const claimReadSchema = decisionSchema
  .extend({
    revision: z.number().int().openapi({ description: 'the claim revision the latest decision is of (1, then one per correction)' }),
    submittedAt: z.string().openapi({ description: 'when the revision of this decision was submitted (ISO instant)' }),
    claim: z.object({ failureDate: z.string().nullable(), repairDate: z.string().nullable(), odometerKm: z.number().int().nullable(), reportedFault: z.string().nullable() }).openapi({ description: 'the claim as filed (that revision)' }),
    versions: z.array(z.object({ version: z.number().int(), revision: z.number().int(), status: statuses, decidedBy: z.string(), decidedAt: z.string(), note: z.string().nullable() })),
  })
  .openapi('ClaimRead');

export const claimListItemSchema = z
  .object({
    claimNumber: z.string(),
    stationId: z.string(),
    unitId: z.string().nullable(),
    revision: z.number().int(),
    status: statuses,
    decisionVersion: z.number().int(),
    approvedFen: z.number().int(),
    receivedDate: z.string(),
    submittedAt: z.string(),
  })
  .openapi('ClaimListItem');

export const claimNumberParams = z.object({ claimNumber: pathParam('the station\'s claim number') });
export const stationQuery = z.object({ stationId: z.string().min(1).optional().openapi({ description: 'the station, when the claim number exists at several' }) });

export function registerClaimsPaths(registry: OpenAPIRegistry): void {
  const Claim = registry.register('Claim', claimSchema);
  const example = demoExample('claim-battery.json');
  registerOperation(registry, {
    method: 'post', path: '/v1/claims', operationId: 'submitClaim', roles: ['auditor', 'dealer'],
    summary: 'Submit a claim; returns its decision',
    description: 'The same body again returns the stored decision (200); the same claim number with a different body is a 409. A dealer key submits for its own station only.',
    body: { schema: Claim, example },
    responses: { 201: jsonResponse(decisionSchema, 'decided; Location names the claim (the example\'s trace is left empty: it lists every rule evaluated)', { ...(demoExample('decision-battery.json') as object), trace: [] }), 200: jsonResponse(decisionSchema, 'the same body again: the stored decision') },
    errors: { 409: 'the claim number is taken by a different body (`claim-number-taken`)' },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/claims', operationId: 'listClaims', roles: ['auditor', 'dealer'],
    summary: 'List and search claims (latest revision, latest decision), newest first',
    description: 'Search by claim number prefix, VIN or frame serial, station, status and repair dates; filters combine. A dealer key sees its own station only.',
    query: claimListQuerySchema,
    responses: { 200: jsonResponse(pageOf(claimListItemSchema).openapi('ClaimPage'), 'a page of claims') },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/claims/{claimNumber}', operationId: 'getClaim', roles: ['auditor', 'dealer'],
    summary: 'The latest decision of a claim (or an earlier version), with every decision version',
    params: claimNumberParams,
    query: claimReadQuerySchema,
    responses: { 200: jsonResponse(claimReadSchema, 'the latest decision and its versions') },
    errors: { 404: 'no such claim (or no such version)', 409: 'the claim number exists at several stations: name one with ?stationId= (`claim-number-ambiguous`)' },
  });
}
