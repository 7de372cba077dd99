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
      /** The campaign the job was filed against and the version that decided it (null: no campaign of that code). */
      campaign: z.object({ code: z.string(), version: z.number().int().nullable() }).optional(),
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
  historyAsOf: z
    .object({
      at: z.string().openapi({ description: 'the instant the unit\'s history was read' }),
      revision: z.number().int().openapi({ description: 'the claim revision decided: 1 as filed, higher for a correction' }),
      claims: z.array(z.object({ claimNumber: z.string(), stationId: z.string(), repairDate: z.string() })),
    })
    .optional()
    .openapi({ description: 'the unit\'s earlier claims this decision saw: a correction or an appealed claim decided later says which history it was decided against' }),
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
      .array(
        z.object({
          path: z.string().openapi({ description: 'the field, dotted (`jobs.0.failureMode`)' }),
          message: z.string(),
          value: z.union([z.string(), z.number()]).optional().openapi({ description: 'unknown-vocabulary: the value sent; number-out-of-bounds: the number sent' }),
          suggestion: z.string().nullable().optional().openapi({ description: 'unknown-vocabulary: the closest valid value (did you mean), or null when none is close' }),
          allowed: z.array(z.string()).optional().openapi({ description: 'unknown-vocabulary: the valid values, when the list is short (else follow validValues)' }),
          validValues: z.string().optional().openapi({ description: 'unknown-vocabulary: where the valid values are listed (GET /v1/product-lines/{id}?date=)' }),
          max: z.number().optional().openapi({ description: 'number-out-of-bounds: the largest value accepted' }),
        }),
      )
      .optional()
      .openapi({ description: 'each field path and what is wrong (validation-failed, claim-data-error, unknown-vocabulary, number-out-of-bounds, invalid-value)', example: [{ path: 'odometerkm', message: 'unknown field (did you mean "odometerKm"?)' }] }),
    productLine: z.string().optional().openapi({ description: 'unknown-vocabulary: the product line whose vocabulary the request broke' }),
    vocabulary: z.string().optional().openapi({ description: 'unknown-vocabulary: the vocabulary of that line on the date that applied', example: '/v1/product-lines/nev-special-vehicle?date=2026-03-16' }),
    problems: z
      .array(z.object({ severity: z.enum(['error', 'warning']), file: z.string(), line: z.number().int(), column: z.number().int(), path: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: 'rule-files-invalid: each problem in the rule or policy files, with file, line and column' }),
    claimNumber: z.string().optional().openapi({ description: 'claim-number-taken: the claim the number belongs to' }),
    stationId: z.string().optional().openapi({ description: 'claim-number-taken: its station' }),
    stations: z.array(z.string()).optional().openapi({ description: 'claim-number-ambiguous: the stations that use the number' }),
    sqlState: z.string().optional().openapi({ description: 'invalid-value: the database\'s SQLSTATE for the value refused' }),
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
