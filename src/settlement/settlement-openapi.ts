import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { jsonOrCsvResponse, pathParam, registerOperation } from '../app/openapi-helpers.js';
import { periodQuerySchema, statementQuerySchema } from './settlement-routes.js';

const message = z.object({ en: z.string(), zh: z.string() });
const party = z.object({ type: z.enum(['manufacturer', 'supplier', 'chassis-maker', 'service-station', 'customer']), id: z.string().optional() });
const period = z.object({ from: z.string(), to: z.string() });
const goodwillLine = z.object({
  grantedOn: z.string(), claimNumber: z.string(), lineId: z.string(), baseFen: z.number().int(), manufacturerFen: z.number().int(),
  supplierId: z.string().nullable(), supplierFen: z.number().int(), customerFen: z.number().int(), paidFen: z.number().int(),
});
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
    /** Goodwill granted to the station's customers that month, apart from warranty: paidFen is the manufacturer's and supplier's shares. */
    goodwill: z.array(goodwillLine),
    /** Lines both inspections rejected whose cost the second inspection returned to the station that month (004 §8.2.2): debited. */
    chargeBacks: z.array(z.object({
      chargedOn: z.string(), claimNumber: z.string(), lineId: z.string(), partNumber: z.string().nullable(), oldPartId: z.number().int(),
      liableParty: party.nullable(), amountFen: z.number().int(), note: z.string(),
    })),
    /** What the whole-unit returns approved that month cost the station (004 §9): its dealer share of the loss, the accessories missing when it repaired the unit; debited. */
    returnDebits: z.array(z.object({
      returnId: z.number().int(), decidedOn: z.string(), unitId: z.string(), kind: z.enum(['exchange', 'refund', 'repair']),
      what: z.enum(['dealer-share', 'missing-accessories']), why: z.string(), amountFen: z.number().int(),
    })),
    totals: z.object({
      lines: z.number().int(), claimedFen: z.number().int(), deductedFen: z.number().int(),
      /** Warranty paid (or clawed back) that month. */
      paidFen: z.number().int(),
      goodwillFen: z.number().int(),
      chargedBackFen: z.number().int(),
      returnDebitedFen: z.number().int(),
      /** What the station is owed: paidFen + goodwillFen − chargedBackFen − returnDebitedFen; the invoice must equal it. */
      netFen: z.number().int(),
    }),
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
      /** A supplier's share of goodwill granted in the period, claimed apart from warranty. */
      goodwill: z.array(z.object({ grantedOn: z.string(), stationId: z.string(), claimNumber: z.string(), lineId: z.string(), baseFen: z.number().int(), supplierFen: z.number().int() })),
      goodwillFen: z.number().int(),
    })),
    /** Warranty lines charged to the parties. */
    totalFen: z.number().int(),
    goodwillFen: z.number().int(),
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
