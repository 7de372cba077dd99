import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { jsonResponse, registerOperation } from './openapi-helpers.js';

/** The routes the app itself serves: health, readiness, this document and its page. */
export function registerAppPaths(registry: OpenAPIRegistry): void {
  registerOperation(registry, {
    method: 'get', path: '/healthz', operationId: 'getHealth', roles: 'public',
    summary: 'Liveness: the process answers',
    responses: { 200: jsonResponse(z.object({ status: z.literal('ok') }).openapi('Health'), 'alive') },
  });
  registerOperation(registry, {
    method: 'get', path: '/readyz', operationId: 'getReadiness', roles: 'public',
    summary: 'Readiness: the database answers and a rule book is loaded',
    responses: {
      200: jsonResponse(
        z.object({ status: z.literal('ready'), database: z.enum(['postgres', 'embedded']), ruleSets: z.array(z.object({ id: z.string(), version: z.string(), hash: z.string() })) }).openapi('Readiness'),
        'ready, with each rule set in force and its hash',
      ),
    },
    errors: { 503: 'the database is not reachable or no rule set is loaded (`not-ready`)' },
  });
  registerOperation(registry, {
    method: 'get', path: '/openapi.json', operationId: 'getOpenApiDocument', roles: 'public',
    summary: 'This document (OpenAPI 3.1)',
    responses: { 200: jsonResponse(z.object({ openapi: z.string() }).catchall(z.unknown()), 'the document') },
  });
  registerOperation(registry, {
    method: 'get', path: '/metrics', operationId: 'getMetrics', roles: 'public',
    summary: 'Prometheus metrics (text exposition format)',
    description: 'HTTP durations by route and status, decisions by product line, status and reason code, the rule book in force (info), the database pool, reloads, backtests and the process defaults. Keep it behind the load balancer: it needs no key.',
    responses: { 200: { description: 'metrics', content: { 'text/plain': { schema: z.string(), example: 'warranty_decisions_total{product_line="nev-special-vehicle",status="adjusted"} 1' } } } },
  });
  registerOperation(registry, {
    method: 'get', path: '/docs', operationId: 'getDocsPage', roles: 'public',
    summary: 'The API docs page (Swagger UI, served by the app, grouped by audience)',
    responses: { 200: { description: 'HTML', content: { 'text/html': { schema: z.string() } } } },
  });
}
