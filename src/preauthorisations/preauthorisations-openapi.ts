import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { pageOf } from '../app/response-schemas.js';
import { demoExample, jsonResponse, pathParam, registerOperation } from '../app/openapi-helpers.js';
import { preAuthorisationRequestSchema, preAuthorisationSchema } from './preauthorisation-schema.js';
import { preAuthorisationListQuerySchema } from './preauthorisation-routes.js';


export function registerPreauthorisationsPaths(registry: OpenAPIRegistry): void {
  const example = demoExample('preauthorisation-battery.json');
  registerOperation(registry, {
    method: 'post', path: '/v1/preauthorisations', operationId: 'issuePreAuthorisation', roles: ['auditor'],
    summary: 'Issue a pre-authorisation: unit, component, amount limit, validity',
    body: { schema: preAuthorisationRequestSchema, example },
    responses: { 201: jsonResponse(preAuthorisationSchema, 'issued; Location names it') },
    errors: { 404: 'no such unit', 409: 'the number given is already issued (`preauthorisation-exists`)' },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/preauthorisations/{number}', operationId: 'getPreAuthorisation', roles: ['auditor'],
    summary: 'A pre-authorisation as issued',
    params: z.object({ number: pathParam('the pre-authorisation number') }),
    responses: { 200: jsonResponse(preAuthorisationSchema, 'as issued') },
    errors: { 404: 'no such number' },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/preauthorisations', operationId: 'listPreAuthorisations', roles: ['auditor'],
    summary: 'The pre-authorisations of a unit, oldest first',
    description: 'The items are what `warranty adjudicate --preauthorisations` takes (the whole answer or its items).',
    query: preAuthorisationListQuerySchema,
    responses: { 200: jsonResponse(pageOf(preAuthorisationSchema).openapi('PreAuthorisationPage'), 'a page of the unit\'s pre-authorisations, oldest first') },
  });
}
