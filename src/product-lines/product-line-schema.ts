import { z } from '../zod.js';
import { isoDateSchema } from '../claims/claim-schema.js';
import { TERM_STARTS } from '../policies/policy-schema.js';

const version = z.object({ id: z.string(), version: z.string(), hash: z.string() });

export const productLineQuerySchema = z.object({ date: isoDateSchema.optional() }).strict();

/** One product line's closed vocabulary on a date: what claims and pre-checks may name. */
export const productLineVocabularySchema = z.object({
  productLine: z.string(),
  date: z.string(),
  policy: version,
  ruleSet: version.nullable(),
  timeZone: z.string(),
  /** The unit date every term of the line counts from; a unit without it has its claims pended WA-NO-TERM-START. */
  termStartsAt: z.enum(TERM_STARTS),
  /** How claims and pre-checks name a unit of the line: `vin`, `frameSerial` or `serialNumber`. */
  identifiedBy: z.enum(['vin', 'frameSerial', 'serialNumber']),
  components: z.array(
    z.object({
      component: z.string(),
      category: z.string(),
      electrical: z.boolean(),
      /** The failure modes a claim may name for it. */
      failureModes: z.array(z.string()),
      /** Its term covers any fault: every mode of the line applies. */
      anyFault: z.boolean(),
    }),
  ),
  failureModes: z.array(z.string()),
  causes: z.array(z.string()),
  parts: z.array(z.object({ partNumber: z.string(), component: z.string(), genuine: z.boolean() })),
  labourOperations: z.array(z.object({ operationCode: z.string(), standardHours: z.number(), description: z.string().nullable() })),
});

export const productLineListSchema = z.object({
  items: z.array(
    z.object({
      productLine: z.string(),
      /** The policy and rule set versions, oldest first, with their effective windows. */
      policies: z.array(z.object({ version: z.string(), from: z.string(), to: z.string().nullable() })),
      ruleSets: z.array(z.object({ version: z.string(), from: z.string(), to: z.string().nullable() })),
      vocabulary: z.string(),
    }),
  ),
});

export type ProductLineVocabulary = z.infer<typeof productLineVocabularySchema>;
export type ProductLineList = z.infer<typeof productLineListSchema>;
