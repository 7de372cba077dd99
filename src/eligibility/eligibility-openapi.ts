import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { eligibilityResponseSchema } from '../app/response-schemas.js';
import { demoExample, jsonResponse, registerOperation } from '../app/openapi-helpers.js';
import { eligibilityBatchSchema, eligibilityRequestSchema } from './eligibility-schema.js';

const example = { unit: { vin: 'LB9BL518XM0000042' }, date: '2026-03-14', odometerKm: 150000, components: [{ component: 'traction-battery' }, { partNumber: 'NEV-EPS-001' }] };

export function registerEligibilityPaths(registry: OpenAPIRegistry): void {
  const EligibilityRequest = registry.register('EligibilityRequest', eligibilityRequestSchema);
  registerOperation(registry, {
    method: 'post', path: '/v1/eligibility', operationId: 'checkEligibility', roles: ['dealer', 'auditor'],
    summary: 'Pre-check a unit\'s coverage per component on a date (read-only)',
    body: { schema: EligibilityRequest, example },
    responses: { 200: jsonResponse(eligibilityResponseSchema, 'per component: covered, the term, its last covered day and km left', demoExample('eligibility-battery.json')) },
    errors: { 404: 'no unit with that VIN, frame serial or serial number', 400: 'invalid request, or the date is before the sale date' },
  });
  const unanswered = z.object({ index: z.number().int(), error: z.object({ code: z.enum(['unit-not-found', 'date-before-sale']), detail: z.string() }) });
  registerOperation(registry, {
    method: 'post', path: '/v1/eligibility/batch', operationId: 'checkEligibilityBatch', roles: ['dealer', 'auditor'],
    summary: 'Pre-check up to 100 units at once',
    body: { schema: registry.register('EligibilityBatchRequest', eligibilityBatchSchema), example: { requests: [example] } },
    responses: { 200: jsonResponse(z.object({ results: z.array(z.union([eligibilityResponseSchema, unanswered])) }).openapi('EligibilityBatch'), 'one result per request, in order: an answer or why there is none') },
  });
}
