import { z } from '../zod.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date YYYY-MM-DD');
const fen = z.number().int().nonnegative();

export const LIABLE_PARTY_TYPES = ['manufacturer', 'supplier', 'chassis-maker', 'service-station', 'customer'] as const;

/** The date a line's terms run from (SPEC §3.3 names the sale date; seed 003 范文5 例文1 counts from commissioning acceptance). */
export const TERM_STARTS = ['saleDate', 'commissioningDate', 'deliveryDate'] as const;
export type TermStart = (typeof TERM_STARTS)[number];

export const liablePartySchema = z
  .object({ type: z.enum(LIABLE_PARTY_TYPES), id: z.string().min(1).optional() })
  .strict()
  .refine((p) => p.type === 'manufacturer' || p.type === 'customer' || p.id !== undefined, 'a supplier, chassis maker or station needs an id');

export const policyFileSchema = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1),
    productLine: z.string().regex(/^[a-z0-9-]+$/),
    effective: z.object({ from: isoDate, to: isoDate.nullable().optional() }).strict(),
    timeZone: z.string().min(1),
    /** The unit's date every term of this line counts from; a unit without it has its claims pended WA-NO-TERM-START. */
    termStartsAt: z.enum(TERM_STARTS).default('saleDate'),
    identity: z.object({ serial: z.enum(['vin', 'frameSerial', 'serialNumber']), requiresWarrantyCard: z.boolean() }).strict(),
    components: z.record(
      z.string(),
      z
        .object({
          category: z.string().min(1),
          electrical: z.boolean(),
          /**
           * The failure modes a claim may name for this component (each one of the line's `failureModes`),
           * or "any" where its term covers any fault. Absent: every mode of the line (a warning says so).
           */
          failureModes: z.union([z.literal('any'), z.array(z.string().min(1)).min(1)]).optional(),
        })
        .strict(),
    ),
    failureModes: z.array(z.string().min(1)),
    parts: z.array(
      z
        .object({ partNumber: z.string().min(1), component: z.string().min(1), priceFen: fen, genuine: z.boolean(), liable: liablePartySchema })
        .strict(),
    ),
    consequentialParts: z.record(z.string(), z.array(z.string())),
    labour: z
      .object({
        operations: z.record(z.string(), z.object({ hours: z.number().positive(), description: z.string().optional() }).strict()),
        ratesFen: z.record(z.string(), fen),
        defaultTier: z.string(),
        stations: z.record(z.string(), z.object({ tier: z.string() }).strict()),
      })
      .strict(),
    travelBands: z.array(z.object({ maxKm: z.number().positive(), amountFen: fen }).strict()),
    auxiliaryMaxPctOfParts: z.number().min(0).max(100),
    filingWindowDays: z.number().int().positive(),
    partReturn: z.object({ categories: z.array(z.string()), components: z.array(z.string()), deadlineDays: z.number().int().positive() }).strict(),
    customerPayMarkupPct: z.number().min(0),
    /** 三包判断准确率 standard a station is measured against (004 §6.6.1). */
    accuracyStandard: z.object({ overallPct: z.number().min(0).max(100), electricalPct: z.number().min(0).max(100) }).strict().optional(),
    /** What a claim must bring (IIS without it): photos of the failed part; an odometer reading. */
    evidence: z.object({ minPhotos: z.number().int().nonnegative(), odometerRequired: z.boolean() }).strict().optional(),
    /** A job whose claimed parts exceed the threshold needs a pre-authorisation (pended AC without one). No block: none needed. */
    preAuthorisation: z.object({ thresholdFen: fen }).strict().optional(),
    localStandards: z.array(
      z
        .object({
          region: z.string().min(1),
          category: z.string().min(1),
          months: z.number().int().positive().optional(),
          km: z.number().int().positive().nullable().optional(),
          note: z.string().optional(),
        })
        .strict(),
    ),
  })
  .strict();

export type PolicyFile = z.infer<typeof policyFileSchema>;
export type PartEntry = PolicyFile['parts'][number];
export type ComponentEntry = PolicyFile['components'][string];
export type LiableParty = { type: (typeof LIABLE_PARTY_TYPES)[number]; id?: string | undefined };
