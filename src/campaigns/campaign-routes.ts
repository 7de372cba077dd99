import { Router } from 'express';
import type { Db } from '../db/db.js';
import { allow, principalOf } from '../auth/authenticate.js';
import { parseOr400 } from '../app/validate.js';
import { sendCsv, wantsCsv } from '../settlement/settlement-routes.js';
import { campaignParamsSchema, campaignReportQuerySchema, campaignStepSchema, campaignVersionSchema, newCampaignSchema } from './campaign-schema.js';
import type { CampaignService } from './campaign-service.js';
import { campaignReport } from './campaign-report.js';

/** Policy owners (and admins) create, edit, open and close campaigns; auditors read them; dealer keys do not. */
export function campaignRoutes(db: Db, campaigns: CampaignService): Router {
  const router = Router();
  const readers = allow('policy-owner', 'auditor');
  const owners = allow('policy-owner');
  router.post('/v1/campaigns', owners, async (req, res) => {
    const body = parseOr400(newCampaignSchema, req.body);
    const view = await campaigns.create(body, principalOf(req));
    res.status(201).location(`/v1/campaigns/${view.code}`).json(view);
  });
  router.get('/v1/campaigns', readers, async (_req, res) => {
    res.json({ campaigns: await campaigns.list() });
  });
  router.get('/v1/campaigns/:code', readers, async (req, res) => {
    const { code } = parseOr400(campaignParamsSchema, req.params, 'params');
    res.json(await campaigns.get(code));
  });
  router.post('/v1/campaigns/:code/versions', owners, async (req, res) => {
    const { code } = parseOr400(campaignParamsSchema, req.params, 'params');
    const body = parseOr400(campaignVersionSchema, req.body);
    res.status(201).json(await campaigns.addVersion(code, body, principalOf(req)));
  });
  router.post('/v1/campaigns/:code/steps', owners, async (req, res) => {
    const { code } = parseOr400(campaignParamsSchema, req.params, 'params');
    const body = parseOr400(campaignStepSchema, req.body);
    res.status(201).json(await campaigns.addStep(code, body, principalOf(req)));
  });
  router.get('/v1/campaigns/:code/report', readers, async (req, res) => {
    const { code } = parseOr400(campaignParamsSchema, req.params, 'params');
    const query = parseOr400(campaignReportQuerySchema, req.query, 'query');
    const report = await campaignReport(db, await campaigns.get(code));
    if (!wantsCsv(req, query.format)) return void res.json(report);
    sendCsv(res, `campaign-${code}.csv`, report.units.map((u) => ({
      campaign: code, version: report.version, unitId: u.unitId, vin: u.vin ?? '', serialNumber: u.serialNumber ?? '', model: u.model,
      completed: u.completed ? 'true' : 'false', claimNumbers: u.claimNumbers.join('; '), costFen: u.costFen,
    })));
  });
  return router;
}
