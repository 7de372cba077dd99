import { Router, type Request, type Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import { z } from '../zod.js';
import { allow, principalOf } from '../auth/authenticate.js';
import { parseOr400 } from '../app/validate.js';
import { isoDateSchema } from '../claims/claim-schema.js';
import { ForbiddenError } from '../errors/http-errors.js';
import type { SettlementService } from './settlement-service.js';

const format = z.enum(['json', 'csv']).optional();
export const statementQuerySchema = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM'), format });
export const periodQuerySchema = z
  .object({ from: isoDateSchema, to: isoDateSchema, party: z.string().min(1).optional(), format })
  .refine((q) => q.from <= q.to, { message: 'from is after to', path: ['from'] });

export function wantsCsv(req: Request, requested: string | undefined): boolean {
  return requested === 'csv' || (requested === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');
}

export function sendCsv(res: Response, filename: string, rows: Array<Record<string, unknown>>): void {
  res.type('text/csv').attachment(filename).send(stringify(rows, { header: true }));
}

export function ownStation(req: Request, stationId: string): void {
  const principal = principalOf(req);
  if (principal.role === 'dealer' && principal.stationId !== stationId) throw new ForbiddenError(`this key sees station ${principal.stationId ?? '(none)'} only`);
}

export function settlementRoutes(settlement: SettlementService): Router {
  const router = Router();

  router.get('/v1/statements/stations/:stationId', allow('auditor', 'dealer'), async (req, res) => {
    const stationId = req.params.stationId as string;
    ownStation(req, stationId);
    const query = parseOr400(statementQuerySchema, req.query, 'query');
    const statement = await settlement.stationStatement(stationId, query.month);
    if (!wantsCsv(req, query.format)) return void res.json(statement);
    sendCsv(res, `statement-${stationId}-${query.month}.csv`, statement.lines.map((l) => ({
      bookedOn: l.bookedOn, claimNumber: l.claimNumber, decisionVersion: l.decisionVersion, unitId: l.unitId ?? '', lineId: l.lineId, kind: l.kind,
      partNumber: l.partNumber ?? '', operationCode: l.operationCode ?? '', liableParty: `${l.liableParty.type}${l.liableParty.id ? `:${l.liableParty.id}` : ''}`,
      claimedFen: l.claimedFen, approvedFen: l.approvedFen, deductedFen: l.deductedFen, paidFen: l.paidFen, deductions: l.deductions.map((d) => `${d.code} ${d.amountFen}`).join('; '),
    })));
  });

  router.get('/v1/recoveries', allow('auditor'), async (req, res) => {
    const query = parseOr400(periodQuerySchema, req.query, 'query');
    const report = await settlement.recoveries({ from: query.from, to: query.to }, query.party);
    if (!wantsCsv(req, query.format)) return void res.json(report);
    sendCsv(res, `recoveries-${query.from}-${query.to}.csv`, report.notices.flatMap((n) => n.lines.map((l) => ({
      partyType: n.party.type, partyId: n.party.id ?? '', bookedOn: l.bookedOn, claimNumber: l.claimNumber, stationId: l.stationId, unitId: l.unitId ?? '',
      lineId: l.lineId, kind: l.kind, causalPartNumber: l.causalPartNumber ?? '', partNumber: l.partNumber ?? '', oldPart: l.oldPart, amountFen: l.amountFen,
      reinspection: l.reinspection ?? '', chargedBackTo: l.chargedBackTo ?? '',
    }))));
  });

  router.get('/v1/stations/:stationId/accuracy', allow('auditor', 'dealer'), async (req, res) => {
    const stationId = req.params.stationId as string;
    ownStation(req, stationId);
    const query = parseOr400(periodQuerySchema, req.query, 'query');
    const accuracy = await settlement.accuracy(stationId, { from: query.from, to: query.to });
    if (!wantsCsv(req, query.format)) return void res.json(accuracy);
    sendCsv(res, `accuracy-${stationId}-${query.from}-${query.to}.csv`, (['overall', 'electrical'] as const).map((scope) => ({
      stationId, from: query.from, to: query.to, scope, ...accuracy[scope], pct: accuracy[scope].pct ?? '', standardPct: accuracy[scope].standardPct ?? '', meetsStandard: accuracy[scope].meetsStandard ?? '', pendedLines: accuracy.pendedLines,
    })));
  });

  return router;
}
