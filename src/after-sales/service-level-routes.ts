import { Router } from 'express';
import type { Db } from '../db/db.js';
import { allow } from '../auth/authenticate.js';
import { parseOr400 } from '../app/validate.js';
import { ownStation, sendCsv, wantsCsv } from '../settlement/settlement-routes.js';
import type { AfterSalesPolicies } from './after-sales-policy.js';
import { stationPeriodQuerySchema } from './old-part-routes.js';
import { stationParamsSchema } from './payment-routes.js';
import { serviceLevelReport } from './service-level-report.js';

export function serviceLevelRoutes(db: Db, policies: () => AfterSalesPolicies): Router {
  const router = Router();
  router.get('/v1/stations/:stationId/service-levels', allow('auditor', 'dealer'), async (req, res) => {
    const { stationId } = parseOr400(stationParamsSchema, req.params, 'params');
    ownStation(req, stationId);
    const query = parseOr400(stationPeriodQuerySchema, req.query, 'query');
    const report = await serviceLevelReport(db, policies(), stationId, { from: query.from, to: query.to });
    if (!wantsCsv(req, query.format)) return void res.json(report);
    sendCsv(res, `service-levels-${stationId}-${query.from}-${query.to}.csv`, report.limits.map((l) => ({
      stationId, from: query.from, to: query.to, limit: l.limit, measured: l.measured, within: l.within, late: l.late, exempt: l.exempt, withinPct: l.withinPct ?? '',
      lateClaims: report.late.filter((x) => x.limit === l.limit).map((x) => `${x.claimNumber} ${x.minutes}/${x.limitMinutes} min`).join('; '),
    })));
  });
  return router;
}
