import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { jsonResponse, pathParam, registerOperation } from '../app/openapi-helpers.js';
import { productLineListSchema, productLineQuerySchema, productLineVocabularySchema } from './product-line-schema.js';

const EVERY_ROLE = ['dealer', 'auditor', 'policy-owner'] as const;

/** The product-line vocabulary endpoints in the OpenAPI document. */
export function registerProductLinePaths(registry: OpenAPIRegistry): void {
  const List = registry.register('ProductLineList', productLineListSchema);
  const Vocabulary = registry.register('ProductLineVocabulary', productLineVocabularySchema);
  registerOperation(registry, {
    method: 'get', path: '/v1/reason-codes', operationId: 'listReasonCodes', roles: EVERY_ROLE,
    summary: 'Every reason code with its message in Chinese and English (rules/reason-codes.json)',
    responses: { 200: jsonResponse(z.object({ items: z.array(z.object({ code: z.string(), message: z.object({ en: z.string(), zh: z.string() }) })) }).openapi('ReasonCodeList'), 'the reason codes') },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/product-lines', operationId: 'listProductLines', roles: EVERY_ROLE,
    summary: 'The product lines, their policy and rule set versions',
    responses: { 200: jsonResponse(List, 'every product line') },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/product-lines/{id}', operationId: 'getProductLine', roles: EVERY_ROLE,
    summary: "A product line's closed vocabulary on a date: components with their failure modes, causes, part numbers, labour operations",
    description: 'Claims, corrections and pre-checks naming a value not listed here are refused with 422 unknown-vocabulary.',
    params: z.object({ id: pathParam('the product line, e.g. nev-special-vehicle') }),
    query: productLineQuerySchema,
    responses: { 200: jsonResponse(Vocabulary, 'the vocabulary of the policy in force on the date (default today)') },
    errors: { 404: 'no such product line, or no policy in force on the date' },
  });
}
