import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { jsonResponse, pathParam, registerOperation } from '../app/openapi-helpers.js';
import { backtestRequestSchema } from './backtest-routes.js';

const outcome = z.object({ status: z.string(), approvedFen: z.number().int(), reasons: z.array(z.string()) });
const delta = { beforeFen: z.number().int(), afterFen: z.number().int(), deltaFen: z.number().int() };

export const backtestReportSchema = z
  .object({
    period: z.object({ from: z.string().optional(), to: z.string().optional(), productLine: z.string().optional() }),
    draft: z.array(z.object({ id: z.string(), version: z.string(), hash: z.string() })),
    editedRules: z.array(z.object({ ruleSet: z.string(), rule: z.string(), change: z.enum(['added', 'removed', 'changed']) })),
    claims: z.number().int(),
    changed: z.number().int(),
    transitions: z.record(z.string(), z.number().int()).openapi({ description: '"before→after" status: count' }),
    byReasonCode: z.record(z.string(), z.object({ added: z.number().int(), removed: z.number().int() })),
    byRule: z.record(z.string(), z.number().int()),
    payoutDelta: z.object({
      totalFen: z.number().int(),
      byParty: z.array(z.object({ type: z.string(), id: z.string().optional(), ...delta })),
      byStation: z.array(z.object({ stationId: z.string(), ...delta })),
    }),
    changes: z.array(z.object({
      claimNumber: z.string(), stationId: z.string(), unitId: z.string().nullable(), before: outcome, after: outcome, deltaFen: z.number().int(),
      rules: z.array(z.object({ rule: z.string(), jobId: z.string(), before: z.boolean().nullable(), after: z.boolean().nullable(), trace: z.unknown() })),
    })),
    elapsedMs: z.number(),
  })
  .openapi('BacktestReport');

export const backtestRunSchema = z
  .object({
    id: z.string(),
    status: z.enum(['running', 'done', 'failed']),
    period: z.object({ from: z.string().optional(), to: z.string().optional(), productLine: z.string().optional() }),
    requestedBy: z.string(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    progress: z.object({ claims: z.number().int().openapi({ description: 'claims re-decided so far' }), total: z.number().int().nullable().openapi({ description: 'claims of the period; null until counted' }) }),
    report: backtestReportSchema.nullable().openapi({ description: 'the report, once done' }),
    error: z.string().nullable(),
  })
  .openapi('BacktestRun');

export function registerBacktestPaths(registry: OpenAPIRegistry): void {
  registerOperation(registry, {
    method: 'post', path: '/v1/backtests', operationId: 'runBacktest', roles: ['policy-owner'],
    summary: 'What a draft rule book would change on the stored claims (JSON, or CSV with format: csv or Accept: text/csv)',
    description: 'With `Prefer: respond-async` the backtest runs in the background: the answer is 202 with the run, whose `Location` (`GET /v1/backtests/{id}`) gives its progress and, once done, its report. A run lives in memory for an hour.',
    headers: z.object({ prefer: z.string().optional().openapi({ description: '`respond-async`: answer 202 at once and run in the background' }) }),
    body: { schema: registry.register('BacktestRequest', backtestRequestSchema), example: { files: [{ path: 'rules/nev-special-vehicle/2021-01-01.json', text: '{ … }' }], from: '2026-01-01', to: '2026-03-31', productLine: 'nev-special-vehicle' } },
    responses: {
      200: { description: 'the report', content: { 'application/json': { schema: backtestReportSchema }, 'text/csv': { schema: z.string().openapi({ description: 'one row per changed claim' }) } } },
      202: { ...jsonResponse(backtestRunSchema, 'with Prefer: respond-async: the run, started'), headers: { Location: { description: '/v1/backtests/{id}', schema: { type: 'string' } } } },
    },
    errors: { 422: 'the draft has errors (`rule-files-invalid`): each problem with file, line and column', 429: 'too many backtests running: see Retry-After' },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/backtests/{id}', operationId: 'getBacktestRun', roles: ['policy-owner'],
    summary: 'A backtest started with Prefer: respond-async: its progress, and its report once done (CSV with Accept: text/csv)',
    params: z.object({ id: pathParam('the id of the run') }),
    responses: { 200: { description: 'the run', content: { 'application/json': { schema: backtestRunSchema }, 'text/csv': { schema: z.string().openapi({ description: 'once done: one row per changed claim' }) } } } },
    errors: { 404: 'no such run (or it finished more than an hour ago, or the service restarted)' },
  });
}
