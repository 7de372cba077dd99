import { Router } from 'express';
import { z } from '../zod.js';
import { allow, principalOf } from '../auth/authenticate.js';
import { parseOr400 } from '../app/validate.js';
import { isoDateSchema } from '../claims/claim-schema.js';
import { ownStation, sendCsv, wantsCsv } from '../settlement/settlement-routes.js';
import type { SettlementService } from '../settlement/settlement-service.js';
import type { OldPartService } from './old-part-service.js';

const note = z.string().trim().min(3, 'a note saying why is required').max(4000);
const text = z.string().trim().min(1).max(200);

export const receiptSchema = z.object({
  stationId: z.string().min(1).max(64),
  claimNumber: z.string().min(1).max(64),
  lineId: z.string().min(1).max(64),
  receivedDate: isoDateSchema,
  /** Where the part is put in the store (shelf or bin). */
  location: text,
  /** Its fault state as received (kept as it came, 000 §3). */
  faultState: text,
  /** The tag naming the cause of the fault is on the part (004 §8.2.1). */
  causeTag: z.boolean(),
  /** The repair record (维修记录表 third copy) comes with it. */
  repairRecord: z.boolean(),
  note,
});
export const moveSchema = z.object({ location: text, faultState: text, note });
export const supplierInspectionSchema = z.object({
  verdict: z.enum(['accept', 'dispute']),
  inspectedBy: text,
  wantsPartBack: z.boolean().default(false),
  note,
});
export const qualityInspectionSchema = z
  .object({ verdict: z.enum(['supplier-liable', 'rejected']), chargeTo: z.enum(['manufacturer', 'service-station']).optional(), note })
  .refine((b) => b.verdict !== 'rejected' || b.chargeTo !== undefined, { path: ['chargeTo'], message: 'a rejected line names whom its cost returns to: manufacturer or service-station' })
  .refine((b) => b.verdict !== 'supplier-liable' || b.chargeTo === undefined, { path: ['chargeTo'], message: 'only a rejected line is charged back' });
export const shipmentSchema = z.object({ carrier: text, shippedDate: isoDateSchema, trackingNumber: text.optional(), note });
export const disposalApprovalSchema = z.object({ approvedBy: text, note });
export const disposalSchema = z.object({ disposedDate: isoDateSchema, method: text, note });
export const unrecoverableSchema = z.object({ reason: z.enum(['supplier-unknown', 'past-recovery-period', 'part-damaged-in-store', 'supplier-refuses', 'other']), note });
export const oldPartParamsSchema = z.object({ oldPartId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
export const stationPeriodQuerySchema = z
  .object({ from: isoDateSchema, to: isoDateSchema, format: z.enum(['json', 'csv']).optional() })
  .refine((q) => q.from <= q.to, { message: 'from is after to', path: ['from'] });
export const oldPartListQuerySchema = z.object({
  stationId: z.string().min(1).optional(),
  claimNumber: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function oldPartRoutes(oldParts: OldPartService, settlement: SettlementService): Router {
  const router = Router();

  router.post('/v1/old-parts', allow('auditor'), async (req, res) => {
    const body = parseOr400(receiptSchema, req.body);
    res.status(201).json(await oldParts.receive(body, principalOf(req)));
  });

  router.get('/v1/old-parts', allow('auditor', 'dealer'), async (req, res) => {
    const query = parseOr400(oldPartListQuerySchema, req.query, 'query');
    const principal = principalOf(req);
    const stationId = principal.role === 'dealer' ? (principal.stationId ?? '') : query.stationId;
    if (query.stationId) ownStation(req, query.stationId);
    res.json({ items: await oldParts.list({ stationId, claimNumber: query.claimNumber, limit: query.limit }) });
  });

  router.get('/v1/old-parts/:oldPartId', allow('auditor', 'dealer'), async (req, res) => {
    const { oldPartId } = parseOr400(oldPartParamsSchema, req.params, 'params');
    const part = await oldParts.view(oldPartId);
    ownStation(req, part.stationId);
    res.json(part);
  });

  const step = (path: string, schema: z.ZodType<Record<string, unknown>>, name: Parameters<OldPartService['step']>[1]['step']) =>
    router.post(`/v1/old-parts/:oldPartId/${path}`, allow('auditor'), async (req, res) => {
      const { oldPartId } = parseOr400(oldPartParamsSchema, req.params, 'params');
      const { note: why, ...details } = parseOr400(schema, req.body) as { note: string } & Record<string, unknown>;
      res.status(201).json(await oldParts.step(oldPartId, { step: name, details, note: why }, principalOf(req)));
    });
  step('moves', moveSchema, 'moved');
  step('supplier-inspections', supplierInspectionSchema, 'supplier-inspection');
  step('quality-inspections', qualityInspectionSchema, 'quality-inspection');
  step('shipments', shipmentSchema, 'shipped');
  step('disposal-approvals', disposalApprovalSchema, 'disposal-approved');
  step('disposals', disposalSchema, 'disposed');
  step('unrecoverable', unrecoverableSchema, 'unrecoverable');

  router.get('/v1/stations/:stationId/old-part-returns', allow('auditor', 'dealer'), async (req, res) => {
    const stationId = req.params.stationId as string;
    ownStation(req, stationId);
    const query = parseOr400(stationPeriodQuerySchema, req.query, 'query');
    const period = { from: query.from, to: query.to };
    const [report] = await oldParts.returnReport(period, stationId);
    const accuracy = await settlement.accuracy(stationId, period);
    const row = {
      ...(report ?? { stationId, period, dueParts: 0, returnedParts: 0, passedParts: 0, refusedParts: 0, unrecoverableParts: 0, returnRatePct: null, passRatePct: null, notReturned: [] }),
      accuracyPct: accuracy.overall.pct,
    };
    if (!wantsCsv(req, query.format)) return void res.json(row);
    sendCsv(res, `old-part-returns-${stationId}-${query.from}-${query.to}.csv`, [{
      stationId, from: query.from, to: query.to, dueParts: row.dueParts, returnedParts: row.returnedParts, passedParts: row.passedParts, refusedParts: row.refusedParts,
      unrecoverableParts: row.unrecoverableParts, returnRatePct: row.returnRatePct ?? '', passRatePct: row.passRatePct ?? '', accuracyPct: row.accuracyPct ?? '',
      notReturned: row.notReturned.map((n) => `${n.claimNumber} ${n.lineId}`).join('; '),
    }]);
  });

  return router;
}
