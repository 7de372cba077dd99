import { Router } from 'express';
import { z } from '../zod.js';
import type { Db } from '../db/db.js';
import { allow } from '../auth/authenticate.js';
import { parseOr400 } from '../app/validate.js';
import { isoDateSchema } from '../claims/claim-schema.js';
import { draftSchema, draftFiles } from '../rulesets/rule-set-routes.js';
import type { RuleBookHolder } from '../rulesets/rule-book-holder.js';
import { buildRuleBook } from '../rules/rule-book.js';
import { BacktestSource } from './backtest-source.js';
import { runBacktest } from './backtest.js';
import { backtestCsv } from './backtest-csv.js';

export const backtestRequestSchema = draftSchema.extend({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  productLine: z.string().optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

export function backtestRoutes(db: Db, holder: RuleBookHolder): Router {
  const router = Router();
  router.post('/v1/backtests', allow('policy-owner'), async (req, res) => {
    const request = parseOr400(backtestRequestSchema, req.body);
    const draft = buildRuleBook(await draftFiles(request, holder), { evaluator: holder.current().evaluator });
    const report = await runBacktest(new BacktestSource(db), draft, { from: request.from, to: request.to, productLine: request.productLine }, holder.current());
    if (request.format === 'csv' || req.accepts(['application/json', 'text/csv']) === 'text/csv') {
      res.type('text/csv').send(backtestCsv(report));
      return;
    }
    res.json(report);
  });
  return router;
}
