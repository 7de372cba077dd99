import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { pageOf } from '../app/response-schemas.js';
import { jsonResponse, pathParam, registerOperation } from '../app/openapi-helpers.js';
import { draftSchema, ruleSetListQuerySchema } from './rule-set-routes.js';

export const ruleFileProblemSchema = z
  .object({ severity: z.enum(['error', 'warning']), file: z.string(), line: z.number().int(), column: z.number().int(), path: z.string(), message: z.string() })
  .openapi('RuleFileProblem');

const ref = z.object({ id: z.string(), version: z.string(), hash: z.string() });
const storedVersion = z.object({
  kind: z.enum(['rule-set', 'policy']), id: z.string(), version: z.string(), productLine: z.string(),
  effective: z.object({ from: z.string(), to: z.string().nullable() }), hash: z.string(), firstLoadedAt: z.string(),
});

export const reloadResultSchema = z
  .object({
    status: z.enum(['reloaded', 'unchanged', 'rejected']),
    errors: z.array(ruleFileProblemSchema),
    warnings: z.array(ruleFileProblemSchema),
    failedCases: z.array(z.object({ file: z.string(), name: z.string(), failures: z.array(z.string()) })),
    ruleSets: z.array(ref),
  })
  .openapi('ReloadResult');

const ruleSetCasesSchema = z
  .object({
    id: z.string(), version: z.string(), hash: z.string(), passed: z.number().int(), failed: z.number().int(),
    cases: z.array(z.object({ file: z.string(), name: z.string(), passed: z.boolean(), failures: z.array(z.string()), firedRules: z.array(z.string()) })),
  })
  .openapi('RuleSetCases');

const ruleCoverageSchema = z
  .object({
    id: z.string(), version: z.string(), hash: z.string(),
    cases: z.number().int().openapi({ description: "the rule set's cases run" }),
    decisions: z.number().int().openapi({ description: 'the stored decisions (latest version of each claim) made by this rule set version' }),
    rules: z.array(z.object({ rule: z.string(), priority: z.number().int(), event: z.string(), firedInCases: z.number().int(), firedInDecisions: z.number().int() })),
  })
  .openapi('RuleCoverage');

const draftExample = { files: [{ path: 'rules/nev-special-vehicle/2021-01-01.json', text: '{ … the edited rule set … }' }], overlay: true };

export function registerRulesetsPaths(registry: OpenAPIRegistry): void {
  registerOperation(registry, {
    method: 'get', path: '/v1/rulesets', operationId: 'listRuleSets', roles: ['policy-owner', 'auditor'],
    summary: 'Every rule set and policy version ever loaded, and whether it is in force',
    query: ruleSetListQuerySchema,
    responses: { 200: jsonResponse(pageOf(storedVersion.extend({ loaded: z.boolean() })).openapi('RuleSetVersions'), 'a page: rule sets, then policies, by id and version') },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/rulesets/{id}/{version}', operationId: 'getRuleSet', roles: ['policy-owner', 'auditor'],
    summary: 'The stored content of a rule set or policy version (the one a decision names)',
    params: z.object({ id: pathParam('rule set or policy id'), version: pathParam('its version') }),
    query: z.object({ hash: z.string().optional().openapi({ description: 'only the content with this hash' }) }),
    responses: { 200: jsonResponse(z.object({ id: z.string(), version: z.string(), files: z.array(z.object({ kind: z.enum(['rule-set', 'policy']), hash: z.string(), firstLoadedAt: z.string(), content: z.unknown() })) }).openapi('RuleSetContent'), 'the files of that version') },
    errors: { 404: 'no such rule set or policy version' },
  });
  const ruleSetParams = z.object({ id: pathParam('rule set id'), version: pathParam('its version') });
  registerOperation(registry, {
    method: 'get', path: '/v1/rulesets/{id}/{version}/cases', operationId: 'getRuleSetCases', roles: ['policy-owner', 'auditor'],
    summary: "The rule set's shipped rule cases (rules/<line>/cases/*.json) run on the rule book in force: each one passed or not, why not, and the rules it fired",
    params: ruleSetParams,
    responses: { 200: jsonResponse(ruleSetCasesSchema, 'one entry per case of this rule set') },
    errors: { 404: 'no rule set with that id and version in force' },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/rulesets/{id}/{version}/coverage', operationId: 'getRuleSetCoverage', roles: ['policy-owner', 'auditor'],
    summary: 'Rule coverage: per rule, in how many of its rule cases and of the stored decisions (latest versions) it fired',
    params: ruleSetParams,
    responses: { 200: jsonResponse(ruleCoverageSchema, 'every rule of the rule set, in file order') },
    errors: { 404: 'no rule set with that id and version in force' },
  });
  const Draft = registry.register('Draft', draftSchema);
  registerOperation(registry, {
    method: 'post', path: '/v1/rulesets/validate', operationId: 'validateDraft', roles: ['policy-owner'],
    summary: 'Validate draft rule or policy files (over the rule book in force, or alone)',
    body: { schema: Draft, example: draftExample },
    responses: { 200: jsonResponse(z.object({ valid: z.boolean(), errors: z.number().int(), warnings: z.number().int(), problems: z.array(ruleFileProblemSchema) }).openapi('DraftValidation'), 'each problem with file, line, column and JSON path') },
  });
  registerOperation(registry, {
    method: 'post', path: '/v1/rulesets/reload', operationId: 'reloadRuleBook', roles: ['policy-owner'],
    summary: 'Reload the rule book from RULES_DIR and POLICIES_DIR (files, validation, rule cases)',
    responses: { 200: jsonResponse(reloadResultSchema, 'reloaded or unchanged'), 422: jsonResponse(reloadResultSchema, 'rejected: the rule book in force stays') },
  });
}
