import { Router } from 'express';
import { z } from '../zod.js';
import { allow, principalOf } from '../auth/authenticate.js';
import { parseOr400 } from '../app/validate.js';
import { isoDateSchema } from '../claims/claim-schema.js';
import { ownStation, sendCsv, wantsCsv } from '../settlement/settlement-routes.js';
import type { ReturnService, ReturnStepInput } from './return-service.js';

const note = z.string().trim().min(3, 'a note saying why is required').max(4000);
const text = z.string().trim().min(1).max(200);
const code = z.string().max(64).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'codes are kebab-case');
const fen = z.number().int('money is an integer number of fen').positive().max(Number.MAX_SAFE_INTEGER);

/** The reason codes a return may be refused with (SPEC §11: X12 where one fits). */
export const RETURN_REFUSAL_CODES = ['NDF', 'CDR', 'WA-RETURN-NOT-PERFORMANCE', 'WA-RETURN-INVOICE', 'WA-RETURN-WINDOW', 'WA-RETURN-INCOMPLETE'] as const;

export const returnRequestSchema = z.object({
  stationId: z.string().min(1).max(64),
  /** The repair unit that handled the unit (default: the filing station); missing accessories are charged to it. */
  repairerId: z.string().min(1).max(64).optional(),
  unitId: z.string().min(1).max(64),
  kind: z.enum(['exchange', 'refund', 'repair']),
  reason: code,
  requestedDate: isoDateSchema,
  invoice: z.object({ number: text, date: isoDateSchema, amountFen: fen }).optional(),
  accessories: z.object({ present: z.array(code).max(50), missing: z.array(code).max(50) }),
  documentsComplete: z.boolean(),
  note,
});

export const returnStepSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('inspection-scheduled'), arrivedDate: isoDateSchema, inspectionDate: isoDateSchema, note }),
  z.object({
    step: z.literal('inspected'), inspectedDate: isoDateSchema, dealerAttended: z.boolean(), factoryInspector: text, dealerInspector: text.optional(),
    defectConfirmed: z.boolean(), accessoriesMissing: z.array(code).max(50), note,
  }).refine((s) => !s.dealerAttended || s.dealerInspector !== undefined, { path: ['dealerInspector'], message: 'a joint inspection names the dealer\'s inspector' }),
  z.object({ step: z.literal('approved'), decidedDate: isoDateSchema, repairCostFen: fen.optional(), note }),
  z.object({ step: z.literal('refused'), decidedDate: isoDateSchema, reasonCode: z.enum(RETURN_REFUSAL_CODES), note }),
]);

export const returnListQuerySchema = z.object({
  stationId: z.string().min(1).max(64).optional(),
  unitId: z.string().min(1).max(64).optional(),
  status: z.enum(['requested', 'refused', 'inspection-scheduled', 'inspected', 'approved']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const returnReportQuerySchema = z
  .object({ from: isoDateSchema, to: isoDateSchema, stationId: z.string().min(1).max(64).optional(), format: z.enum(['json', 'csv']).optional() })
  .refine((q) => q.from <= q.to, { message: 'from is after to', path: ['from'] });
export const returnParamsSchema = z.object({ returnId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export function returnRoutes(returns: ReturnService): Router {
  const router = Router();

  router.post('/v1/returns', allow('auditor', 'dealer'), async (req, res) => {
    const body = parseOr400(returnRequestSchema, req.body);
    ownStation(req, body.stationId);
    res.status(201).json(await returns.file(body, principalOf(req)));
  });

  router.get('/v1/returns', allow('auditor', 'dealer'), async (req, res) => {
    const query = parseOr400(returnListQuerySchema, req.query, 'query');
    const principal = principalOf(req);
    if (query.stationId) ownStation(req, query.stationId);
    const stationId = principal.role === 'dealer' ? (principal.stationId ?? '') : query.stationId;
    res.json({ items: await returns.list({ ...query, stationId }) });
  });

  // Before /:returnId, so "report" is not read as an id.
  router.get('/v1/returns/report', allow('auditor'), async (req, res) => {
    const query = parseOr400(returnReportQuerySchema, req.query, 'query');
    const report = await returns.report({ from: query.from, to: query.to }, query.stationId);
    if (!wantsCsv(req, query.format)) return void res.json(report);
    sendCsv(res, `returns-${query.from}-${query.to}.csv`, report.returns.map((r) => {
      const fenOf = (party: string) => r.state.payers.find((p) => p.party === party)?.fen ?? 0;
      const decided = r.steps.find((s) => s.step === 'approved' || s.step === 'refused');
      return {
        returnId: r.id, decidedOn: decided?.onDate ?? '', status: r.state.status, reasonCodes: r.state.reasonCodes.join('; '), stationId: r.stationId, repairerId: r.repairerId,
        unitId: r.unitId, kind: r.kind, reason: r.reason, invoiceNumber: r.invoice?.number ?? '', invoiceFen: r.invoice?.amountFen ?? '', binding: r.state.binding ?? '',
        lossFen: Number(decided?.details.lossFen ?? 0), manufacturerFen: fenOf('manufacturer'), dealerFen: fenOf('dealer'), repairerFen: fenOf('repairer'), customerFen: fenOf('customer'),
        refundToCustomerFen: Number(decided?.details.refundToCustomerFen ?? 0), accessoriesMissing: r.state.accessoriesMissingAtInspection.join('; '),
      };
    }));
  });

  router.get('/v1/returns/:returnId', allow('auditor', 'dealer'), async (req, res) => {
    const { returnId } = parseOr400(returnParamsSchema, req.params, 'params');
    const view = await returns.view(returnId);
    ownStation(req, view.stationId);
    res.json(view);
  });

  router.post('/v1/returns/:returnId/steps', allow('auditor'), async (req, res) => {
    const { returnId } = parseOr400(returnParamsSchema, req.params, 'params');
    const body = parseOr400(returnStepSchema, req.body) as ReturnStepInput;
    res.status(201).json(await returns.step(returnId, body, principalOf(req)));
  });

  return router;
}
