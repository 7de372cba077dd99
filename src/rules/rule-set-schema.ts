import { z } from '../zod.js';
import { OPERATORS } from './operators/index.js';
import { FACT_NAMES } from '../adjudication/job-facts.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date YYYY-MM-DD');

export const EVENT_TYPES = ['term', 'deny', 'pend', 'remedy', 'comeback'] as const;

const factReference = z.object({ fact: z.enum(FACT_NAMES), path: z.string().optional(), params: z.record(z.string(), z.unknown()).optional() }).strict();

export const leafConditionSchema = z
  .object({
    fact: z.enum(FACT_NAMES),
    operator: z.enum(OPERATORS as [string, ...string[]]),
    value: z.union([factReference, z.unknown()]),
    path: z.string().regex(/^\$\./, 'a path starts with $.').optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    name: z.string().optional(),
    priority: z.number().int().positive().optional(),
  })
  .strict();

export type ConditionNode =
  | z.infer<typeof leafConditionSchema>
  | { all: ConditionNode[]; name?: string | undefined; priority?: number | undefined }
  | { any: ConditionNode[]; name?: string | undefined; priority?: number | undefined }
  | { not: ConditionNode; name?: string | undefined; priority?: number | undefined }
  | { condition: string; name?: string | undefined; priority?: number | undefined };

export const conditionSchema: z.ZodType<ConditionNode> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(conditionSchema), name: z.string().optional(), priority: z.number().int().positive().optional() }).strict(),
    z.object({ any: z.array(conditionSchema), name: z.string().optional(), priority: z.number().int().positive().optional() }).strict(),
    z.object({ not: conditionSchema, name: z.string().optional(), priority: z.number().int().positive().optional() }).strict(),
    z.object({ condition: z.string(), name: z.string().optional(), priority: z.number().int().positive().optional() }).strict(),
    leafConditionSchema,
  ]),
);

const topLevelConditionSchema: z.ZodType<ConditionNode> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(conditionSchema) }).passthrough(),
    z.object({ any: z.array(conditionSchema) }).passthrough(),
    z.object({ not: conditionSchema }).passthrough(),
    z.object({ condition: z.string() }).passthrough(),
  ]) as z.ZodType<ConditionNode>,
);

const termParams = z
  .object({
    term: z.string().min(1),
    months: z.number().int().positive().optional(),
    days: z.number().int().positive().optional(),
    km: z.number().int().positive().optional(),
  })
  .strict()
  .refine((t) => (t.months === undefined) !== (t.days === undefined), 'a term states exactly one of months or days');

const codeParams = z.object({ code: z.string().min(1), exclusion: z.string().optional() }).strict();

export const ruleEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('term'), params: termParams }).strict(),
  z.object({ type: z.literal('deny'), params: codeParams }).strict(),
  z.object({ type: z.literal('pend'), params: codeParams }).strict(),
  z.object({ type: z.literal('comeback'), params: z.object({ code: z.string().min(1) }).strict() }).strict(),
  z
    .object({
      type: z.literal('remedy'),
      params: z.object({ remedy: z.enum(['replace', 'exchange-or-refund']), code: z.string().min(1), pend: z.boolean().optional() }).strict(),
    })
    .strict(),
]);

export const ruleSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'rule names are lower-case, dot-separated'),
    priority: z.number().int().positive(),
    conditions: topLevelConditionSchema,
    event: ruleEventSchema,
  })
  .strict();

export const ruleSetFileSchema = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1),
    productLine: z.string().regex(/^[a-z0-9-]+$/, 'product lines are kebab-case'),
    effective: z.object({ from: isoDate, to: isoDate.nullable().optional() }).strict(),
    description: z.string().optional(),
    conditions: z.record(z.string(), conditionSchema).default({}),
    rules: z.array(ruleSchema).min(1),
  })
  .strict();

export type RuleSetFile = z.infer<typeof ruleSetFileSchema>;
export type RuleDefinition = z.infer<typeof ruleSchema>;
export type RuleEvent = z.infer<typeof ruleEventSchema>;
export type TermParams = z.infer<typeof termParams>;

export const reasonCatalogueSchema = z.record(
  z.string().regex(/^([A-Z]{2,3}|WA-[A-Z-]+)$/, 'X12 1172 codes, or own codes prefixed WA-'),
  z.object({ en: z.string().min(1), zh: z.string().min(1) }).strict(),
);
export type ReasonCatalogue = z.infer<typeof reasonCatalogueSchema>;
