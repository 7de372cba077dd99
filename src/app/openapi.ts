import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { claimSchema } from '../claims/claim-schema.js';
import { claimListQuerySchema } from '../claims/claim-routes.js';
import { unitSchema } from '../units/unit-schema.js';
import { eligibilityBatchSchema, eligibilityRequestSchema } from '../eligibility/eligibility-schema.js';
import { createKeySchema } from '../keys/key-routes.js';
import { decisionSchema, eligibilityResponseSchema, problemSchema } from './response-schemas.js';
import { preAuthorisationRequestSchema, preAuthorisationSchema } from '../preauthorisations/preauthorisation-schema.js';
import { registerProductLinePaths } from '../product-lines/product-line-openapi.js';


type Method = 'get' | 'post' | 'delete';

/** The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with. */
export function buildOpenApiDocument(): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'API key: Authorization: Bearer <key>' });
  const Claim = registry.register('Claim', claimSchema);
  const Unit = registry.register('Unit', unitSchema);
  const Decision = registry.register('Decision', decisionSchema);
  const Problem = registry.register('Problem', problemSchema);
  const EligibilityRequest = registry.register('EligibilityRequest', eligibilityRequestSchema);
  const Eligibility = registry.register('Eligibility', eligibilityResponseSchema);

  const problems = {
    400: { description: 'invalid request: each field path and what is wrong', content: { 'application/problem+json': { schema: Problem } } },
    401: { description: 'missing or unknown API key', content: { 'application/problem+json': { schema: Problem } } },
    403: { description: 'the key\'s role or station does not allow this', content: { 'application/problem+json': { schema: Problem } } },
  };
  const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
  const path = (method: Method, route: string, summary: string, extra: Record<string, unknown>) =>
    registry.registerPath({ method, path: route, summary, security: [{ bearer: [] }], ...(extra as object), responses: { ...problems, ...(extra.responses as object) } } as Parameters<OpenAPIRegistry['registerPath']>[0]);

  path('post', '/v1/units', 'Register a unit', { request: { body: { content: { 'application/json': { schema: Unit } } } }, responses: { 201: json(Unit, 'registered'), 409: json(Problem, 'already registered') } });
  path('post', '/v1/units/import', 'Bulk import units (CSV with header, or JSON lines) with a per-row report', { request: { body: { content: { 'text/csv': { schema: z.string() }, 'application/x-ndjson': { schema: z.string() } } } }, responses: { 200: json(z.object({ received: z.number(), created: z.number(), rejected: z.number(), rows: z.array(z.unknown()) }), 'per-row report') } });
  path('get', '/v1/units/{unitId}', 'A unit and its claim history', { request: { params: z.object({ unitId: z.string() }) }, responses: { 200: json(Unit, 'the unit'), 404: json(Problem, 'unknown unit') } });
  path('post', '/v1/claims', 'Submit a claim; returns its decision', { request: { body: { content: { 'application/json': { schema: Claim } } } }, responses: { 201: json(Decision, 'decided'), 200: json(Decision, 'the same body again: the stored decision'), 409: json(Problem, 'the claim number is taken by a different body'), 422: json(Problem, 'unknown-vocabulary (see GET /v1/product-lines/{id}) or number-out-of-bounds, per field path; nothing stored') } });
  path('get', '/v1/claims', 'List claims', { request: { query: claimListQuerySchema }, responses: { 200: json(z.object({ items: z.array(z.unknown()), nextCursor: z.string().nullable() }), 'a page of claims') } });
  path('get', '/v1/claims/{claimNumber}', 'The latest decision of a claim and its versions', { request: { params: z.object({ claimNumber: z.string() }), query: z.object({ stationId: z.string().optional() }) }, responses: { 200: json(Decision, 'latest decision'), 404: json(Problem, 'unknown claim') } });
  path('post', '/v1/eligibility', 'Pre-check eligibility per component (read-only)', { request: { body: { content: { 'application/json': { schema: EligibilityRequest } } } }, responses: { 200: json(Eligibility, 'per component'), 404: json(Problem, 'unknown unit'), 422: json(Problem, 'unknown-vocabulary or number-out-of-bounds, per field path') } });
  path('post', '/v1/eligibility/batch', 'Pre-check up to 100 units', { request: { body: { content: { 'application/json': { schema: eligibilityBatchSchema } } } }, responses: { 200: json(z.object({ results: z.array(z.unknown()) }), 'one result per request') } });
  const PreAuthorisation = registry.register('PreAuthorisation', preAuthorisationSchema);
  path('post', '/v1/preauthorisations', 'Issue a pre-authorisation (auditor): unit, component, amount limit, validity', { request: { body: { content: { 'application/json': { schema: preAuthorisationRequestSchema } } } }, responses: { 201: json(PreAuthorisation, 'issued'), 404: json(Problem, 'unknown unit'), 409: json(Problem, 'the number given is already issued') } });
  path('get', '/v1/preauthorisations/{number}', 'A pre-authorisation', { request: { params: z.object({ number: z.string() }) }, responses: { 200: json(PreAuthorisation, 'as issued'), 404: json(Problem, 'unknown number') } });
  path('get', '/v1/preauthorisations', 'The pre-authorisations of a unit', { request: { query: z.object({ unitId: z.string() }) }, responses: { 200: json(z.object({ items: z.array(PreAuthorisation) }), 'oldest first') } });
  path('post', '/v1/keys', 'Create an API key (admin); the key is shown once', { request: { body: { content: { 'application/json': { schema: createKeySchema } } } }, responses: { 201: json(z.object({ id: z.number(), key: z.string(), role: z.string() }), 'the new key') } });
  registerProductLinePaths(registry);

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Warranty adjudication API', version: '1', description: 'Declarative JSON rule sets decide warranty claims. Money is integer fen; dates are ISO YYYY-MM-DD.' },
    servers: [{ url: '/' }],
  });
}
