import { Router } from 'express';
import { z } from '../zod.js';
import type { Db } from '../db/db.js';
import { allow, principalOf } from '../auth/authenticate.js';
import { parseOr400 } from '../app/validate.js';
import { claimSchema, isoDateSchema } from '../claims/claim-schema.js';
import type { ClaimService } from '../claims/claim-service.js';
import { ValidationError } from '../errors/http-errors.js';
import { todayIn } from '../terms/term-arithmetic.js';
import type { RuleBook } from '../rules/rule-book.js';
import type { LifecycleService } from './lifecycle-service.js';
import { ReviewStore, type ReviewCursor, type ReviewFilter } from './review-store.js';

const note = z.string().trim().min(3, 'a note saying why is required').max(4000);

export const partReturnSchema = z.object({
  stationId: z.string().optional(),
  lineId: z.string().min(1),
  receivedDate: isoDateSchema,
  inspection: z.enum(['confirmed', 'no-defect-found', 'customer-caused']),
  note,
});

export const reviewSchema = z.object({
  stationId: z.string().optional(),
  note,
  lines: z
    .array(z.object({ lineId: z.string().min(1), action: z.enum(['approve', 'deny', 'pend']), amountFen: z.number().int().nonnegative().optional(), code: z.string().optional() }))
    .min(1),
});

export const appealSchema = z.object({ stationId: z.string().optional(), reason: note });
export const reviewListQuerySchema = z.object({
  stationId: z.string().min(1).optional().openapi({ description: 'only this station\'s claims' }),
  productLine: z.string().min(1).optional().openapi({ description: 'only this product line (e.g. ev-bus)' }),
  reasonCode: z.string().min(1).optional().openapi({ description: 'only claims with a pended job giving this reason code' }),
  minAgeDays: z.coerce.number().int().min(0).max(3650).optional().openapi({ description: 'only claims waiting at least this many days' }),
  minClaimedFen: z.coerce.number().int().min(0).optional().openapi({ description: 'claimed at least this many fen' }),
  maxClaimedFen: z.coerce.number().int().min(0).optional().openapi({ description: 'claimed at most this many fen' }),
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, 'a cursor from nextCursor').optional().openapi({ description: 'nextCursor of the page before' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const expireReturnsSchema = z.object({ today: isoDateSchema.optional() });

const stationOf = (req: { query: Record<string, unknown> }, body?: { stationId?: string | undefined }) =>
  body?.stationId ?? (typeof req.query.stationId === 'string' ? req.query.stationId : undefined);

const encodeReviewCursor = (cursor: ReviewCursor) => Buffer.from(JSON.stringify([cursor.waitingSince, cursor.id])).toString('base64url');

function reviewCursorOf(text: string): ReviewCursor {
  try {
    const [waitingSince, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof waitingSince === 'string' && !Number.isNaN(Date.parse(waitingSince)) && Number.isSafeInteger(id)) return { waitingSince, id: id as number };
  } catch {
    /* falls through to the 400 */
  }
  throw new ValidationError([{ path: 'query.cursor', message: 'not a cursor this list gave (use nextCursor)' }]);
}

export function lifecycleRoutes(db: Db, lifecycle: LifecycleService, claims: ClaimService, ruleBook: () => RuleBook, clock: () => Date): Router {
  const router = Router();
  const reviews = new ReviewStore(db);

  router.post('/v1/claims/:claimNumber/part-returns', allow('auditor'), async (req, res) => {
    const body = parseOr400(partReturnSchema, req.body);
    res.status(201).json(await lifecycle.recordPartReturn(req.params.claimNumber as string, stationOf(req, body), body, principalOf(req)));
  });

  router.post('/v1/claims/:claimNumber/reviews', allow('auditor'), async (req, res) => {
    const body = parseOr400(reviewSchema, req.body);
    res.status(201).json(await lifecycle.review(req.params.claimNumber as string, stationOf(req, body), body, principalOf(req)));
  });

  router.post('/v1/claims/:claimNumber/appeals', allow('auditor', 'dealer'), async (req, res) => {
    const body = parseOr400(appealSchema, req.body);
    res.status(201).json(await lifecycle.appeal(req.params.claimNumber as string, stationOf(req, body), body.reason, principalOf(req)));
  });

  router.post('/v1/claims/:claimNumber/corrections', allow('auditor', 'dealer'), async (req, res) => {
    if (typeof req.body !== 'object' || req.body === null) throw new ValidationError([{ path: '(body)', message: 'send the corrected claim as a JSON object' }]);
    const claim = parseOr400(claimSchema, req.body);
    const result = await claims.correct(req.params.claimNumber as string, claim, req.body, principalOf(req));
    res.status(result.created ? 201 : 200).json(result.decision);
  });

  router.get('/v1/reviews', allow('auditor'), async (req, res) => {
    const query = parseOr400(reviewListQuerySchema, req.query, 'query');
    const filter: ReviewFilter = {
      stationId: query.stationId,
      productLine: query.productLine,
      reasonCode: query.reasonCode,
      waitingSinceOnOrBefore: query.minAgeDays === undefined ? undefined : new Date(clock().getTime() - query.minAgeDays * 86_400_000).toISOString(),
      minClaimedFen: query.minClaimedFen,
      maxClaimedFen: query.maxClaimedFen,
    };
    const rows = await reviews.list({ ...filter, after: query.cursor === undefined ? undefined : reviewCursorOf(query.cursor), limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const counts = await reviews.counts(filter, (code) => ruleBook().reasons[code] ?? { en: code, zh: code });
    res.json({
      items: page.map(({ cursor: _cursor, ...item }) => ({ ...item, ageDays: Math.max(0, Math.floor((clock().getTime() - Date.parse(item.waitingSince)) / 86_400_000)) })),
      nextCursor: rows.length > query.limit ? encodeReviewCursor(page[page.length - 1]!.cursor) : null,
      total: counts.total,
      countsByReason: counts.byReason,
    });
  });

  router.post('/v1/settlement/expire-returns', allow('auditor'), async (req, res) => {
    const body = parseOr400(expireReturnsSchema, req.body ?? {});
    const zone = ruleBook().policies[0]?.file.timeZone ?? 'UTC';
    const today = body.today ?? todayIn(zone, clock());
    const expired = await lifecycle.expireReturns(today, principalOf(req));
    res.json({ today, expired: expired.length, claims: expired });
  });

  return router;
}
