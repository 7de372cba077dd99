import { Router } from 'express';
import type { Logger } from 'pino';
import { z } from '../zod.js';
import type { Db } from '../db/db.js';
import { allow, principalOf } from '../auth/authenticate.js';
import { describe as describePrincipal } from '../auth/principal.js';
import { parseOr400 } from '../app/validate.js';
import { isoDateSchema } from '../claims/claim-schema.js';
import { draftSchema, draftFiles } from '../rulesets/rule-set-routes.js';
import type { RuleBookHolder } from '../rulesets/rule-book-holder.js';
import { buildRuleBook } from '../rules/rule-book.js';
import { BacktestSource } from './backtest-source.js';
import { runBacktest } from './backtest.js';
import { backtestCsv } from './backtest-csv.js';
import { BacktestRuns } from './backtest-runs.js';

export const backtestRequestSchema = draftSchema.extend({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  productLine: z.string().optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

/** `Prefer: respond-async` (RFC 7240): start the backtest and answer 202 at once. */
const wantsAsync = (prefer: string | undefined) => (prefer ?? '').split(',').some((p) => p.trim().toLowerCase() === 'respond-async');

export function backtestRoutes(db: Db, holder: RuleBookHolder, clock: () => Date, logger: Logger): Router {
  const router = Router();
  const source = new BacktestSource(db);
  const runs = new BacktestRuns(source, clock, logger);

  router.post('/v1/backtests', allow('policy-owner'), async (req, res) => {
    const request = parseOr400(backtestRequestSchema, req.body);
    const baseline = holder.current();
    const draft = buildRuleBook(await draftFiles(request, holder), { evaluator: baseline.evaluator });
    const period = { from: request.from, to: request.to, productLine: request.productLine };
    if (wantsAsync(req.get('prefer'))) {
      const run = runs.start(draft, period, baseline, describePrincipal(principalOf(req)));
      res.status(202).setHeader('Location', `/v1/backtests/${run.id}`).setHeader('Preference-Applied', 'respond-async').json(run);
      return;
    }
    const report = await runBacktest(source, draft, period, baseline);
    if (request.format === 'csv' || req.accepts(['application/json', 'text/csv']) === 'text/csv') {
      res.type('text/csv').send(backtestCsv(report));
      return;
    }
    res.json(report);
  });

  router.get('/v1/backtests/:id', allow('policy-owner'), (req, res) => {
    const run = runs.get(String(req.params.id));
    if (run.report && req.accepts(['application/json', 'text/csv']) === 'text/csv') {
      res.type('text/csv').send(backtestCsv(run.report));
      return;
    }
    res.json(run);
  });
  return router;
}
