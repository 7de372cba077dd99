import { Router } from 'express';
import { z } from '../zod.js';
import { allow, principalOf } from '../auth/authenticate.js';
import { parseOr400 } from '../app/validate.js';
import { ForbiddenError, ValidationError } from '../errors/http-errors.js';
import { claimSchema, isoDateSchema } from './claim-schema.js';
import type { ClaimService } from './claim-service.js';

export const claimListQuerySchema = z.object({
  stationId: z.string().min(1).optional(),
  status: z.enum(['approved', 'adjusted', 'partial', 'denied', 'pended']).optional(),
  unitId: z.string().min(1).optional(),
  claimNumber: z.string().min(1).max(100).optional().openapi({ description: 'claim numbers starting with this text' }),
  vin: z.string().min(1).max(40).optional().openapi({ description: 'claims on the unit with this VIN' }),
  frameSerial: z.string().min(1).max(60).optional().openapi({ description: 'claims on the unit (e-bike) with this frame serial' }),
  from: isoDateSchema.optional().openapi({ description: 'repaired on or after this day' }),
  to: isoDateSchema.optional().openapi({ description: 'repaired on or before this day' }),
  cursor: z.string().regex(/^\d+$/, 'a cursor from nextCursor').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const claimReadQuerySchema = z.object({
  stationId: z.string().min(1).optional().openapi({ description: 'the station, when the claim number exists at several' }),
  version: z.coerce.number().int().min(1).optional().openapi({ description: 'this decision version instead of the latest' }),
});

export function claimRoutes(service: ClaimService): Router {
  const router = Router();

  router.post('/v1/claims', allow('auditor', 'dealer'), async (req, res) => {
    if (req.body === undefined || typeof req.body !== 'object' || req.body === null) {
      throw new ValidationError([{ path: '(body)', message: 'send the claim as a JSON object (Content-Type: application/json)' }]);
    }
    const claim = parseOr400(claimSchema, req.body);
    const location = `/v1/claims/${encodeURIComponent(claim.claimNumber)}?stationId=${encodeURIComponent(claim.stationId)}`;
    // A new claim's audit entry is stored with it, in the same statement and commit (a replay, 200, is recorded as any write).
    const audit = res.locals.audit;
    const result = await service.submit(claim, req.body, principalOf(req), audit?.entry(location, 201));
    if (result.created) audit?.recorded();
    res.status(result.created ? 201 : 200).location(location).json(result.decision);
  });

  router.get('/v1/claims', allow('auditor', 'dealer'), async (req, res) => {
    const principal = principalOf(req);
    const query = parseOr400(claimListQuerySchema, req.query, 'query');
    if (principal.role === 'dealer' && query.stationId !== undefined && query.stationId !== principal.stationId) {
      throw new ForbiddenError(`this key sees claims of station ${principal.stationId ?? '(none)'} only`);
    }
    const stationId = principal.role === 'dealer' ? (principal.stationId ?? '') : query.stationId;
    const rows = await service.list({ ...query, stationId, after: query.cursor ? Number(query.cursor) : undefined, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    res.json({
      items: page.map((r) => ({ claimNumber: r.claimNumber, stationId: r.stationId, unitId: r.unitId, revision: r.revision, status: r.status, decisionVersion: r.decisionVersion, approvedFen: r.approvedFen, receivedDate: r.receivedDate, submittedAt: r.submittedAt })),
      nextCursor: rows.length > query.limit ? String(page[page.length - 1]!.id) : null,
    });
  });

  router.get('/v1/claims/:claimNumber', allow('auditor', 'dealer'), async (req, res) => {
    const query = parseOr400(claimReadQuerySchema, req.query, 'query');
    res.json(await service.get(req.params.claimNumber as string, query.stationId, principalOf(req), query.version));
  });

  return router;
}
