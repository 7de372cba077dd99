import { Router } from 'express';
import { z } from '../zod.js';
import { allow, principalOf } from '../auth/authenticate.js';
import { parseOr400 } from '../app/validate.js';
import { isoDateSchema } from '../claims/claim-schema.js';
import { sendCsv, wantsCsv } from '../settlement/settlement-routes.js';
import type { GoodwillService } from './goodwill-service.js';

export const goodwillGrantSchema = z.object({
  stationId: z.string().min(1).max(64).optional(),
  lineId: z.string().min(1).max(64),
  note: z.string().trim().min(3, 'goodwill is never granted without a note saying why').max(4000),
});
export const goodwillQuerySchema = z
  .object({ from: isoDateSchema, to: isoDateSchema, stationId: z.string().min(1).optional(), format: z.enum(['json', 'csv']).optional() })
  .refine((q) => q.from <= q.to, { message: 'from is after to', path: ['from'] });
export const claimParamsSchema = z.object({ claimNumber: z.string().min(1).max(64) });
export const claimGoodwillQuerySchema = z.object({ stationId: z.string().min(1).max(64).optional() });

export function goodwillRoutes(goodwill: GoodwillService): Router {
  const router = Router();
  router.post('/v1/claims/:claimNumber/goodwill', allow('auditor'), async (req, res) => {
    const { claimNumber } = parseOr400(claimParamsSchema, req.params, 'params');
    const body = parseOr400(goodwillGrantSchema, req.body);
    res.status(201).json(await goodwill.grant(claimNumber, body, principalOf(req)));
  });
  router.get('/v1/claims/:claimNumber/goodwill', allow('auditor'), async (req, res) => {
    const { claimNumber } = parseOr400(claimParamsSchema, req.params, 'params');
    const query = parseOr400(claimGoodwillQuerySchema, req.query, 'query');
    res.json(await goodwill.ofClaim(claimNumber, query.stationId));
  });
  router.get('/v1/goodwill', allow('auditor'), async (req, res) => {
    const query = parseOr400(goodwillQuerySchema, req.query, 'query');
    const report = await goodwill.report({ from: query.from, to: query.to }, query.stationId);
    if (!wantsCsv(req, query.format)) return void res.json(report);
    sendCsv(res, `goodwill-${query.from}-${query.to}.csv`, report.grants.map((g) => ({
      grantedOn: g.grantedOn, stationId: g.stationId, claimNumber: g.claimNumber, lineId: g.lineId, monthsPast: g.monthsPast, kmPast: g.kmPast, baseFen: g.baseFen,
      manufacturerFen: g.manufacturerFen, supplierId: g.supplierId ?? '', supplierFen: g.supplierFen, customerFen: g.customerFen, grantedBy: g.grantedBy, note: g.note,
    })));
  });
  return router;
}
