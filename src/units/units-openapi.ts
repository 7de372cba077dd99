import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { unitSchema } from './unit-schema.js';
import { demoExample, jsonResponse, pathParam, registerOperation } from '../app/openapi-helpers.js';

const fieldProblem = z.object({ path: z.string(), message: z.string() });

export const unitImportReportSchema = z
  .object({
    format: z.enum(['csv', 'jsonl']),
    received: z.number().int(),
    created: z.number().int(),
    rejected: z.number().int(),
    rows: z.array(z.object({ row: z.number().int(), unitId: z.string().optional(), status: z.enum(['created', 'rejected']), errors: z.array(fieldProblem).optional() })),
  })
  .openapi('UnitImportReport');

const historyEntry = z.object({
  claimNumber: z.string(),
  stationId: z.string(),
  failureDate: z.string(),
  repairDate: z.string(),
  odometerKm: z.number().int().nullable(),
  jobs: z.array(z.object({ jobId: z.string(), component: z.string(), partNumbers: z.array(z.string()), covered: z.boolean(), preAuthorisationNumber: z.string().optional() })),
});

export function registerUnitsPaths(registry: OpenAPIRegistry): void {
  const Unit = registry.register('Unit', unitSchema);
  // The unit as the service answers with it: a distinct component, so the request's strictness does not bind responses.
  const UnitRecord = registry.register('UnitRecord', unitSchema.extend({}));
  const example = demoExample('units.jsonl');
  registerOperation(registry, {
    method: 'post', path: '/v1/units', operationId: 'registerUnit', roles: ['auditor'],
    summary: 'Register a unit (vehicle or e-bike) with its sale date',
    body: { schema: Unit, example },
    responses: { 201: jsonResponse(UnitRecord, 'registered; Location names the unit', example) },
    errors: { 409: 'the unit id, VIN, frame serial or serial number is already registered (`unit-exists`)' },
  });
  registerOperation(registry, {
    method: 'post', path: '/v1/units/import', operationId: 'importUnits', roles: ['auditor'],
    summary: 'Bulk import units (CSV with a header row, or JSON lines) with a per-row report',
    description: 'Rows that fail are reported and skipped; the others are registered. Up to 20 MB.',
    body: {
      content: {
        'text/csv': { schema: z.string().openapi({ description: 'a header row with the Unit field names, then one unit per row' }), example: 'unitId,productLine,model,vin,saleDate,region\nNEV-0900,nev-special-vehicle,BL5180JSQ,LB9BL518XM0000900,2025-01-10,CN-HB\n' },
        'application/x-ndjson': { schema: z.string().openapi({ description: 'one Unit as JSON per line' }), example: `${JSON.stringify(example)}\n` },
      },
    },
    responses: { 200: jsonResponse(unitImportReportSchema, 'what happened to each row') },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/units/{unitId}', operationId: 'getUnit', roles: ['auditor', 'dealer'],
    summary: 'A unit and its claim history (a dealer sees its own station\'s claims)',
    params: z.object({ unitId: pathParam('the unit id') }),
    responses: { 200: jsonResponse(UnitRecord.extend({ claims: z.array(historyEntry) }).openapi('UnitWithHistory'), 'the unit and its claims') },
    errors: { 404: 'no such unit' },
  });
}
