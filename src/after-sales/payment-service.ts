import type { Db, Queryable } from '../db/db.js';
import { describe, type Principal } from '../auth/principal.js';
import { ClaimStore } from '../claims/claim-store.js';
import { AppError } from '../errors/app-error.js';
import { ConflictError, NotFoundError } from '../errors/http-errors.js';
import type { SettlementService } from '../settlement/settlement-service.js';
import type { AfterSalesPolicies } from './after-sales-policy.js';
import { PaymentStore, type PaymentStep, type PaymentStepName } from './payment-store.js';
import { paymentStateOf, type PaymentStatus } from './payment-status.js';

export interface MaterialSourceException {
  claimNumber: string;
  lineId: string;
  partNumber: string | null;
  source: string;
  reason: 'source-not-accepted' | 'proof-of-purchase-missing';
  amountFen: number;
}

const outOfOrder = (detail: string) => new ConflictError('statement-step-out-of-order', detail);

/** From the auditor's result to the station's payment (000 费用结算室 §5–11). */
export class PaymentService {
  private readonly store: PaymentStore;
  private readonly claims: ClaimStore;

  constructor(
    private readonly db: Db,
    private readonly settlement: SettlementService,
    private readonly policies: () => AfterSalesPolicies,
    private readonly clock: () => Date,
  ) {
    this.store = new PaymentStore(db);
    this.claims = new ClaimStore(db);
  }

  private async lock(tx: Queryable, stationId: string): Promise<void> {
    if (this.db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`statement:${stationId}`]);
  }

  async view(stationId: string, month: string, db: Queryable = this.db) {
    const steps = await this.store.steps(stationId, month, db);
    return { stationId, month, ...paymentStateOf(steps), steps };
  }

  /**
   * §6: the part lines of the statement whose claim declares a material source the policy does not pay
   * (not the manufacturer's channel, or bought elsewhere without a proof of purchase).
   */
  async materialSourceCheck(statement: Awaited<ReturnType<SettlementService['stationStatement']>>): Promise<{ exceptions: MaterialSourceException[]; undeclaredClaims: string[] }> {
    const exceptions: MaterialSourceException[] = [];
    const undeclared = new Set<string>();
    const claimNumbers = [...new Set(statement.lines.filter((l) => l.kind === 'part' && l.paidFen > 0).map((l) => l.claimNumber))];
    for (const claimNumber of claimNumbers) {
      const [latest] = await this.claims.findRevisions(claimNumber, statement.stationId);
      const body = latest ? (JSON.parse(latest.bodyText) as { partsSource?: { source: string; proofOfPurchase?: string } }) : {};
      const versions = await this.claims.decisionsOfClaim(claimNumber, statement.stationId);
      const decision = versions[versions.length - 1]?.decision;
      const policy = decision?.productLine ? this.policies().at(decision.productLine, decision.today) : null;
      if (!body.partsSource || !policy) {
        undeclared.add(claimNumber);
        continue;
      }
      const { source, proofOfPurchase } = body.partsSource;
      const reason = policy.materialSources.accepted.includes(source)
        ? null
        : policy.materialSources.withProofOfPurchase.includes(source)
          ? (proofOfPurchase ? null : 'proof-of-purchase-missing')
          : 'source-not-accepted';
      if (!reason) continue;
      for (const l of statement.lines.filter((x) => x.claimNumber === claimNumber && x.kind === 'part' && x.paidFen > 0)) {
        exceptions.push({ claimNumber, lineId: l.lineId, partNumber: l.partNumber, source, reason, amountFen: l.paidFen });
      }
    }
    return { exceptions, undeclaredClaims: [...undeclared] };
  }

  private async append(stationId: string, month: string, step: PaymentStepName, amountFen: number, details: Record<string, unknown>, note: string, principal: Principal, tx: Queryable, allowed: readonly PaymentStatus[]) {
    const before = paymentStateOf(await this.store.steps(stationId, month, tx));
    if (!allowed.includes(before.status)) throw outOfOrder(`the statement of ${stationId} for ${month} is ${before.status}; ${step} needs it ${allowed.join(' or ')}`);
    const after = paymentStateOf([...(await this.store.steps(stationId, month, tx)), { step, amountFen, details } as PaymentStep]);
    await this.store.append({ stationId, month, step, status: after.status, amountFen, details, note, recordedBy: describe(principal) }, this.clock(), tx);
    return before;
  }

  /** §8: the auditor's result is sent to the station: the statement's net (warranty + goodwill − charged back) as it stands, and the material-source check. */
  async sendResult(stationId: string, month: string, note: string, principal: Principal) {
    const statement = await this.settlement.stationStatement(stationId, month);
    const check = await this.materialSourceCheck(statement);
    return this.db.transaction(async (tx) => {
      await this.lock(tx, stationId);
      const t = statement.totals;
      const details = {
        lines: t.lines, claimedFen: t.claimedFen, deductedFen: t.deductedFen, paidFen: t.paidFen, goodwillFen: t.goodwillFen, chargedBackFen: t.chargedBackFen, returnDebitedFen: t.returnDebitedFen,
        materialSourceExceptions: check.exceptions, undeclaredMaterialSource: check.undeclaredClaims,
      };
      await this.append(stationId, month, 'result-sent', t.netFen, details, note, principal, tx, ['not-sent', 'awaiting-invoice', 'invoice-returned']);
      return this.view(stationId, month, tx);
    });
  }

  /** §8–9: the station's settlement invoice, recorded only when its amount equals the net sent. */
  async recordInvoice(stationId: string, month: string, invoice: { invoiceNumber: string; amountFen: number; invoiceDate: string; note: string }, principal: Principal) {
    return this.db.transaction(async (tx) => {
      await this.lock(tx, stationId);
      // One invoice pays one statement once: a number the station used already (on any month's
      // statement, also one finance returned) is refused, so no invoice is paid twice.
      const usedOn = await this.store.invoiceMonth(stationId, invoice.invoiceNumber, tx);
      if (usedOn !== null) {
        throw new ConflictError('invoice-number-used', `invoice ${invoice.invoiceNumber} of ${stationId} was recorded on the statement of ${usedOn} already; a new invoice has a new number`);
      }
      const state = paymentStateOf(await this.store.steps(stationId, month, tx));
      if (state.status === 'awaiting-invoice' || state.status === 'invoice-returned') {
        const differenceFen = invoice.amountFen - (state.netFen ?? 0);
        if (differenceFen !== 0) {
          throw new AppError(422, 'invoice-amount-mismatch', `the invoice is ${invoice.amountFen} fen; the statement's net is ${state.netFen} fen (difference ${differenceFen} fen)`, {
            netFen: state.netFen, invoiceFen: invoice.amountFen, differenceFen, errors: [{ path: 'amountFen', message: `must equal the statement's net ${state.netFen} fen` }],
          });
        }
      }
      await this.append(stationId, month, 'invoice-received', invoice.amountFen, { invoiceNumber: invoice.invoiceNumber, invoiceDate: invoice.invoiceDate }, invoice.note, principal, tx, ['awaiting-invoice', 'invoice-returned']);
      return this.view(stationId, month, tx);
    });
  }

  /** §10: finance does not accept the invoice: it goes back to the station, which sends a new one. */
  async rejectInvoice(stationId: string, month: string, invoiceNumber: string, note: string, principal: Principal) {
    return this.db.transaction(async (tx) => {
      await this.lock(tx, stationId);
      const state = paymentStateOf(await this.store.steps(stationId, month, tx));
      if (state.invoice?.invoiceNumber !== invoiceNumber) throw new NotFoundError(`no invoice ${invoiceNumber} awaits payment on the statement of ${stationId} for ${month}`);
      await this.append(stationId, month, 'invoice-rejected', 0, { invoiceNumber }, note, principal, tx, ['invoice-received']);
      return this.view(stationId, month, tx);
    });
  }

  /** §11: paid to the station's account or converted to parts credit; never more than is outstanding. */
  async recordPayment(stationId: string, month: string, payment: { method: 'account' | 'parts-credit'; amountFen: number; paidDate: string; reference?: string | undefined; note: string }, principal: Principal) {
    return this.db.transaction(async (tx) => {
      await this.lock(tx, stationId);
      const state = paymentStateOf(await this.store.steps(stationId, month, tx));
      if ((state.status === 'invoice-received' || state.status === 'part-paid') && payment.amountFen > state.outstandingFen) {
        throw new AppError(422, 'payment-exceeds-outstanding', `${payment.amountFen} fen is more than the ${state.outstandingFen} fen outstanding`, { outstandingFen: state.outstandingFen, errors: [{ path: 'amountFen', message: `at most ${state.outstandingFen} fen` }] });
      }
      const { note, amountFen, ...details } = payment;
      await this.append(stationId, month, 'paid', amountFen, details, note, principal, tx, ['invoice-received', 'part-paid']);
      return this.view(stationId, month, tx);
    });
  }

  /** §11: the station buys parts against its parts credit; never beyond the balance. */
  async useCredit(stationId: string, use: { amountFen: number; usedDate: string; orderNumber: string; note: string }, principal: Principal) {
    return this.db.transaction(async (tx) => {
      await this.lock(tx, stationId);
      const balance = await this.balance(stationId, tx);
      if (use.amountFen > balance.partsCreditBalanceFen) {
        throw new AppError(422, 'parts-credit-exceeded', `${use.amountFen} fen is more than the ${balance.partsCreditBalanceFen} fen of parts credit`, { partsCreditBalanceFen: balance.partsCreditBalanceFen, errors: [{ path: 'amountFen', message: `at most ${balance.partsCreditBalanceFen} fen` }] });
      }
      await this.store.append({ stationId, month: use.usedDate.slice(0, 7), step: 'parts-credit-used', status: 'parts-credit-used', amountFen: use.amountFen, details: { usedDate: use.usedDate, orderNumber: use.orderNumber }, note: use.note, recordedBy: describe(principal) }, this.clock(), tx);
      return this.balance(stationId, tx);
    });
  }

  /** What the station was sent, what it was paid to its account or in parts credit, and what is left. */
  async balance(stationId: string, db: Queryable = this.db) {
    const steps = await this.store.steps(stationId, undefined, db);
    const months = [...new Set(steps.filter((s) => s.step !== 'parts-credit-used').map((s) => s.month))].sort();
    const statements = months.map((month) => {
      const state = paymentStateOf(steps.filter((s) => s.month === month));
      return { month, status: state.status, netFen: state.netFen ?? 0, paidFen: state.paidFen, outstandingFen: state.outstandingFen };
    });
    const paid = (method: string) => steps.filter((s) => s.step === 'paid' && s.details.method === method).reduce((n, s) => n + s.amountFen, 0);
    const used = steps.filter((s) => s.step === 'parts-credit-used').reduce((n, s) => n + s.amountFen, 0);
    return {
      stationId,
      statements,
      netFen: statements.reduce((n, s) => n + s.netFen, 0),
      paidToAccountFen: paid('account'),
      partsCreditFen: paid('parts-credit'),
      partsCreditUsedFen: used,
      partsCreditBalanceFen: paid('parts-credit') - used,
      outstandingFen: statements.reduce((n, s) => n + s.outstandingFen, 0),
    };
  }
}
