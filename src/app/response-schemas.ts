import { z } from '../zod.js';

/** Response shapes (SPEC §13) for the OpenAPI document; requests have their own schemas at the edge. */
const message = z.object({ en: z.string(), zh: z.string() });
const reason = z.object({ code: z.string(), rule: z.string(), message, lineId: z.string().optional() });
const adjustment = z.object({ code: z.string(), amountFen: z.number().int(), rule: z.string(), message });
const liableParty = z.object({ type: z.enum(['manufacturer', 'supplier', 'chassis-maker', 'service-station', 'customer']), id: z.string().optional() });

export const decisionLineSchema = z.object({
  lineId: z.string(),
  kind: z.enum(['part', 'labour', 'auxiliary', 'travel']),
  role: z.enum(['causal', 'consequential']).optional(),
  partNumber: z.string().optional(),
  operationCode: z.string().optional(),
  claimedFen: z.number().int(),
  approvedFen: z.number().int(),
  proposedFen: z.number().int().optional(),
  status: z.enum(['approved', 'adjusted', 'denied', 'pended']),
  adjustments: z.array(adjustment),
  hold: z.literal('part-return').optional(),
  holdDeadline: z.string().optional(),
  customerPayMaxFen: z.number().int().optional(),
});

export const decisionSchema = z
  .object({
  claimNumber: z.string(),
  stationId: z.string(),
  unitId: z.string().nullable(),
  productLine: z.string().nullable(),
  status: z.enum(['approved', 'adjusted', 'partial', 'denied', 'pended']),
  decisionVersion: z.number().int(),
  today: z.string(),
  receivedDate: z.string(),
  ruleSet: z.object({ id: z.string(), version: z.string(), hash: z.string() }).nullable(),
  policy: z.object({ id: z.string(), version: z.string(), hash: z.string() }).nullable(),
  reasons: z.array(reason),
  jobs: z.array(
    z.object({
      jobId: z.string(),
      component: z.string(),
      failureMode: z.string(),
      covered: z.boolean(),
      status: z.enum(['covered', 'denied', 'pended']),
      remedy: z.enum(['repair', 'replace', 'exchange-or-refund']),
      coverage: z.object({ term: z.string(), start: z.string(), lastCoveredDay: z.string(), kmLimit: z.number().int().nullable(), withinTerm: z.boolean() }).nullable(),
      liableParty,
      reasons: z.array(reason),
      lines: z.array(decisionLineSchema),
      preAuthorisationNumber: z.string().optional(),
    }),
  ),
  totals: z.object({
    claimedFen: z.number().int(),
    approvedFen: z.number().int(),
    deductedFen: z.number().int(),
    pendingFen: z.number().int(),
    heldFen: z.number().int(),
    byParty: z.array(liableParty.extend({ approvedFen: z.number().int() })),
  }),
  trace: z.array(
    z.object({
      jobId: z.string(),
      rule: z.string(),
      priority: z.number(),
      result: z.boolean(),
      event: z.string(),
      conditions: z.array(z.object({ fact: z.string(), path: z.string().optional(), operator: z.string(), value: z.unknown(), factValue: z.unknown(), result: z.boolean().optional() })),
    }),
  ),
  })
  .openapi('Decision');

/** RFC 9457 problem details: every error the API gives, with a stable `code`; more members may follow per code. */
export const problemSchema = z
  .object({
    type: z.string().openapi({ example: 'https://warranty.example/problems/validation-failed' }),
    title: z.string().openapi({ example: 'Bad Request' }),
    status: z.number().int().openapi({ example: 400 }),
    code: z.string().openapi({ description: 'stable, kebab-case: what went wrong, for programs', example: 'validation-failed' }),
    detail: z.string().openapi({ example: 'the request is not valid' }),
    instance: z.string().optional().openapi({ description: 'urn:request:<request id>, the id the logs carry (x-request-id)', example: 'urn:request:6f1c2a9e-0d2b-4c55-9a43-1b0f3c7d9e21' }),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: 'for validation-failed: each field path and what is wrong', example: [{ path: 'odometerkm', message: 'unknown field (did you mean "odometerKm"?)' }] }),
  })
  .openapi('Problem');

const componentEligibility = z.object({
  component: z.string().nullable(),
  partNumber: z.string().optional(),
  failureMode: z.string().optional(),
  covered: z.boolean(),
  term: z.string().nullable(),
  start: z.string().nullable(),
  lastCoveredDay: z.string().nullable(),
  kmLimit: z.number().int().nullable(),
  kmLeft: z.number().int().nullable(),
  reasons: z.array(z.object({ code: z.string(), message })),
});

export const eligibilityResponseSchema = z.object({
  unitId: z.string(),
  productLine: z.string(),
  date: z.string(),
  saleDate: z.string(),
  exchangeWindowLastDay: z.string().optional(),
  exchangeWindowDays: z.number().int().optional().openapi({ description: 'the exchange-or-refund window of the rule set, in days from the sale (the sale day is day 1)' }),
  exchangeWindowOpen: z.boolean().optional().openapi({ description: 'whether the date asked about is inside that window' }),
  preAuthorisationAboveFen: z.number().int().optional(),
  components: z.array(componentEligibility.extend({ byFailureMode: z.array(componentEligibility).optional() })),
}).openapi('Eligibility');

/** A whole list in one answer (a short one: the rule set versions). */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

/** A page of a list: the items, and the cursor of the next page (null on the last). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable().openapi({ description: 'pass as ?cursor= for the next page; null on the last page' }) });
}
