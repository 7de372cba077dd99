import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { TAGS } from './openapi-helpers.js';
import { registerAppPaths } from './app-openapi.js';
import { registerUnitsPaths } from '../units/units-openapi.js';
import { registerClaimsPaths } from '../claims/claims-openapi.js';
import { registerLifecyclePaths } from '../lifecycle/lifecycle-openapi.js';
import { registerSettlementPaths } from '../settlement/settlement-openapi.js';
import { registerEligibilityPaths } from '../eligibility/eligibility-openapi.js';
import { registerPreauthorisationsPaths } from '../preauthorisations/preauthorisations-openapi.js';
import { registerRulesetsPaths } from '../rulesets/rulesets-openapi.js';
import { registerBacktestPaths } from '../backtest/backtest-openapi.js';
import { registerKeysPaths } from '../keys/keys-openapi.js';
import { registerAuditPaths } from '../audit/audit-openapi.js';
import { registerProductLinePaths } from '../product-lines/product-line-openapi.js';
import { registerConsolePaths } from '../console/console-openapi.js';
import { registerAfterSalesPaths } from '../after-sales/after-sales-openapi.js';
import { registerCampaignPaths } from '../campaigns/campaign-openapi.js';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with. Each
 * feature documents its own routes in `src/<feature>/<feature>-openapi.ts` (one call here per
 * feature) with the house helpers of `openapi-helpers.ts`; a test compares it with the routes served.
 */
export function buildOpenApiDocument(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'API key: Authorization: Bearer <key>' });
  registerAppPaths(registry);
  registerUnitsPaths(registry);
  registerClaimsPaths(registry);
  registerLifecyclePaths(registry);
  registerSettlementPaths(registry);
  registerEligibilityPaths(registry);
  registerPreauthorisationsPaths(registry);
  registerRulesetsPaths(registry);
  registerBacktestPaths(registry);
  registerKeysPaths(registry);
  registerAuditPaths(registry);
  registerProductLinePaths(registry);
  registerConsolePaths(registry);
  registerAfterSalesPaths(registry);
  registerCampaignPaths(registry);

  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Warranty adjudication API',
      version: '1',
      description: 'Declarative JSON rule sets decide warranty claims. Money is integer fen; dates are ISO YYYY-MM-DD. Every error is application/problem+json (RFC 9457) with a stable `code`. Requests are strict: a field the schema does not name is a 400 naming its path; responses may grow.',
    },
    servers: [{ url: '/' }],
    tags: Object.values(TAGS).map((t) => ({ ...t })),
  });
  return strictRequests(document);
}

type Json = Record<string, unknown>;

/**
 * Marks every object schema a request body or parameter reaches `additionalProperties: false`, as
 * parseOr400 enforces. A component reached from both a request and a response would make the
 * response strict too: that is a mistake in a feature's document, so it throws.
 */
function strictRequests(document: OpenApiDocument): OpenApiDocument {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Json>;
  const refName = (node: Json) => (typeof node.$ref === 'string' ? node.$ref.replace('#/components/schemas/', '') : null);
  const reached = (roots: unknown[]): Set<string> => {
    const names = new Set<string>();
    const visit = (node: unknown) => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (typeof node !== 'object' || node === null) return;
      const name = refName(node as Json);
      if (name !== null) {
        if (!names.has(name)) {
          names.add(name);
          visit(schemas[name]);
        }
        return;
      }
      Object.values(node).forEach(visit);
    };
    roots.forEach(visit);
    return names;
  };
  const requestRoots: unknown[] = [];
  const responseRoots: unknown[] = [];
  for (const item of Object.values(document.paths ?? {}) as Json[]) {
    for (const op of Object.values(item) as Json[]) {
      requestRoots.push(op.requestBody, op.parameters);
      responseRoots.push(op.responses);
    }
  }
  const requestNames = reached(requestRoots);
  const both = [...reached(responseRoots)].filter((n) => requestNames.has(n));
  if (both.length > 0) throw new Error(`components used by both requests and responses: ${both.join(', ')}; register a separate response schema`);
  const strict = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(strict);
    if (typeof node !== 'object' || node === null || refName(node as Json) !== null) return;
    const schema = node as Json;
    if (schema.type === 'object' && schema.properties !== undefined && schema.additionalProperties === undefined) schema.additionalProperties = false;
    Object.values(schema).forEach(strict);
  };
  for (const name of requestNames) strict(schemas[name]);
  requestRoots.forEach(strict);
  return document;
}
