import { z } from '../../zod.js';
import { isoDateSchema } from '../../claims/claim-schema.js';

const liablePartyExpectation = z.object({ type: z.enum(['manufacturer', 'supplier', 'chassis-maker', 'service-station', 'customer']), id: z.string().optional() }).strict();

const jobExpectation = z
  .object({
    jobId: z.string(),
    covered: z.boolean().optional(),
    status: z.enum(['covered', 'denied', 'pended']).optional(),
    remedy: z.enum(['repair', 'replace', 'exchange-or-refund']).optional(),
    /** The job's reason codes, as a set: exactly these. */
    reasons: z.array(z.string()).optional(),
    liableParty: liablePartyExpectation.optional(),
    term: z.string().nullable().optional(),
    lastCoveredDay: z.string().nullable().optional(),
    approvedFen: z.number().int().optional(),
  })
  .strict();

export const ruleCaseSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    today: isoDateSchema,
    unit: z.record(z.string(), z.unknown()),
    history: z.array(z.record(z.string(), z.unknown())).default([]),
    /** Pre-authorisations issued for the unit (the case's unit unless one names another). */
    preAuthorisations: z
      .array(
        z
          .object({
            number: z.string().min(1),
            unitId: z.string().min(1).optional(),
            component: z.string().min(1),
            amountLimitFen: z.number().int().positive(),
            validFrom: isoDateSchema,
            validTo: isoDateSchema,
          })
          .strict(),
      )
      .default([]),
    claim: z.record(z.string(), z.unknown()),
    expect: z
      .object({
        status: z.enum(['approved', 'adjusted', 'partial', 'denied', 'pended']).optional(),
        jobs: z.array(jobExpectation).default([]),
        totals: z.object({ claimedFen: z.number().int().optional(), approvedFen: z.number().int().optional(), deductedFen: z.number().int().optional() }).strict().optional(),
        /** The claim is refused before any decision (422): exactly these field paths name unknown values. */
        rejected: z.array(z.object({ path: z.string().min(1), suggestion: z.string().nullable().optional() }).strict()).min(1).optional(),
      })
      .strict(),
  })
  .strict();

export const ruleCaseFileSchema = z.object({ cases: z.array(ruleCaseSchema).min(1) }).strict();

export type RuleCase = z.infer<typeof ruleCaseSchema>;
export type JobExpectation = z.infer<typeof jobExpectation>;
