import { z } from '../zod.js';
import { OPERATORS } from './operators/index.js';
import { FACT_NAMES } from '../adjudication/job-facts.js';
import { didYouMean } from './validation/suggest.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date YYYY-MM-DD');

export const EVENT_TYPES = ['term', 'deny', 'pend', 'remedy', 'comeback'] as const;

const CONDITION_KEYS = ['all', 'any', 'not', 'condition', 'fact', 'operator', 'value', 'path', 'params', 'name', 'priority'];

export type ConditionNode =
  | { fact: string; operator: string; value: unknown; path?: string; params?: Record<string, unknown>; name?: string; priority?: number }
  | { all: ConditionNode[]; name?: string; priority?: number }
  | { any: ConditionNode[]; name?: string; priority?: number }
  | { not: ConditionNode; name?: string; priority?: number }
  | { condition: string; name?: string; priority?: number };

type Issue = { path: Array<string | number>; message: string };

/**
 * Checks a condition tree node by node, so a mistake is reported at its own path with a message a
 * policy owner can act on (a zod union would only say "invalid input" at the top).
 */
export function checkCondition(node: unknown, path: Array<string | number>, namedConditions: readonly string[], issues: Issue[]): void {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    issues.push({ path, message: 'a condition is an object with all, any, not, condition or fact' });
    return;
  }
  const c = node as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    if (!CONDITION_KEYS.includes(key)) issues.push({ path: [...path, key], message: `unknown key "${key}" in a condition${didYouMean(key, CONDITION_KEYS)}` });
  }
  if (c.priority !== undefined && !(Number.isInteger(c.priority) && (c.priority as number) > 0)) issues.push({ path: [...path, 'priority'], message: 'priority is a whole number ≥ 1' });
  for (const group of ['all', 'any'] as const) {
    if (group in c) {
      const children = c[group];
      if (!Array.isArray(children)) issues.push({ path: [...path, group], message: `"${group}" is a list of conditions` });
      else children.forEach((child, i) => checkCondition(child, [...path, group, i], namedConditions, issues));
      return;
    }
  }
  if ('not' in c) return checkCondition(c.not, [...path, 'not'], namedConditions, issues);
  if ('condition' in c) {
    if (typeof c.condition !== 'string' || !namedConditions.includes(c.condition)) {
      issues.push({ path: [...path, 'condition'], message: `unknown named condition "${String(c.condition)}"${didYouMean(String(c.condition), namedConditions)}; named conditions: ${namedConditions.join(', ') || '(none)'}` });
    }
    return;
  }
  if (!('fact' in c)) {
    issues.push({ path, message: 'a condition needs all, any, not, condition, or fact + operator + value' });
    return;
  }
  if (typeof c.fact !== 'string' || !(FACT_NAMES as readonly string[]).includes(c.fact)) {
    issues.push({ path: [...path, 'fact'], message: `unknown fact "${String(c.fact)}"${didYouMean(String(c.fact), FACT_NAMES)}; facts: ${FACT_NAMES.join(', ')}` });
  }
  if (typeof c.operator !== 'string' || !OPERATORS.includes(c.operator)) {
    issues.push({ path: [...path, 'operator'], message: `unknown operator "${String(c.operator)}"${didYouMean(String(c.operator), OPERATORS)}; operators: ${OPERATORS.join(', ')}` });
  }
  if (!('value' in c)) issues.push({ path, message: 'a fact condition needs a value' });
  if (c.path !== undefined && (typeof c.path !== 'string' || !c.path.startsWith('$.'))) issues.push({ path: [...path, 'path'], message: 'a path is a JSONPath starting with $.' });
  const value = c.value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'fact' in value) {
    const ref = (value as { fact: unknown }).fact;
    if (typeof ref !== 'string' || !(FACT_NAMES as readonly string[]).includes(ref)) {
      issues.push({ path: [...path, 'value', 'fact'], message: `unknown fact "${String(ref)}"${didYouMean(String(ref), FACT_NAMES)}; facts: ${FACT_NAMES.join(', ')}` });
    }
  }
  if ((c.operator === 'in' || c.operator === 'notIn') && !Array.isArray(value)) issues.push({ path: [...path, 'value'], message: `operator ${c.operator} compares with a list` });
  if ((c.operator === 'withinDays' || c.operator === 'withinMonths') && !(Number.isInteger(value) && (value as number) > 0)) issues.push({ path: [...path, 'value'], message: `operator ${c.operator} takes a whole number of ${c.operator === 'withinDays' ? 'days' : 'months'}` });
}

const conditionNodeSchema = z.custom<ConditionNode>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { message: 'conditions are an object with all, any, not or condition at the top' });

const termParams = z
  .object({
    term: z.string().min(1),
    months: z.number().int().positive().optional(),
    days: z.number().int().positive().optional(),
    km: z.number().int().positive().optional(),
    /** What a covered job under this term gets (default repair): 004 §7.1's 调换 / 更换 is `replace`. */
    remedy: z.enum(['repair', 'replace']).optional(),
  })
  .strict()
  .refine((t) => (t.months === undefined) !== (t.days === undefined), 'a term states exactly one of months or days');

const codeParams = z.object({ code: z.string().min(1), exclusion: z.string().optional() }).strict();
/** A denial may name who bears it: the customer (default) or the filing station (late, duplicate). */
const denyParams = codeParams
  .extend({
    liable: z.enum(['customer', 'service-station']).optional(),
    /** What the customer's paid repair is, e.g. `replace` for an impact-damaged frame (收费更换); default repair. */
    remedy: z.enum(['repair', 'replace']).optional(),
  })
  .strict();

export const ruleEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('term'), params: termParams }).strict(),
  z.object({ type: z.literal('deny'), params: denyParams }).strict(),
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
    /** Why the rule is there, for the people who maintain it (the seed clause it implements). */
    description: z.string().optional(),
    priority: z.number().int().positive(),
    conditions: conditionNodeSchema,
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
    conditions: z.record(z.string(), conditionNodeSchema).default({}),
    rules: z.array(ruleSchema).min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const named = Object.keys(file.conditions);
    const issues: Issue[] = [];
    for (const [name, condition] of Object.entries(file.conditions)) checkCondition(condition, ['conditions', name], named, issues);
    const seen = new Map<string, number>();
    file.rules.forEach((rule, i) => {
      const top = rule.conditions as Record<string, unknown>;
      if (!['all', 'any', 'not', 'condition'].some((k) => k in top)) issues.push({ path: ['rules', i, 'conditions'], message: 'the top of a rule\'s conditions is all, any, not or condition' });
      checkCondition(rule.conditions, ['rules', i, 'conditions'], named, issues);
      if (seen.has(rule.name)) issues.push({ path: ['rules', i, 'name'], message: `rule name ${rule.name} is used twice (also rules[${seen.get(rule.name)}])` });
      seen.set(rule.name, i);
    });
    for (const issue of issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });

export type RuleSetFile = z.infer<typeof ruleSetFileSchema>;
export type RuleDefinition = z.infer<typeof ruleSchema>;
export type RuleEvent = z.infer<typeof ruleEventSchema>;
export type TermParams = z.infer<typeof termParams>;

export const reasonCatalogueSchema = z.record(
  z.string().regex(/^([A-Z]{2,3}|WA-[A-Z-]+)$/, 'X12 1172 codes, or own codes prefixed WA-'),
  z.object({ en: z.string().min(1), zh: z.string().min(1) }).strict(),
);
export type ReasonCatalogue = z.infer<typeof reasonCatalogueSchema>;
