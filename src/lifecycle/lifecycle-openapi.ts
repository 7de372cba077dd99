import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { claimSchema } from '../claims/claim-schema.js';
import { claimNumberParams, stationQuery } from '../claims/claims-openapi.js';
import { decisionSchema, pageOf } from '../app/response-schemas.js';
import { jsonResponse, registerOperation } from '../app/openapi-helpers.js';
import { appealSchema, expireReturnsSchema, partReturnSchema, reviewListQuerySchema, reviewSchema } from './lifecycle-routes.js';

const message = z.object({ en: z.string(), zh: z.string() });

export const reviewItemSchema = z
  .object({
    claimNumber: z.string(),
    stationId: z.string(),
    unitId: z.string().nullable(),
    status: z.string(),
    productLine: z.string().nullable(),
    decisionVersion: z.number().int(),
    waitingSince: z.string(),
    ageDays: z.number().int().openapi({ description: 'whole days waiting, by the service\'s clock' }),
    claimedFen: z.number().int().openapi({ description: 'what the latest decision counts as claimed, in fen' }),
    why: z.array(z.object({ jobId: z.string(), lineId: z.string().optional(), code: z.string(), message })),
    appeal: z.object({ reason: z.string(), filedBy: z.string(), filedAt: z.string() }).nullable(),
  })
  .openapi('ReviewItem');


export const reviewPageSchema = pageOf(reviewItemSchema)
  .extend({
    total: z.number().int().openapi({ description: 'claims in the filtered queue, all pages' }),
    countsByReason: z.array(z.object({ code: z.string(), message, claims: z.number().int() })).openapi({ description: 'claims of the filtered queue per reason code of their pended jobs, most first' }),
  })
  .openapi('ReviewPage');

export function registerLifecyclePaths(registry: OpenAPIRegistry): void {
  const claimBody = (schema: z.ZodType) => ({ schema });
  registerOperation(registry, {
    method: 'post', path: '/v1/claims/{claimNumber}/part-returns', operationId: 'recordPartReturn', roles: ['auditor'],
    summary: 'Record the receipt and inspection of a held old part; adds a decision version',
    params: claimNumberParams, query: stationQuery,
    body: claimBody(registry.register('PartReturn', partReturnSchema)),
    responses: { 201: jsonResponse(decisionSchema, 'the new decision version') },
    errors: { 404: 'no such claim or line', 409: 'the line is not held for its old part, or the claim number is ambiguous' },
  });
  registerOperation(registry, {
    method: 'post', path: '/v1/claims/{claimNumber}/reviews', operationId: 'reviewClaim', roles: ['auditor'],
    summary: 'Review a claim: approve, deny or keep pended each line, with a note; adds a decision version',
    params: claimNumberParams, query: stationQuery,
    body: claimBody(registry.register('Review', reviewSchema)),
    responses: { 201: jsonResponse(decisionSchema, 'the new decision version') },
    errors: { 404: 'no such claim or line', 409: 'the claim number is ambiguous' },
  });
  registerOperation(registry, {
    method: 'post', path: '/v1/claims/{claimNumber}/appeals', operationId: 'appealClaim', roles: ['auditor', 'dealer'],
    summary: 'Appeal a decision: the claim joins the review queue',
    params: claimNumberParams, query: stationQuery,
    body: claimBody(registry.register('Appeal', appealSchema)),
    responses: { 201: jsonResponse(z.object({ appealId: z.number().int(), claimNumber: z.string(), stationId: z.string() }).openapi('AppealFiled'), 'the appeal is filed') },
    errors: { 404: 'no such claim', 409: 'an appeal is already open, or the claim number is ambiguous' },
  });
  registerOperation(registry, {
    method: 'post', path: '/v1/claims/{claimNumber}/corrections', operationId: 'correctClaim', roles: ['auditor', 'dealer'],
    summary: 'Correct a claim: a new revision, decided again',
    params: claimNumberParams,
    body: { schema: claimSchema },
    responses: { 201: jsonResponse(decisionSchema, 'the new revision\'s decision'), 200: jsonResponse(decisionSchema, 'the same correction again: the stored decision') },
    errors: { 404: 'no such claim', 409: 'the claim number or station differs from the claim corrected' },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/reviews', operationId: 'listReviews', roles: ['auditor'],
    summary: 'The review queue: pended and appealed claims, oldest first, with why, in cursor pages',
    description: 'Filters combine; `total` and `countsByReason` describe the whole filtered queue, not just the page.',
    query: reviewListQuerySchema,
    responses: { 200: jsonResponse(reviewPageSchema, 'a page of the queue, oldest first, at most limit') },
  });
  registerOperation(registry, {
    method: 'post', path: '/v1/settlement/expire-returns', operationId: 'expirePartReturns', roles: ['auditor'],
    summary: 'Deny PNR the held lines whose old part did not come back in time',
    body: { schema: expireReturnsSchema, required: false },
    responses: {
      200: jsonResponse(
        z.object({ today: z.string(), expired: z.number().int(), claims: z.array(z.object({ claimNumber: z.string(), stationId: z.string(), lines: z.array(z.string()), decisionVersion: z.number().int() })) }).openapi('ExpiredReturns'),
        'the claims given a new decision version',
      ),
    },
  });
}
