import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { jsonOrCsvResponse, pathParam, registerOperation } from '../app/openapi-helpers.js';
import { periodQuerySchema, statementQuerySchema } from './settlement-routes.js';

const message = z.object({ en: z.string(), zh: z.string() });
const party = z.object({ type: z.enum(['manufacturer', 'supplier', 'chassis-maker', 'service-station', 'customer']), id: z.string().optional() });
const period = z.object({ from: z.string(), to: z.string() });
const kind = z.enum(['part', 'labour', 'auxiliary', 'travel']);

export const statementSchema = z
  .object({
    stationId: z.string(),
    month: z.string(),
    period,
    currency: z.literal('CNY'),
    lines: z.array(z.object({
      bookedOn: z.string(), claimNumber: z.string(), decisionVersion: z.number().int(), unitId: z.string().nullable(), lineId: z.string(), kind,
      partNumber: z.string().nullable(), operationCode: z.string().nullable(), liableParty: party,
      claimedFen: z.number().int(), approvedFen: z.number().int(), deductedFen: z.number().int(), paidFen: z.number().int(),
      deductions: z.array(z.object({ code: z.string(), amountFen: z.number().int(), message })),
    })),
    totals: z.object({ lines: z.number().int(), claimedFen: z.number().int(), deductedFen: z.number().int(), paidFen: z.number().int() }),
  })
  .openapi('StationStatement');

export const recoveriesSchema = z
  .object({
    period,
    currency: z.literal('CNY'),
    notices: z.array(z.object({
      party,
      lines: z.array(z.object({
        bookedOn: z.string(), claimNumber: z.string(), stationId: z.string(), unitId: z.string().nullable(), decisionVersion: z.number().int(), lineId: z.string(), kind,
        causalPartNumber: z.string().nullable(), partNumber: z.string().nullable(), oldPart: z.string(), amountFen: z.number().int(),
        /** Present when the line's old part is at the central store: its re-inspection (复验). */
        oldPartId: z.number().int().optional(),
        reinspection: z.enum(['not-applicable', 'pending', 'accepted', 'disputed', 'rejected']).optional(),
        chargedBackTo: z.enum(['manufacturer', 'service-station']).nullable().optional(),
      })),
      totalFen: z.number().int(),
      rejectedFen: z.number().int(),
      recoverableFen: z.number().int(),
    })),
    totalFen: z.number().int(),
  })
  .openapi('Recoveries');

const share = z.object({ decided: z.number().int(), approved: z.number().int(), pct: z.number().nullable(), standardPct: z.number().nullable(), meetsStandard: z.boolean().nullable() });
export const accuracySchema = z.object({ stationId: z.string(), period, overall: share, electrical: share, pendedLines: z.number().int() }).openapi('StationAccuracy');

const stationParams = z.object({ stationId: pathParam('the service station') });

export function registerSettlementPaths(registry: OpenAPIRegistry): void {
  registerOperation(registry, {
    method: 'get', path: '/v1/statements/stations/{stationId}', operationId: 'getStationStatement', roles: ['auditor', 'dealer'],
    summary: 'A station\'s monthly statement: each line paid, with its deductions and why (JSON or CSV)',
    params: stationParams, query: statementQuerySchema,
    responses: { 200: jsonOrCsvResponse(statementSchema, 'the statement') },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/recoveries', operationId: 'getRecoveries', roles: ['auditor'],
    summary: 'Recovery notices per liable supplier, chassis maker or station over a period (JSON or CSV)',
    query: periodQuerySchema,
    responses: { 200: jsonOrCsvResponse(recoveriesSchema, 'the notices') },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/stations/{stationId}/accuracy', operationId: 'getStationAccuracy', roles: ['auditor', 'dealer'],
    summary: 'A station\'s judgement accuracy over a period (JSON or CSV)',
    params: stationParams, query: periodQuerySchema,
    responses: { 200: jsonOrCsvResponse(accuracySchema, 'the shares approved, overall and electrical') },
  });
}
