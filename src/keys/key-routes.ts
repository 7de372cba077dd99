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

export function keyRoutes(keys: KeyStore): Router {
  const router = Router();
  router.post('/v1/keys', allow('admin'), async (req, res) => {
    const body = parseOr400(createKeySchema, req.body);
    const created = await keys.create(body.role, body.stationId ?? null, body.label ?? null);
    res.status(201).json({ ...created, note: 'the key is shown once; store it now' });
  });
  router.get('/v1/keys', allow('admin'), async (_req, res) => {
    res.json({ items: await keys.list() });
  });
  router.delete('/v1/keys/:id', allow('admin'), async (req, res) => {
    // Key ids are positive integers the database assigned; anything else (1e308, -1, 0x1) names no key.
    const id = /^[1-9]\d{0,14}$/.test(req.params.id as string) ? Number(req.params.id) : null;
    if (id === null || !(await keys.revoke(id))) throw new NotFoundError(`no active key ${req.params.id}`);
    res.status(204).end();
  });
  return router;
}
