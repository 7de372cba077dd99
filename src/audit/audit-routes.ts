import { Router } from 'express';
import { z } from '../zod.js';
import { allow } from '../auth/authenticate.js';
import { parseOr400 } from '../app/validate.js';
import type { AuditStore } from './audit-store.js';

export const auditQuerySchema = z.object({
  keyId: z.string().regex(/^[1-9]\d{0,14}$/, 'a key id').optional(),
  action: z.string().min(1).max(200).optional(),
  cursor: z.string().regex(/^[1-9]\d{0,14}$/, 'a cursor from nextCursor').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function auditRoutes(store: AuditStore): Router {
  const router = Router();
  router.get('/v1/audit', allow('admin'), async (req, res) => {
    const query = parseOr400(auditQuerySchema, req.query, 'query');
    const rows = await store.list({ keyId: query.keyId ? Number(query.keyId) : undefined, action: query.action, before: query.cursor ? Number(query.cursor) : undefined, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    res.json({ items: page, nextCursor: rows.length > query.limit ? String(page[page.length - 1]!.id) : null });
  });
  return router;
}
