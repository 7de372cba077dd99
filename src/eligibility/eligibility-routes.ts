import { Router } from 'express';
import type { Db } from '../db/db.js';
import type { RuleBook } from '../rules/rule-book.js';
import { allow } from '../auth/authenticate.js';
import { parseOr400 } from '../app/validate.js';
import { UnitStore } from '../units/unit-store.js';
import { todayIn } from '../terms/term-arithmetic.js';
import { NotFoundError } from '../errors/http-errors.js';
import { checkEligibility } from './eligibility.js';
import { eligibilityBatchSchema, eligibilityRequestSchema, type EligibilityRequest } from './eligibility-schema.js';

export function eligibilityRoutes(db: Db, ruleBook: () => RuleBook, clock: () => Date): Router {
  const units = new UnitStore(db);
  const router = Router();

  const answer = async (request: EligibilityRequest) => {
    const unit = await units.findByIdentity(request.unit);
    if (!unit) return null;
    const book = ruleBook();
    const zone = book.policyForCoverage(unit.productLine, unit.saleDate)?.file.timeZone ?? 'UTC';
    const date = request.date ?? todayIn(zone, clock());
    return checkEligibility(unit, request.components, date, request.odometerKm, book);
  };

  router.post('/v1/eligibility', allow('dealer', 'auditor'), async (req, res) => {
    const request = parseOr400(eligibilityRequestSchema, req.body);
    const result = await answer(request);
    if (!result) throw new NotFoundError(`no unit with ${request.unit.vin ? `VIN ${request.unit.vin}` : `frame serial ${request.unit.frameSerial}`} in the registry`);
    res.json(result);
  });

  router.post('/v1/eligibility/batch', allow('dealer', 'auditor'), async (req, res) => {
    const { requests } = parseOr400(eligibilityBatchSchema, req.body);
    const results = [];
    for (const [index, request] of requests.entries()) {
      const result = await answer(request);
      results.push(result ?? { index, error: { code: 'unit-not-found', detail: 'no such unit in the registry' } });
    }
    res.json({ results });
  });

  return router;
}
