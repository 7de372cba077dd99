import { Router } from 'express';
import { z } from '../zod.js';
import { allow, principalOf } from '../auth/authenticate.js';
import { parseOr400 } from '../app/validate.js';
import { isoDateSchema } from '../claims/claim-schema.js';
import { ownStation } from '../settlement/settlement-routes.js';
import type { PaymentService } from './payment-service.js';

const note = z.string().trim().min(3, 'a note saying why is required').max(4000);
const fen = z.number().int('money is an integer number of fen').positive().max(Number.MAX_SAFE_INTEGER);

export const statementParamsSchema = z.object({
  stationId: z.string().min(1).max(64),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM'),
});
export const invoiceParamsSchema = statementParamsSchema.extend({ invoiceNumber: z.string().min(1).max(64) });
export const stationParamsSchema = z.object({ stationId: z.string().min(1).max(64) });
export const resultSchema = z.object({ note });
export const invoiceSchema = z.object({ invoiceNumber: z.string().trim().min(1).max(64), amountFen: fen, invoiceDate: isoDateSchema, note });
export const invoiceRejectionSchema = z.object({ note });
export const paymentSchema = z.object({ method: z.enum(['account', 'parts-credit']), amountFen: fen, paidDate: isoDateSchema, reference: z.string().trim().min(1).max(64).optional(), note });
export const creditUseSchema = z.object({ amountFen: fen, usedDate: isoDateSchema, orderNumber: z.string().trim().min(1).max(64), note });

export function paymentRoutes(payments: PaymentService): Router {
  const router = Router();
  const base = '/v1/statements/stations/:stationId/:month';

  router.get(`${base}/payment`, allow('auditor', 'dealer'), async (req, res) => {
    const p = parseOr400(statementParamsSchema, req.params, 'params');
    ownStation(req, p.stationId);
    res.json(await payments.view(p.stationId, p.month));
  });

  router.post(`${base}/results`, allow('auditor'), async (req, res) => {
    const p = parseOr400(statementParamsSchema, req.params, 'params');
    const body = parseOr400(resultSchema, req.body);
    res.status(201).json(await payments.sendResult(p.stationId, p.month, body.note, principalOf(req)));
  });

  router.post(`${base}/invoices`, allow('auditor', 'dealer'), async (req, res) => {
    const p = parseOr400(statementParamsSchema, req.params, 'params');
    ownStation(req, p.stationId);
    const body = parseOr400(invoiceSchema, req.body);
    res.status(201).json(await payments.recordInvoice(p.stationId, p.month, body, principalOf(req)));
  });

  router.post(`${base}/invoices/:invoiceNumber/rejections`, allow('auditor'), async (req, res) => {
    const p = parseOr400(invoiceParamsSchema, req.params, 'params');
    const body = parseOr400(invoiceRejectionSchema, req.body);
    res.status(201).json(await payments.rejectInvoice(p.stationId, p.month, p.invoiceNumber, body.note, principalOf(req)));
  });

  router.post(`${base}/payments`, allow('auditor'), async (req, res) => {
    const p = parseOr400(statementParamsSchema, req.params, 'params');
    const body = parseOr400(paymentSchema, req.body);
    res.status(201).json(await payments.recordPayment(p.stationId, p.month, body, principalOf(req)));
  });

  router.get('/v1/stations/:stationId/balance', allow('auditor', 'dealer'), async (req, res) => {
    const p = parseOr400(stationParamsSchema, req.params, 'params');
    ownStation(req, p.stationId);
    res.json(await payments.balance(p.stationId));
  });

  router.post('/v1/stations/:stationId/parts-credit-uses', allow('auditor'), async (req, res) => {
    const p = parseOr400(stationParamsSchema, req.params, 'params');
    const body = parseOr400(creditUseSchema, req.body);
    res.status(201).json(await payments.useCredit(p.stationId, body, principalOf(req)));
  });

  return router;
}
