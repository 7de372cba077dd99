import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { problemSchema } from '../app/response-schemas.js';
import { productLineListSchema, productLineQuerySchema, productLineVocabularySchema } from './product-line-schema.js';

/** The product-line vocabulary endpoints in the OpenAPI document. */
export function registerProductLinePaths(registry: OpenAPIRegistry): void {
  const List = registry.register('ProductLineList', productLineListSchema);
  const Vocabulary = registry.register('ProductLineVocabulary', productLineVocabularySchema);
  const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });
  const common = {
    401: problem('missing or unknown API key'),
    403: problem('the key\'s role does not allow this'),
  };
  registry.registerPath({
    method: 'get',
    path: '/v1/product-lines',
    summary: 'The product lines, their policy and rule set versions (every role)',
    security: [{ bearer: [] }],
    responses: { 200: { description: 'every product line', content: { 'application/json': { schema: List } } }, ...common },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/product-lines/{id}',
    summary: 'A product line\'s closed vocabulary on a date: components with their failure modes, causes, part numbers, labour operations (every role)',
    description: 'Claims, corrections and pre-checks naming a value not listed here are refused with 422 unknown-vocabulary.',
    security: [{ bearer: [] }],
    request: { params: z.object({ id: z.string() }), query: productLineQuerySchema },
    responses: {
      200: { description: 'the vocabulary of the policy in force on the date (default today)', content: { 'application/json': { schema: Vocabulary } } },
      400: problem('the date is not an ISO date'),
      404: problem('no such product line, or no policy in force on the date'),
      ...common,
    },
  });
}
