import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { jsonOrCsvResponse, jsonResponse, pathParam, registerOperation } from '../app/openapi-helpers.js';
import { listOf } from '../app/response-schemas.js';
import { returnListQuerySchema, returnReportQuerySchema, returnRequestSchema, returnStepSchema } from './return-routes.js';

const payer = z.object({ party: z.enum(['manufacturer', 'dealer', 'repairer', 'customer']), id: z.string().nullable(), fen: z.number().int(), why: z.string() });
export const returnResponseSchema = z
  .object({
    id: z.number().int(), stationId: z.string(), repairerId: z.string(), unitId: z.string(), productLine: z.string(), saleDate: z.string(),
    kind: z.enum(['exchange', 'refund', 'repair']), reason: z.string(), requestedDate: z.string(),
    invoice: z.object({ number: z.string(), date: z.string(), amountFen: z.number().int() }).nullable(),
    accessories: z.object({ present: z.array(z.string()), missing: z.array(z.string()) }), documentsComplete: z.boolean(),
    note: z.string(), createdBy: z.string(), createdAt: z.string(),
    state: z.object({
      status: z.enum(['requested', 'refused', 'inspection-scheduled', 'inspected', 'approved']), reasonCodes: z.array(z.string()),
      arrivedDate: z.string().nullable(), jointInspectionLastDay: z.string().nullable(), binding: z.enum(['joint-record', 'factory-record']).nullable(),
      defectConfirmed: z.boolean().nullable(), accessoriesMissingAtInspection: z.array(z.string()),
      payers: z.array(payer).openapi({ description: 'who pays what of an approved return, in fen' }),
    }),
    steps: z.array(z.object({ id: z.number().int(), step: z.string(), status: z.string(), onDate: z.string(), details: z.record(z.string(), z.unknown()), note: z.string(), recordedBy: z.string(), recordedAt: z.string() })),
  })
  .openapi('Return');

const params = z.object({ returnId: pathParam('the return request (its id from filing)') });

/** Whole-unit exchange, refund and repair (004 §9, issue 14 item 4). */
export function registerReturnPaths(registry: OpenAPIRegistry): void {
  registerOperation(registry, {
    method: 'post', path: '/v1/returns', operationId: 'fileReturn', roles: ['auditor', 'dealer'],
    summary: 'File an exchange, refund or repair of a sold unit; one that fails 004 §9.1–9.2 (invoice, performance fault, window, completeness) is kept, refused with its reason codes',
    body: { schema: registry.register('ReturnRequest', returnRequestSchema) },
    responses: { 201: jsonResponse(returnResponseSchema, 'the return with its first step: requested, or refused with reasonCodes') },
    errors: {
      409: 'an exchange or refund of a unit that has one open or approved (return-exchange-or-refund-exists, with existingReturnId, existingKind, existingStatus); nothing stored',
      422: 'unknown unit, reason or accessory; an exchange or refund without its invoice; no exchange-and-refund policy; a date in the future or before the sale',
    },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/returns', operationId: 'listReturns', roles: ['auditor', 'dealer'],
    summary: 'Return requests with their state and steps, oldest first (a dealer key sees its own station\'s)',
    query: returnListQuerySchema,
    responses: { 200: jsonResponse(listOf(returnResponseSchema).openapi('ReturnList'), 'the returns') },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/returns/report', operationId: 'getReturnReport', roles: ['auditor'],
    summary: 'Returns decided over a period: each with who pays what, and the totals per party, in fen (JSON or CSV)',
    query: returnReportQuerySchema,
    responses: {
      200: jsonOrCsvResponse(
        z.object({
          period: z.object({ from: z.string(), to: z.string() }), currency: z.literal('CNY'), returns: z.array(returnResponseSchema),
          totals: z.object({ approved: z.number().int(), refused: z.number().int(), manufacturerFen: z.number().int(), dealerFen: z.number().int(), repairerFen: z.number().int(), customerFen: z.number().int(), refundToCustomerFen: z.number().int() }),
        }).openapi('ReturnReport'),
        'the decided returns and their totals',
      ),
    },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/returns/{returnId}', operationId: 'getReturn', roles: ['auditor', 'dealer'],
    summary: 'One return: the request, its state (binding record, who pays what) and every step',
    params, responses: { 200: jsonResponse(returnResponseSchema, 'the return') }, errors: { 404: 'no such return' },
  });
  registerOperation(registry, {
    method: 'post', path: '/v1/returns/{returnId}/steps', operationId: 'appendReturnStep', roles: ['auditor'],
    summary: 'Append a step: inspection scheduled (the unit is back), inspected (who attended; the factory\'s record binds when the dealer missed the deadline), approved (who pays what) or refused (reason code)',
    params, body: { schema: registry.register('ReturnStep', returnStepSchema) },
    responses: { 201: jsonResponse(returnResponseSchema, 'the return with the step appended') },
    errors: {
      404: 'no such return',
      409: 'the step does not follow from the return\'s state (return-step-out-of-order), the joint inspection is still open to the dealer (joint-inspection-open), or the defect was not confirmed (return-defect-not-confirmed)',
      422: 'a date before the arrival or the request, or in the future; an unknown accessory; a repair without its cost',
    },
  });
}
