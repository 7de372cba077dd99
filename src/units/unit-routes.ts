import express, { Router } from 'express';
import type { Db } from '../db/db.js';
import { allow, principalOf } from '../auth/authenticate.js';
import { parseOr400 } from '../app/validate.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors/http-errors.js';
import { unitSchema } from './unit-schema.js';
import { UnitStore } from './unit-store.js';
import { parseUnitImport } from './unit-import.js';
import { ClaimStore } from '../claims/claim-store.js';
import type { RuleBook } from '../rules/rule-book.js';

export function unitRoutes(db: Db, ruleBook: () => RuleBook): Router {
  const units = new UnitStore(db);
  const claims = new ClaimStore(db);
  const router = Router();

  const checkProductLine = (productLine: string) => {
    if (!ruleBook().productLines.includes(productLine)) {
      return `unknown product line ${productLine}; known: ${ruleBook().productLines.join(', ')}`;
    }
    return null;
  };

  router.post('/v1/units', allow('auditor'), async (req, res) => {
    const unit = parseOr400(unitSchema, req.body);
    const badLine = checkProductLine(unit.productLine);
    if (badLine) throw new ValidationError([{ path: 'productLine', message: badLine }]);
    if (!(await units.insert(unit))) throw new ConflictError('unit-exists', (await units.existing(unit)) ?? 'the unit is already registered');
    res.status(201).location(`/v1/units/${encodeURIComponent(unit.unitId)}`).json(unit);
  });

  router.post(
    '/v1/units/import',
    allow('auditor'),
    express.text({ type: ['text/csv', 'application/x-ndjson', 'application/jsonl', 'text/plain'], limit: '20mb' }),
    async (req, res) => {
      const type = req.get('content-type') ?? '';
      const format = type.startsWith('text/csv') ? 'csv' : 'jsonl';
      if (typeof req.body !== 'string') throw new ValidationError([{ path: '(body)', message: 'send CSV (text/csv) or JSON lines (application/x-ndjson)' }]);
      const rows = parseUnitImport(req.body, format);
      const report: Array<{ row: number; unitId?: string; status: 'created' | 'rejected'; errors?: Array<{ path: string; message: string }> }> = [];
      await db.transaction(async (tx) => {
        for (const row of rows) {
          if (!row.unit) {
            report.push({ row: row.row, status: 'rejected', errors: row.errors ?? [] });
            continue;
          }
          const badLine = checkProductLine(row.unit.productLine);
          if (badLine) {
            report.push({ row: row.row, unitId: row.unit.unitId, status: 'rejected', errors: [{ path: 'productLine', message: badLine }] });
          } else if (await units.insert(row.unit, tx)) {
            report.push({ row: row.row, unitId: row.unit.unitId, status: 'created' });
          } else {
            report.push({ row: row.row, unitId: row.unit.unitId, status: 'rejected', errors: [{ path: 'unitId', message: 'already registered (unitId, VIN, frame serial or serial number)' }] });
          }
        }
      });
      const created = report.filter((r) => r.status === 'created').length;
      res.status(200).json({ format, received: rows.length, created, rejected: rows.length - created, rows: report });
    },
  );

  router.get('/v1/units/:unitId', allow('auditor', 'dealer'), async (req, res) => {
    const principal = principalOf(req);
    const unit = await units.get(req.params.unitId as string);
    if (!unit) throw new NotFoundError(`no unit ${req.params.unitId}`);
    const history = await claims.historyOf(unit.unitId);
    if (principal.role !== 'dealer') return void res.json({ ...unit, claims: history });
    // A dealer sees a unit it sold or has claimed on, with its own station's claims only (as in
    // /v1/claims); any other unit is answered as unknown, so a key cannot probe the registry.
    const own = history.filter((c) => c.stationId === principal.stationId);
    if (own.length === 0 && unit.dealerId !== principal.stationId) throw new NotFoundError(`no unit ${req.params.unitId}`);
    res.json({ ...unit, claims: own });
  });

  return router;
}
