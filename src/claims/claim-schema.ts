import { z } from '../zod.js';

export const isoDateSchema = z.iso.date({ message: 'expected an ISO date YYYY-MM-DD' });
const code = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'codes are kebab-case');
const instant = z.iso.datetime({ offset: true, message: 'expected an ISO instant with its offset, e.g. 2026-03-16T08:30:00+08:00' });
const fen = z.number().int('money is an integer number of fen').nonnegative();

export const CAUSES = [
  'defect-design', 'defect-material', 'defect-manufacturing', 'defect-assembly',
  'misuse', 'modification', 'accident', 'external-impact', 'human-damage', 'natural-disaster', 'wear', 'undetermined',
] as const;

const partLineSchema = z.object({
  partNumber: z.string().min(1).max(64),
  quantity: z.number().int().positive(),
  unitPriceFen: fen,
});

const labourLineSchema = z.object({
  operationCode: z.string().min(1).max(64),
  hours: z.number().positive(),
  rateFen: fen,
});

export const jobSchema = z.object({
  jobId: z.string().min(1).max(32),
  component: code,
  failureMode: code,
  cause: z.enum(CAUSES),
  causalPart: partLineSchema,
  consequentialParts: z.array(partLineSchema).max(50).default([]),
  labour: z.array(labourLineSchema).max(50).default([]),
  auxiliaryFen: fen.default(0),
  travel: z.object({ km: z.number().nonnegative(), amountFen: fen }).nullable().optional(),
  measurements: z.object({ capacityPct: z.number().min(0).max(200).optional() }).catchall(z.number()).default({}),
  selfRepaired: z.boolean().default(false),
  seriousDefect: z.boolean().default(false),
  /** The station finds the causal part cannot be repaired (000 §四.11: then it is replaced); absent: not stated. */
  repairable: z.boolean().optional(),
  /** The pre-authorisation this repair was approved under (needed above the policy's threshold). */
  preAuthorisationNumber: z.string().min(1).max(64).optional(),
  /** A campaign (recall or service action) the job was done under: then it is paid by the campaign's terms, not the warranty term. */
  campaignCode: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'campaign codes are upper case letters, digits and hyphens, e.g. RC-2026-001').optional(),
});

export const evidenceSchema = z.object({
  photos: z.number().int().nonnegative().default(0),
  faultStatePreserved: z.boolean().nullable().default(null),
  priorConsent: z.boolean().nullable().default(null),
  warrantyCardNumber: z.string().min(1).nullable().default(null),
  unitComplete: z.boolean().nullable().default(null),
  documentsComplete: z.boolean().nullable().default(null),
});

export const claimUnitIdentitySchema = z
  .object({
    vin: z.string().min(1).max(32).optional(),
    upfitSerial: z.string().min(1).max(64).optional(),
    frameSerial: z.string().min(1).max(64).optional(),
    /** A unit with neither VIN nor frame serial (weighing equipment) is named by its serial number. */
    serialNumber: z.string().min(1).max(64).optional(),
  })
  .refine((u) => u.vin !== undefined || u.frameSerial !== undefined || u.serialNumber !== undefined, { message: 'a VIN, a frame serial or a serial number is required' });

export const claimSchema = z
  .object({
    claimNumber: z.string().min(1).max(64),
    stationId: z.string().min(1).max(64),
    unit: claimUnitIdentitySchema,
    odometerKm: z.number().int().nonnegative().nullable().default(null),
    failureDate: isoDateSchema,
    repairDate: isoDateSchema,
    receivedDate: isoDateSchema.optional(),
    reportedFault: z.string().max(2000).default(''),
    evidence: evidenceSchema.default(() => evidenceSchema.parse({})),
    jobs: z.array(jobSchema).min(1).max(20),
    /** A pre-authorisation for the claim: applies to each job of the component it was issued for, unless the job names its own. */
    preAuthorisationNumber: z.string().min(1).max(64).optional(),
    // After-sales facts (issue 14), all optional; src/after-sales/ reads them, the adjudication does not.
    /** Where the claim's parts came from (000 费用结算室 §6), checked against the policy's material sources. */
    partsSource: z.object({ source: code, proofOfPurchase: z.string().min(1).max(64).optional() }).optional(),
    /** Service-level timestamps (000 §四.4–5, SPEC §10), the distance band and the fault's difficulty, and any exemption claimed. */
    serviceLevel: z
      .object({
        reportedAt: instant.optional(), contactedAt: instant.optional(), dispatchedAt: instant.optional(), arrivedAt: instant.optional(),
        customerArrivedAt: instant.optional(), workStartedAt: instant.optional(), completedAt: instant.optional(),
        distanceBand: code.optional(), difficulty: code.optional(), exemptions: z.array(code).max(10).optional(),
      })
      .optional(),
  })
  .superRefine((claim, ctx) => {
    if (claim.failureDate > claim.repairDate) {
      ctx.addIssue({ code: 'custom', path: ['failureDate'], message: 'the failure date is after the repair date' });
    }
    const ids = new Set<string>();
    claim.jobs.forEach((job, i) => {
      if (ids.has(job.jobId)) ctx.addIssue({ code: 'custom', path: ['jobs', i, 'jobId'], message: `duplicate jobId ${job.jobId}` });
      ids.add(job.jobId);
    });
  });

export type ClaimInput = z.input<typeof claimSchema>;
export type Claim = z.infer<typeof claimSchema>;
export type Job = z.infer<typeof jobSchema>;
export type PartLine = z.infer<typeof partLineSchema>;
