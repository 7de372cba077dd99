import { Router } from 'express';
import { z } from '../zod.js';
import { allow } from '../auth/authenticate.js';
import { parseOr400 } from '../app/validate.js';
import { ROLES } from '../auth/principal.js';
import { NotFoundError } from '../errors/http-errors.js';
import type { KeyStore } from './key-store.js';

export const createKeySchema = z
  .object({ role: z.enum(ROLES), stationId: z.string().min(1).optional(), label: z.string().max(200).optional() })
  .refine((k) => k.role !== 'dealer' || k.stationId !== undefined, { message: 'a dealer key needs its stationId', path: ['stationId'] });

export const keyListQuerySchema = z.object({
  cursor: z.string().regex(/^\d+$/, 'a cursor from nextCursor').optional().openapi({ description: 'nextCursor of the page before' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function keyRoutes(keys: KeyStore): Router {
  const router = Router();
  router.post('/v1/keys', allow('admin'), async (req, res) => {
    const body = parseOr400(createKeySchema, req.body);
    const created = await keys.create(body.role, body.stationId ?? null, body.label ?? null);
    res.status(201).json({ ...created, note: 'the key is shown once; store it now' });
  });
  router.get('/v1/keys', allow('admin'), async (req, res) => {
    const query = parseOr400(keyListQuerySchema, req.query, 'query');
    const rows = await keys.list({ after: query.cursor === undefined ? undefined : Number(query.cursor), limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    res.json({ items, nextCursor: rows.length > query.limit ? String(items[items.length - 1]!.id) : null });
  });
  router.delete('/v1/keys/:id', allow('admin'), async (req, res) => {
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || !(await keys.revoke(id))) throw new NotFoundError(`no active key ${req.params.id}`);
    res.status(204).end();
  });
  return router;
}
