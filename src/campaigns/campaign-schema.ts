import { z } from '../zod.js';
import { isoDateSchema } from '../claims/claim-schema.js';

const fen = z.number().int('money is an integer number of fen').nonnegative();
export const campaignCodeSchema = z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'campaign codes are upper case letters, digits and hyphens, e.g. RC-2026-001');

const dateRangeSchema = z
  .object({ from: isoDateSchema, to: isoDateSchema })
  .refine((r) => r.from < r.to, { message: 'a range is half-open [from, to): from must be before to', path: ['from'] });

export const campaignAffectedSchema = z.discriminatedUnion('by', [
  z
    .object({
      by: z.literal('units'),
      vins: z.array(z.string().min(1).max(32)).max(10_000).default([]),
      serialNumbers: z.array(z.string().min(1).max(64)).max(10_000).default([]),
    })
    .refine((a) => a.vins.length + a.serialNumbers.length > 0, { message: 'name at least one VIN or serial number', path: ['vins'] }),
  z
    .object({
      by: z.literal('range'),
      /** The models affected; empty: every model of the product line. */
      models: z.array(z.string().min(1).max(64)).max(100).default([]),
      productionDate: dateRangeSchema.optional(),
      saleDate: dateRangeSchema.optional(),
    })
    .refine((a) => a.productionDate !== undefined || a.saleDate !== undefined, { message: 'a range names a production-date or a sale-date range', path: ['productionDate'] }),
]);

const liableSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('manufacturer') }),
  z.object({ type: z.literal('supplier'), id: z.string().min(1).max(64) }),
]);

export const campaignTermsSchema = z
  .object({
    operationCode: z.string().min(1).max(64),
    labourHours: z.number().positive().max(1000),
    /** The campaign's labour rate; absent or null: the repair-date policy's rate for the station. */
    labourRateFen: fen.nullable().default(null),
    parts: z.discriminatedUnion('mode', [
      z
        .object({
          mode: z.literal('listed'),
          items: z.array(z.object({ partNumber: z.string().min(1).max(64), quantity: z.number().int().positive(), unitPriceFen: fen })).min(1).max(100),
        })
        ,
      z.object({ mode: z.literal('as-claimed'), capFen: fen }),
    ]),
    liableParty: liableSchema,
  })
  ;

const definitionFields = {
  title: z.string().trim().min(3).max(200),
  affected: campaignAffectedSchema,
  terms: campaignTermsSchema,
  note: z.string().trim().min(3, 'say why: a campaign version is never recorded without a note').max(4000),
};

export const newCampaignSchema = z
  .object({
    code: campaignCodeSchema,
    kind: z.enum(['recall', 'service-action']),
    productLine: z.string().regex(/^[a-z0-9-]+$/, 'product lines are kebab-case'),
    ...definitionFields,
    /** The day the campaign opens (its first step). */
    opensOn: isoDateSchema,
  })
  ;

export const campaignVersionSchema = z.object(definitionFields);

export const campaignStepSchema = z
  .object({ step: z.enum(['opened', 'closed']), on: isoDateSchema, note: z.string().trim().min(3).max(4000) })
  ;

export const campaignParamsSchema = z.object({ code: campaignCodeSchema });
export const campaignReportQuerySchema = z.object({ format: z.enum(['json', 'csv']).optional() });

export type NewCampaign = z.infer<typeof newCampaignSchema>;
export type CampaignVersionInput = z.infer<typeof campaignVersionSchema>;
export type CampaignStepInput = z.infer<typeof campaignStepSchema>;
