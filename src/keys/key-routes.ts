import { Router } from 'express';
import { z } from '../zod.js';
import type { Db } from '../db/db.js';
import { allow } from '../auth/authenticate.js';
import { parseOr400 } from '../app/validate.js';
import { ROLES } from '../auth/principal.js';
import { NotFoundError, ValidationError } from '../errors/http-errors.js';
import { KeyStore } from './key-store.js';

export const createKeySchema = z
  .object({
    role: z.enum(ROLES),
    stationId: z.string().min(1).max(100).optional(),
    label: z.string().max(200).optional(),
    expiresAt: z.iso.datetime({ offset: true, message: 'an ISO instant, e.g. 2027-01-01T00:00:00Z' }).optional(),
  })
  .refine((k) => k.role !== 'dealer' || k.stationId !== undefined, { message: 'a dealer key needs its stationId', path: ['stationId'] });

export const rotateKeySchema = z.object({
  /** How long the old key keeps working after the new one is issued, so a client can switch over. */
  overlapSeconds: z.number().int().min(0).max(30 * 86_400).default(0),
});

/** Key ids are positive integers the database assigned; anything else (1e308, -1, 0x1) names no key. */
function keyIdOf(raw: string): number | null {
  return /^[1-9]\d{0,14}$/.test(raw) ? Number(raw) : null;
}

export const keyListQuerySchema = z.object({
  cursor: z.string().regex(/^\d+$/, 'a cursor from nextCursor').optional().openapi({ description: 'nextCursor of the page before' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function keyRoutes(keys: KeyStore, db: Db, clock: () => Date): Router {
  const router = Router();
  router.post('/v1/keys', allow('admin'), async (req, res) => {
    const body = parseOr400(createKeySchema, req.body);
    const expiresAt = body.expiresAt === undefined ? null : new Date(body.expiresAt);
    if (expiresAt && expiresAt.getTime() <= clock().getTime()) throw new ValidationError([{ path: 'expiresAt', message: 'a new key must expire in the future' }]);
    const created = await keys.create(body.role, body.stationId ?? null, body.label ?? null, undefined, { expiresAt });
    res.status(201).json({ ...created, note: 'the key is shown once; store it now' });
  });
  router.get('/v1/keys', allow('admin'), async (req, res) => {
    const query = parseOr400(keyListQuerySchema, req.query, 'query');
    const rows = await keys.list({ after: query.cursor === undefined ? undefined : Number(query.cursor), limit: query.limit + 1 }, clock());
    const items = rows.slice(0, query.limit);
    res.json({ items, nextCursor: rows.length > query.limit ? String(items[items.length - 1]!.id) : null });
  });
  router.post('/v1/keys/:id/rotation', allow('admin'), async (req, res) => {
    const id = keyIdOf(req.params.id as string);
    const body = parseOr400(rotateKeySchema, req.body ?? {});
    const created = id === null ? null : await db.transaction((tx) => keys.rotate(id, body.overlapSeconds, clock(), tx));
    if (!created) throw new NotFoundError(`no active key ${req.params.id}`);
    res.status(201).json({ ...created, replaces: id, note: `the key is shown once; the old key stops working ${body.overlapSeconds === 0 ? 'now' : `in ${body.overlapSeconds} s`}` });
  });
  router.delete('/v1/keys/:id', allow('admin'), async (req, res) => {
    const id = keyIdOf(req.params.id as string);
    if (id === null || !(await keys.revoke(id))) throw new NotFoundError(`no active key ${req.params.id}`);
    res.status(204).end();
  });
  return router;
}
