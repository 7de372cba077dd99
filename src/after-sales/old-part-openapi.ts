import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { jsonOrCsvResponse, jsonResponse, pathParam, registerOperation } from '../app/openapi-helpers.js';
import { listOf } from '../app/response-schemas.js';
import {
  disposalApprovalSchema, disposalSchema, moveSchema, oldPartListQuerySchema, qualityInspectionSchema, receiptSchema,
  shipmentSchema, stationPeriodQuerySchema, supplierInspectionSchema, unrecoverableSchema,
} from './old-part-routes.js';

const party = z.object({ type: z.string(), id: z.string().optional() });
export const oldPartResponseSchema = z
  .object({
    id: z.number().int(), stationId: z.string(), claimNumber: z.string(), lineId: z.string(), unitId: z.string().nullable(), partNumber: z.string().nullable(),
    party, createdAt: z.string(),
    status: z.object({
      custody: z.enum(['not-received', 'refused', 'in-store', 'shipped-to-supplier', 'disposal-approved', 'disposed', 'unrecoverable']),
      recovery: z.enum(['not-applicable', 'pending', 'accepted', 'disputed', 'rejected']),
      location: z.string().nullable(), faultState: z.string().nullable(), supplierWantsPart: z.boolean(),
      chargedBackTo: z.enum(['manufacturer', 'service-station']).nullable(), refusedFor: z.array(z.string()),
    }),
    steps: z.array(z.object({ id: z.number().int(), step: z.string(), status: z.string(), details: z.record(z.string(), z.unknown()), note: z.string(), recordedBy: z.string(), recordedAt: z.string() })),
  })
  .openapi('OldPart');

export const oldPartReturnsSchema = z
  .object({
    stationId: z.string(), period: z.object({ from: z.string(), to: z.string() }),
    dueParts: z.number().int(), returnedParts: z.number().int(), passedParts: z.number().int(), refusedParts: z.number().int(), unrecoverableParts: z.number().int(),
    returnRatePct: z.number().nullable(), passRatePct: z.number().nullable(), accuracyPct: z.number().nullable(),
    notReturned: z.array(z.object({ claimNumber: z.string(), lineId: z.string() })),
  })
  .openapi('OldPartReturns');

const params = z.object({ oldPartId: pathParam('the old part (its id from the receipt)') });
const outOfOrder = 'the step does not follow from the part\'s status (old-part-step-out-of-order)';

export function registerOldPartPaths(registry: OpenAPIRegistry): void {
  registerOperation(registry, {
    method: 'post', path: '/v1/old-parts', operationId: 'receiveOldPart', roles: ['auditor'],
    summary: 'Receive an old part at the central store; one without its cause tag or repair record is refused (recorded)',
    body: { schema: registry.register('OldPartReceipt', receiptSchema) },
    responses: { 201: jsonResponse(oldPartResponseSchema, 'the old part with its steps: custody in-store, or refused with refusedFor') },
    errors: { 404: 'no such claim or line', 409: 'the part is already received', 422: 'not a part line, or no after-sales policy on the date' },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/old-parts', operationId: 'listOldParts', roles: ['auditor', 'dealer'],
    summary: 'The old-part ledger: parts with their status and steps, oldest first',
    query: oldPartListQuerySchema,
    responses: { 200: jsonResponse(listOf(oldPartResponseSchema).openapi('OldPartList'), 'the parts') },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/old-parts/{oldPartId}', operationId: 'getOldPart', roles: ['auditor', 'dealer'],
    summary: 'One old part: where it is, its fault state, its re-inspection, every step',
    params, responses: { 200: jsonResponse(oldPartResponseSchema, 'the part') }, errors: { 404: 'no such old part' },
  });
  const steps: Array<[string, string, string, z.ZodType, string]> = [
    ['moves', 'moveOldPart', 'Move a stored part or note its fault state (the ledger)', moveSchema, 'OldPartMove'],
    ['supplier-inspections', 'recordSupplierInspection', 'The supplier\'s re-inspection (复验) of a recovery line: accept or dispute; may ask the part back', supplierInspectionSchema, 'SupplierInspection'],
    ['quality-inspections', 'recordQualityInspection', 'Quality\'s second inspection of a disputed line: the supplier is liable, or the line is rejected and its cost returns to the manufacturer or the station', qualityInspectionSchema, 'QualityInspection'],
    ['shipments', 'shipOldPart', 'Ship a part its supplier asked back (carrier, date)', shipmentSchema, 'OldPartShipment'],
    ['disposal-approvals', 'approveOldPartDisposal', 'Approve the disposal of a part no supplier wants back', disposalApprovalSchema, 'OldPartDisposalApproval'],
    ['disposals', 'disposeOldPart', 'Dispose of a part whose disposal was approved', disposalSchema, 'OldPartDisposal'],
    ['unrecoverable', 'markOldPartUnrecoverable', 'Count a stored part that cannot be recovered from anyone', unrecoverableSchema, 'OldPartUnrecoverable'],
  ];
  for (const [path, operationId, summary, schema, name] of steps) {
    registerOperation(registry, {
      method: 'post', path: `/v1/old-parts/{oldPartId}/${path}`, operationId, roles: ['auditor'], summary, params,
      body: { schema: registry.register(name, schema) },
      responses: { 201: jsonResponse(oldPartResponseSchema, 'the part with the step appended') },
      errors: { 404: 'no such old part', 409: outOfOrder },
    });
  }
  registerOperation(registry, {
    method: 'get', path: '/v1/stations/{stationId}/old-part-returns', operationId: 'getOldPartReturns', roles: ['auditor', 'dealer'],
    summary: 'A station\'s old-part return rate and pass rate over a period, beside its accuracy (JSON or CSV)',
    params: z.object({ stationId: pathParam('the service station') }), query: stationPeriodQuerySchema,
    responses: { 200: jsonOrCsvResponse(oldPartReturnsSchema, 'the rates and the parts not returned') },
  });
}
