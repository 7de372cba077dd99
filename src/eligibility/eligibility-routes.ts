import { Router, type RequestHandler, type Response } from 'express';
import type { RuleBook } from '../rules/rule-book.js';
import { allow } from '../auth/authenticate.js';
import { parseOr400 } from '../app/validate.js';
import type { UnitLookup } from '../units/unit-lookup.js';
import { todayIn } from '../terms/term-arithmetic.js';
import { NotFoundError, ValidationError } from '../errors/http-errors.js';
import { checkEligibility } from './eligibility.js';
import { EligibilityMemo } from './eligibility-memo.js';
import { UnknownVocabularyError } from '../policies/unknown-vocabulary-error.js';
import { TERM_START_WORDS, termStartOf } from '../adjudication/term-start.js';
import { eligibilityBatchSchema, eligibilityRequestSchema, type EligibilityRequest } from './eligibility-schema.js';

interface Unanswered {
  code: 'unit-not-found' | 'date-before-sale' | 'unknown-vocabulary';
  detail: string;
  errors?: unknown[];
}

/** JSON made already (the memo's answers), sent as res.json would send it. */
const sendJson = (res: Response, json: string) => void res.type('application/json').send(json);

/**
 * The pre-check routes, each behind `guard` (the /v1 guard: no-store, the caller's key or console
 * session, documented query parameters only) of its own: the app mounts them ahead of what the
 * other routes need, the dealers' hot read path before the routers and the audit of writes.
 */
export function eligibilityRoutes(units: UnitLookup, ruleBook: () => RuleBook, clock: () => Date, guard: readonly RequestHandler[]): Router {
  const router = Router();
  const memo = new EligibilityMemo();

  /** The answer for one unit, or why there is none: no such unit, or a date before its sale (a data error, SPEC §3.3). */
  const answer = async (request: EligibilityRequest): Promise<{ eligibility: string } | { problem: Unanswered }> => {
    const unit = await units.find(request.unit);
    const named = request.unit.vin ? `VIN ${request.unit.vin}` : request.unit.frameSerial ? `frame serial ${request.unit.frameSerial}` : `serial number ${request.unit.serialNumber}`;
    if (!unit) return { problem: { code: 'unit-not-found', detail: `no unit with ${named} in the registry` } };
    const book = ruleBook();
    const zone = book.policyForCoverage(unit.productLine, unit.saleDate)?.file.timeZone ?? 'UTC';
    const date = request.date ?? todayIn(zone, clock());
    if (date < unit.saleDate) return { problem: { code: 'date-before-sale', detail: `the date ${date} is before the sale date ${unit.saleDate} of the unit with ${named}` } };
    // A line whose terms count from commissioning or delivery: before that date no term has begun (a data error, as for claims).
    const policy = book.policyForCoverage(unit.productLine, unit.saleDate);
    const start = policy ? termStartOf(unit, policy.file) : null;
    if (start?.date && start.field !== 'saleDate' && date < start.date) {
      return { problem: { code: 'date-before-sale', detail: `the date ${date} is before the ${TERM_START_WORDS[start.field]} ${start.date} of the unit with ${named}, from which its terms count` } };
    }
    return { eligibility: await memo.get(book, unit, date, request.odometerKm, request.components, () => checkEligibility(unit, request.components, date, request.odometerKm, book)) };
  };

  router.post('/v1/eligibility', ...guard, allow('dealer', 'auditor'), async (req, res) => {
    const request = parseOr400(eligibilityRequestSchema, req.body);
    const answered = await answer(request);
    if ('problem' in answered) {
      const { code, detail } = answered.problem;
      if (code === 'unit-not-found') throw new NotFoundError(detail);
      throw new ValidationError([{ path: 'date', message: detail }], detail);
    }
    sendJson(res, answered.eligibility);
  });

  router.post('/v1/eligibility/batch', ...guard, allow('dealer', 'auditor'), async (req, res) => {
    const { requests } = parseOr400(eligibilityBatchSchema, req.body);
    const results: string[] = [];
    for (const [index, request] of requests.entries()) {
      try {
        const answered = await answer(request);
        results.push('problem' in answered ? JSON.stringify({ index, error: answered.problem }) : answered.eligibility);
      } catch (error) {
        // One request naming an unknown component does not spoil the others: its answer says what is unknown.
        if (!(error instanceof UnknownVocabularyError)) throw error;
        results.push(JSON.stringify({ index, error: { code: 'unknown-vocabulary' as const, detail: error.message, errors: error.extra.errors as unknown[] } }));
      }
    }
    sendJson(res, `{"results":[${results.join(',')}]}`);
  });

  return router;
}
