import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod.js';
import { jsonResponse, pathParam, registerOperation } from '../app/openapi-helpers.js';
import { creditUseSchema, invoiceRejectionSchema, invoiceSchema, paymentSchema, resultSchema } from './payment-routes.js';

const status = z.enum(['not-sent', 'awaiting-invoice', 'invoice-received', 'invoice-returned', 'part-paid', 'paid']);
export const statementPaymentSchema = z
  .object({
    stationId: z.string(), month: z.string(), status, netFen: z.number().int().nullable(),
    invoice: z.object({ invoiceNumber: z.string(), amountFen: z.number().int(), invoiceDate: z.string() }).nullable(),
    paidFen: z.number().int(), outstandingFen: z.number().int(),
    steps: z.array(z.object({ id: z.number().int(), stationId: z.string(), month: z.string(), step: z.string(), status: z.string(), amountFen: z.number().int(), details: z.record(z.string(), z.unknown()), note: z.string(), recordedBy: z.string(), recordedAt: z.string() })),
  })
  .openapi('StatementPayment');
export const stationBalanceSchema = z
  .object({
    stationId: z.string(),
    statements: z.array(z.object({ month: z.string(), status, netFen: z.number().int(), paidFen: z.number().int(), outstandingFen: z.number().int() })),
    netFen: z.number().int(), paidToAccountFen: z.number().int(), partsCreditFen: z.number().int(), partsCreditUsedFen: z.number().int(),
    partsCreditBalanceFen: z.number().int(), outstandingFen: z.number().int(),
  })
  .openapi('StationBalance');

const statementParams = z.object({ stationId: pathParam('the service station'), month: pathParam('the statement month YYYY-MM') });
const stationParams = z.object({ stationId: pathParam('the service station') });
const outOfOrder = 'the step does not follow from the statement\'s status (statement-step-out-of-order)';

export function registerPaymentPaths(registry: OpenAPIRegistry): void {
  const base = '/v1/statements/stations/{stationId}/{month}';
  registerOperation(registry, {
    method: 'get', path: `${base}/payment`, operationId: 'getStatementPayment', roles: ['auditor', 'dealer'],
    summary: 'Where a station\'s monthly statement stands on its way to payment, with every step', params: statementParams,
    responses: { 200: jsonResponse(statementPaymentSchema, 'the status, the net sent, the invoice, paid and outstanding') },
  });
  registerOperation(registry, {
    method: 'post', path: `${base}/results`, operationId: 'sendStatementResult', roles: ['auditor'],
    summary: 'Send the audit result to the station: the statement\'s net as it stands, with the material-source check (费用结算室 §6, §8)', params: statementParams,
    body: { schema: registry.register('StatementResult', resultSchema) },
    responses: { 201: jsonResponse(statementPaymentSchema, 'awaiting the station\'s invoice') }, errors: { 409: outOfOrder },
  });
  registerOperation(registry, {
    method: 'post', path: `${base}/invoices`, operationId: 'recordStationInvoice', roles: ['auditor', 'dealer'],
    summary: 'Record the station\'s settlement invoice; its amount must equal the net sent', params: statementParams,
    body: { schema: registry.register('StationInvoice', invoiceSchema) },
    responses: { 201: jsonResponse(statementPaymentSchema, 'the invoice recorded') },
    errors: { 409: `${outOfOrder}; or the station used this invoice number already (invoice-number-used)`, 422: 'the amount differs from the net (invoice-amount-mismatch, with differenceFen)' },
  });
  registerOperation(registry, {
    method: 'post', path: `${base}/invoices/{invoiceNumber}/rejections`, operationId: 'rejectStationInvoice', roles: ['auditor'],
    summary: 'Finance does not accept the invoice: it goes back to the station (费用结算室 §10)',
    params: statementParams.extend({ invoiceNumber: pathParam('the invoice number') }),
    body: { schema: registry.register('InvoiceRejection', invoiceRejectionSchema) },
    responses: { 201: jsonResponse(statementPaymentSchema, 'returned to the station') }, errors: { 404: 'no such invoice awaits payment', 409: outOfOrder },
  });
  registerOperation(registry, {
    method: 'post', path: `${base}/payments`, operationId: 'recordStatementPayment', roles: ['auditor'],
    summary: 'Record a payment to the station\'s account or its conversion to parts credit (费用结算室 §11)', params: statementParams,
    body: { schema: registry.register('StatementPaymentInput', paymentSchema) },
    responses: { 201: jsonResponse(statementPaymentSchema, 'paid or part-paid') },
    errors: { 409: outOfOrder, 422: 'more than is outstanding (payment-exceeds-outstanding)' },
  });
  registerOperation(registry, {
    method: 'get', path: '/v1/stations/{stationId}/balance', operationId: 'getStationBalance', roles: ['auditor', 'dealer'],
    summary: 'A station\'s balance: nets sent, paid to its account, parts credit and what is left of it, outstanding', params: stationParams,
    responses: { 200: jsonResponse(stationBalanceSchema, 'the balance') },
  });
  registerOperation(registry, {
    method: 'post', path: '/v1/stations/{stationId}/parts-credit-uses', operationId: 'useStationPartsCredit', roles: ['auditor'],
    summary: 'The station buys parts against its parts credit', params: stationParams,
    body: { schema: registry.register('PartsCreditUse', creditUseSchema) },
    responses: { 201: jsonResponse(stationBalanceSchema, 'the balance after') }, errors: { 422: 'beyond the parts credit (parts-credit-exceeded)' },
  });
}
