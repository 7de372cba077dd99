import type { Db, Queryable } from '../db/db.js';
import { describe, type Principal } from '../auth/principal.js';
import type { RuleBook } from '../rules/rule-book.js';
import { UnitStore } from '../units/unit-store.js';
import { exchangeWindowDays } from '../eligibility/eligibility.js';
import { AppError } from '../errors/app-error.js';
import { ConflictError, NotFoundError } from '../errors/http-errors.js';
import { todayIn } from '../terms/term-arithmetic.js';
import type { AfterSalesPolicies, ExchangeRefundPolicy } from './after-sales-policy.js';
import { filingRefusals, jointInspectionLastDay, whoPays } from './return-decision.js';
import { returnStateOf, type ReturnState } from './return-status.js';
import { ReturnStore, type ReturnKind, type ReturnRequestRow, type ReturnStep } from './return-store.js';

export interface ReturnView extends ReturnRequestRow {
  state: ReturnState;
  steps: ReturnStep[];
}

export interface ReturnInput {
  stationId: string;
  repairerId?: string | undefined;
  unitId: string;
  kind: ReturnKind;
  reason: string;
  requestedDate: string;
  invoice?: { number: string; date: string; amountFen: number } | undefined;
  accessories: { present: string[]; missing: string[] };
  documentsComplete: boolean;
  note: string;
}

export type ReturnStepInput =
  | { step: 'inspection-scheduled'; arrivedDate: string; inspectionDate: string; note: string }
  | { step: 'inspected'; inspectedDate: string; dealerAttended: boolean; factoryInspector: string; dealerInspector?: string | undefined; defectConfirmed: boolean; accessoriesMissing: string[]; note: string }
  | { step: 'approved'; decidedDate: string; repairCostFen?: number | undefined; note: string }
  | { step: 'refused'; decidedDate: string; reasonCode: string; note: string };

const unprocessable = (code: string, detail: string, path: string) => new AppError(422, code, detail, { errors: [{ path, message: detail }] });
const outOfOrder = (detail: string) => new ConflictError('return-step-out-of-order', detail);

/** Whole-unit exchange, refund and repair of a sold unit (004 §9.1–9.6): filing, joint inspection, decision, who pays. */
export class ReturnService {
  private readonly store: ReturnStore;
  private readonly units: UnitStore;

  constructor(
    private readonly db: Db,
    private readonly ruleBook: () => RuleBook,
    private readonly policies: () => AfterSalesPolicies,
    private readonly clock: () => Date,
  ) {
    this.store = new ReturnStore(db);
    this.units = new UnitStore(db);
  }

  private today(): string {
    return todayIn(this.ruleBook().policies[0]?.file.timeZone ?? 'UTC', this.clock());
  }

  private policyOf(productLine: string, date: string, path: string): ExchangeRefundPolicy {
    const policy = this.policies().at(productLine, date)?.exchangeRefund;
    if (!policy) throw unprocessable('no-return-policy', `no exchange-and-refund policy of ${productLine} on ${date}`, path);
    return policy;
  }

  private notFuture(date: string, path: string): void {
    const today = this.today();
    if (date > today) throw unprocessable('date-in-future', `${date} is after today (${today})`, path);
  }

  private async lock(tx: Queryable, key: string): Promise<void> {
    if (this.db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
  }

  async view(id: number, db: Queryable = this.db): Promise<ReturnView> {
    const request = await this.store.find(id, db);
    if (!request) throw new NotFoundError(`no return ${id}`);
    const steps = (await this.store.steps([id], db)).get(id) ?? [];
    return { ...request, state: returnStateOf(steps), steps };
  }

  async list(filter: { stationId?: string | undefined; unitId?: string | undefined; status?: string | undefined; limit: number }): Promise<ReturnView[]> {
    const requests = await this.store.list(filter);
    const steps = await this.store.steps(requests.map((r) => r.id));
    return requests.map((r) => ({ ...r, state: returnStateOf(steps.get(r.id) ?? []), steps: steps.get(r.id) ?? [] }));
  }

  /** Files a request; one that fails §9.1–9.2 is kept, refused with its reason codes. */
  async file(input: ReturnInput, principal: Principal): Promise<ReturnView> {
    const unit = await this.units.get(input.unitId);
    if (!unit) throw unprocessable('unknown-unit', `no unit ${input.unitId} in the registry`, 'unitId');
    this.notFuture(input.requestedDate, 'requestedDate');
    if (input.requestedDate < unit.saleDate) throw unprocessable('before-sale', `the request of ${input.requestedDate} is before the sale on ${unit.saleDate}`, 'requestedDate');
    const policy = this.policyOf(unit.productLine, input.requestedDate, 'unitId');
    if (!policy.reasons[input.reason]) throw unprocessable('unknown-return-reason', `reason ${input.reason} is not one of ${Object.keys(policy.reasons).join(', ')}`, 'reason');
    for (const [side, list] of [['present', input.accessories.present], ['missing', input.accessories.missing]] as const) {
      list.forEach((a, i) => {
        if (policy.accessoryPricesFen[a] === undefined) throw unprocessable('unknown-accessory', `accessory ${a} is not one of ${Object.keys(policy.accessoryPricesFen).join(', ')}`, `accessories.${side}.${i}`);
      });
    }
    if (input.kind !== 'repair' && !input.invoice) throw unprocessable('return-needs-invoice', `an ${input.kind} needs the purchase invoice (004 §9.1: 凭有效发票)`, 'invoice');
    const windowDays = exchangeWindowDays(this.ruleBook(), unit);
    if (input.kind !== 'repair' && windowDays === null) throw unprocessable('no-exchange-window', `the rules of ${unit.productLine} grant no exchange or refund`, 'kind');
    const refusals = filingRefusals({ ...input, saleDate: unit.saleDate, invoice: input.invoice ?? null, accessoriesMissing: input.accessories.missing }, policy, windowDays ?? 0);
    const by = describe(principal);
    return this.db.transaction(async (tx) => {
      if (input.kind !== 'repair') {
        await this.lock(tx, `return-unit:${unit.unitId}`);
        const [standing] = await this.store.standingExchangeOrRefund(unit.unitId, tx);
        if (standing) {
          throw new ConflictError('return-exchange-or-refund-exists', `unit ${unit.unitId} has ${standing.kind} ${standing.id} (${standing.status}): a unit is exchanged or refunded once`, {
            existingReturnId: standing.id, existingKind: standing.kind, existingStatus: standing.status,
          });
        }
      }
      const request = await this.store.insert({
        stationId: input.stationId, repairerId: input.repairerId ?? input.stationId, unitId: unit.unitId, productLine: unit.productLine, saleDate: unit.saleDate,
        kind: input.kind, reason: input.reason, requestedDate: input.requestedDate, invoice: input.invoice ?? null, accessories: input.accessories,
        documentsComplete: input.documentsComplete, note: input.note, createdBy: by,
      }, this.clock(), tx);
      const refused = refusals.length > 0;
      await this.store.appendStep(request.id, {
        step: refused ? 'refused' : 'requested', status: refused ? 'refused' : 'requested', onDate: input.requestedDate,
        details: refused ? { reasonCodes: refusals, atFiling: true } : {}, note: input.note, recordedBy: by,
      }, this.clock(), tx);
      return this.view(request.id, tx);
    });
  }

  /** A later step, checked against the state the earlier steps give, then appended. */
  async step(id: number, input: ReturnStepInput, principal: Principal): Promise<ReturnView> {
    return this.db.transaction(async (tx) => {
      await this.lock(tx, `return:${id}`);
      const before = await this.view(id, tx);
      const policy = this.policyOf(before.productLine, before.requestedDate, 'step');
      const s = before.state;
      const { note, step, ...rest } = input;
      let onDate: string;
      let details: Record<string, unknown> = { ...rest };
      switch (input.step) {
        case 'inspection-scheduled': {
          if (s.status !== 'requested') throw outOfOrder(`return ${id} is ${s.status}: an inspection is scheduled once, after the request`);
          this.notFuture(input.arrivedDate, 'arrivedDate');
          if (input.arrivedDate < before.requestedDate) throw unprocessable('arrived-before-request', `the unit cannot arrive (${input.arrivedDate}) before the request (${before.requestedDate})`, 'arrivedDate');
          if (input.inspectionDate < input.arrivedDate) throw unprocessable('inspection-before-arrival', 'the inspection is on or after the arrival', 'inspectionDate');
          onDate = input.arrivedDate;
          details = { ...details, jointInspectionLastDay: jointInspectionLastDay(input.arrivedDate, policy) };
          break;
        }
        case 'inspected': {
          if (s.status !== 'inspection-scheduled') throw outOfOrder(`return ${id} is ${s.status}: it is inspected once, after the inspection is scheduled`);
          this.notFuture(input.inspectedDate, 'inspectedDate');
          if (input.inspectedDate < s.arrivedDate!) throw unprocessable('inspection-before-arrival', `the unit arrived on ${s.arrivedDate}`, 'inspectedDate');
          if (!input.dealerAttended && input.inspectedDate <= s.jointInspectionLastDay!) {
            throw new ConflictError('joint-inspection-open', `the dealer may attend the joint inspection until ${s.jointInspectionLastDay}; the factory's record alone binds only after it`, { jointInspectionLastDay: s.jointInspectionLastDay });
          }
          input.accessoriesMissing.forEach((a, i) => {
            if (policy.accessoryPricesFen[a] === undefined) throw unprocessable('unknown-accessory', `accessory ${a} is not one of ${Object.keys(policy.accessoryPricesFen).join(', ')}`, `accessoriesMissing.${i}`);
          });
          onDate = input.inspectedDate;
          details = { ...details, binding: input.dealerAttended ? 'joint-record' : 'factory-record', dealerMissedDeadline: !input.dealerAttended };
          break;
        }
        case 'approved': {
          if (s.status !== 'inspected') throw outOfOrder(`return ${id} is ${s.status}: it is approved after its inspection`);
          if (before.kind !== 'repair' && !s.defectConfirmed) throw new ConflictError('return-defect-not-confirmed', `the inspection of return ${id} did not confirm the defect: refuse it (NDF)`);
          if (before.kind === 'repair' && input.repairCostFen === undefined) throw unprocessable('repair-needs-cost', 'a repair is approved with its priced cost (§9.6: 财务部核价)', 'repairCostFen');
          if (before.kind !== 'repair' && input.repairCostFen !== undefined) throw unprocessable('cost-only-for-repair', `an ${before.kind} is valued at its invoice`, 'repairCostFen');
          this.notFuture(input.decidedDate, 'decidedDate');
          onDate = input.decidedDate;
          const split = whoPays({ ...before, invoiceFen: before.invoice?.amountFen ?? null, repairCostFen: input.repairCostFen ?? null }, s.accessoriesMissingAtInspection, policy);
          details = { ...details, ...split };
          break;
        }
        case 'refused': {
          if (s.status === 'approved' || s.status === 'refused') throw outOfOrder(`return ${id} is ${s.status} already`);
          this.notFuture(input.decidedDate, 'decidedDate');
          onDate = input.decidedDate;
          details = { reasonCodes: [input.reasonCode], decidedDate: input.decidedDate };
          break;
        }
      }
      const dateField = { 'inspection-scheduled': 'arrivedDate', inspected: 'inspectedDate', approved: 'decidedDate', refused: 'decidedDate' }[step];
      if (onDate < before.requestedDate) throw unprocessable('before-request', `${onDate} is before the request (${before.requestedDate})`, dateField);
      await this.store.appendStep(id, { step, status: step, onDate, details, note, recordedBy: describe(principal) }, this.clock(), tx);
      return this.view(id, tx);
    });
  }

  /** Returns decided in a period: each with who pays what, and the totals per party, in fen. */
  async report(period: { from: string; to: string }, stationId?: string) {
    const ids = [...new Set(await this.store.decidedIn(period.from, period.to, stationId))];
    const returns = await Promise.all(ids.map((id) => this.view(id)));
    const total = (party: string) => returns.reduce((n, r) => n + (r.state.payers.find((p) => p.party === party)?.fen ?? 0), 0);
    return {
      period, currency: 'CNY' as const, returns,
      totals: {
        approved: returns.filter((r) => r.state.status === 'approved').length, refused: returns.filter((r) => r.state.status === 'refused').length,
        manufacturerFen: total('manufacturer'), dealerFen: total('dealer'), repairerFen: total('repairer'), customerFen: total('customer'),
        refundToCustomerFen: returns.reduce((n, r) => n + Number(r.steps.find((x) => x.step === 'approved')?.details.refundToCustomerFen ?? 0), 0),
      },
    };
  }
}
