import { Router } from 'express';
import type { RuleBook } from '../rules/rule-book.js';
import { allow } from '../auth/authenticate.js';
import { parseOr400 } from '../app/validate.js';
import { NotFoundError } from '../errors/http-errors.js';
import { todayIn } from '../terms/term-arithmetic.js';
import { didYouMean } from '../rules/validation/suggest.js';
import { productLineQuerySchema } from './product-line-schema.js';
import { productLineList, productLineVocabulary } from './product-line-view.js';

/** The published vocabulary of each product line: every role may read it, dealers included. */
export function productLineRoutes(ruleBook: () => RuleBook, clock: () => Date): Router {
  const router = Router();
  const everyone = allow('dealer', 'auditor', 'policy-owner');

  router.get('/v1/product-lines', everyone, (_req, res) => {
    res.json(productLineList(ruleBook()));
  });

  router.get('/v1/reason-codes', everyone, (_req, res) => {
    const reasons = ruleBook().reasons;
    res.json({ items: Object.entries(reasons).map(([code, message]) => ({ code, message: { en: message.en, zh: message.zh } })) });
  });

  router.get('/v1/product-lines/:id', everyone, (req, res) => {
    const { date: asked } = parseOr400(productLineQuerySchema, req.query, 'query');
    const book = ruleBook();
    const id = String(req.params.id);
    const lines = productLineList(book).items.map((l) => l.productLine);
    if (!lines.includes(id)) throw new NotFoundError(`no product line ${id}${didYouMean(id, lines)}; product lines: ${lines.join(', ')}`);
    const zone = book.policies.find((p) => p.file.productLine === id)?.file.timeZone ?? 'UTC';
    const date = asked ?? todayIn(zone, clock());
    const vocabulary = productLineVocabulary(book, id, date);
    if (!vocabulary) throw new NotFoundError(`no ${id} policy is in force on ${date}; see GET /v1/product-lines for its versions`);
    res.json(vocabulary);
  });

  return router;
}
