import type { Db, Queryable } from '../db/db.js';
import { isUniqueViolation } from '../db/db.js';
import { describe, type Principal } from '../auth/principal.js';
import type { Decision } from '../adjudication/decision.js';
import { ClaimStore } from '../claims/claim-store.js';
import { AppError } from '../errors/app-error.js';
import { ConflictError, NotFoundError } from '../errors/http-errors.js';
import type { AfterSalesPolicies } from './after-sales-policy.js';
import { OldPartStore, type OldPartRow, type OldPartStep, type OldPartStepName } from './old-part-store.js';
import { oldPartStatusOf, type OldPartStatus } from './old-part-status.js';
import { percentOf } from '../money/percent.js';

export interface OldPartView extends OldPartRow {
  status: OldPartStatus;
  steps: OldPartStep[];
}

export interface ReceiptInput {
  stationId: string;
  claimNumber: string;
  lineId: string;
  receivedDate: string;
  location: string;
  faultState: string;
  causeTag: boolean;
  repairRecord: boolean;
  note: string;
}

/** What a step needs of the part's status before it, and the step's own details. */
interface StepRequest {
  step: OldPartStepName;
  details: Record<string, unknown>;
  note: string;
}

const outOfOrder = (detail: string) => new ConflictError('old-part-step-out-of-order', detail);

/** The old part after the station (000 旧件管理及索赔 §1–16; 004 §8.2): receipt, ledger, re-inspection, shipment, disposal. */
export class OldPartService {
  private readonly store: OldPartStore;
  private readonly claims: ClaimStore;

  constructor(
    private readonly db: Db,
    private readonly policies: () => AfterSalesPolicies,
    private readonly clock: () => Date,
  ) {
    this.store = new OldPartStore(db);
    this.claims = new ClaimStore(db);
  }

  private async latestDecision(stationId: string, claimNumber: string, tx: Queryable): Promise<Decision> {
    const versions = await this.claims.decisionsOfClaim(claimNumber, stationId, tx);
    const last = versions[versions.length - 1];
    if (!last) throw new NotFoundError(`no claim ${claimNumber} of station ${stationId}`);
    return last.decision;
  }

  private async lock(tx: Queryable, key: string): Promise<void> {
    if (this.db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
  }

  async view(id: number, db: Queryable = this.db): Promise<OldPartView> {
    const part = await this.store.find(id, db);
    if (!part) throw new NotFoundError(`no old part ${id}`);
    const steps = (await this.store.steps([id], db)).get(id) ?? [];
    return { ...part, status: oldPartStatusOf(part.party.type, steps), steps };
  }

  async list(filter: { stationId?: string | undefined; claimNumber?: string | undefined; limit: number }): Promise<OldPartView[]> {
    const parts = await this.store.list(filter);
    const steps = await this.store.steps(parts.map((p) => p.id));
    return parts.map((p) => ({ ...p, status: oldPartStatusOf(p.party.type, steps.get(p.id) ?? []), steps: steps.get(p.id) ?? [] }));
  }

  /**
   * Receipt at the central store (§1–2). A part without what the policy requires with it (004 §8.2.1:
   * the cause tag and the repair record) is refused: the refusal is recorded, and the station may send
   * it again complete.
   */
  async receive(input: ReceiptInput, principal: Principal): Promise<OldPartView> {
    return this.db.transaction(async (tx) => {
      await this.lock(tx, `old-part:${input.stationId}:${input.claimNumber}:${input.lineId}`);
      const decision = await this.latestDecision(input.stationId, input.claimNumber, tx);
      const job = decision.jobs.find((j) => j.lines.some((l) => l.lineId === input.lineId));
      const line = job?.lines.find((l) => l.lineId === input.lineId);
      if (!job || !line) throw new NotFoundError(`claim ${input.claimNumber} has no line ${input.lineId}`);
      if (line.kind !== 'part') throw new AppError(422, 'not-a-part-line', `line ${input.lineId} is a ${line.kind} line; only part lines have an old part`, { errors: [{ path: 'lineId', message: 'not a part line' }] });
      const policy = decision.productLine ? this.policies().at(decision.productLine, input.receivedDate) : null;
      if (!policy) throw new AppError(422, 'no-after-sales-policy', `no after-sales policy of ${decision.productLine ?? '(no product line)'} on ${input.receivedDate}`, { errors: [{ path: 'receivedDate', message: 'no after-sales policy in force' }] });

      let part = await this.store.findByLine(input.stationId, input.claimNumber, input.lineId, tx);
      if (part) {
        const before = oldPartStatusOf(part.party.type, (await this.store.steps([part.id], tx)).get(part.id) ?? []);
        if (before.custody !== 'refused') throw new ConflictError('old-part-already-received', `the old part of ${input.claimNumber} ${input.lineId} is already received (old part ${part.id})`);
      } else {
        try {
          part = await this.store.insert({ stationId: input.stationId, claimNumber: input.claimNumber, lineId: input.lineId, unitId: decision.unitId ?? null, partNumber: line.partNumber ?? null, party: job.liableParty }, describe(principal), this.clock(), tx);
        } catch (error) {
          if (isUniqueViolation(error)) throw new ConflictError('old-part-already-received', 'the old part was recorded meanwhile; reload it');
          throw error;
        }
      }
      const has = { 'cause-tag': input.causeTag, 'repair-record': input.repairRecord };
      const missing = policy.oldParts.receiptRequires.filter((r) => !has[r]);
      const details = { receivedDate: input.receivedDate, location: input.location, faultState: input.faultState, causeTag: input.causeTag, repairRecord: input.repairRecord, ...(missing.length ? { missing, reasonCode: 'WA-OLD-PART-INCOMPLETE' } : {}) };
      await this.store.appendStep(part.id, { step: missing.length ? 'refused' : 'received', status: missing.length ? 'refused' : 'in-store', details, note: input.note, recordedBy: describe(principal) }, this.clock(), tx);
      return this.view(part.id, tx);
    });
  }

  /** Any later step: checked against the status the earlier steps give, then appended. */
  async step(id: number, request: StepRequest, principal: Principal): Promise<OldPartView> {
    return this.db.transaction(async (tx) => {
      await this.lock(tx, `old-part-id:${id}`);
      const before = await this.view(id, tx);
      const s = before.status;
      switch (request.step) {
        case 'moved':
          if (s.custody !== 'in-store') throw outOfOrder(`old part ${id} is ${s.custody}, not in the store`);
          break;
        case 'supplier-inspection':
          if (s.recovery === 'not-applicable') throw outOfOrder(`old part ${id} is charged to the ${before.party.type}: no supplier re-inspects it`);
          if (s.custody !== 'in-store' || s.recovery !== 'pending') throw outOfOrder(`old part ${id} is ${s.custody} / ${s.recovery}: the supplier re-inspects a received part once`);
          break;
        case 'quality-inspection':
          if (s.recovery !== 'disputed') throw outOfOrder(`old part ${id} is ${s.recovery}: quality inspects a disputed line only`);
          break;
        case 'shipped':
          if (s.custody !== 'in-store' || !s.supplierWantsPart) throw outOfOrder(`old part ${id} is ${s.custody}${s.supplierWantsPart ? '' : ' and its supplier did not ask for it back'}`);
          break;
        case 'disposal-approved':
          if (s.custody !== 'in-store') throw outOfOrder(`old part ${id} is ${s.custody}, not in the store`);
          if (s.supplierWantsPart) throw outOfOrder(`the supplier asked for old part ${id} back: ship it instead`);
          if (s.recovery === 'pending' || s.recovery === 'disputed') throw outOfOrder(`old part ${id}'s recovery is still ${s.recovery}`);
          break;
        case 'disposed':
          if (s.custody !== 'disposal-approved') throw outOfOrder(`old part ${id} is ${s.custody}: disposal needs its approval first (000 §8)`);
          break;
        case 'unrecoverable':
          if (s.custody !== 'in-store') throw outOfOrder(`old part ${id} is ${s.custody}, not in the store`);
          break;
        default:
          throw outOfOrder(`step ${request.step} is not recorded here`);
      }
      const after = oldPartStatusOf(before.party.type, [...before.steps, { id: 0, step: request.step, status: '', details: request.details, note: request.note, recordedBy: '', recordedAt: '' }]);
      await this.store.appendStep(id, { step: request.step, status: `${after.custody}/${after.recovery}`, details: request.details, note: request.note, recordedBy: describe(principal) }, this.clock(), tx);
      return this.view(id, tx);
    });
  }

  /** Re-inspection status per (station, claim, line), for the recovery notice. */
  async statusByLine(claimNumbers: readonly string[]): Promise<Map<string, OldPartStatus & { oldPartId: number }>> {
    const parts = await this.store.ofClaims(claimNumbers);
    const steps = await this.store.steps(parts.map((p) => p.id));
    return new Map(parts.map((p) => [`${p.stationId}\u0000${p.claimNumber}\u0000${p.lineId}`, { oldPartId: p.id, ...oldPartStatusOf(p.party.type, steps.get(p.id) ?? []) }]));
  }

  /**
   * Per station and period (000 旧件管理及索赔 §9, §12): of the old parts its claims repaired in the
   * period had to return, the share received at the store (return rate), and of those the share whose
   * inspection confirmed the fault (pass rate); refused and unrecoverable parts counted.
   */
  async returnReport(period: { from: string; to: string }, stationId?: string) {
    const claims = await this.store.decisionsRepairedIn(period.from, period.to, stationId);
    const statuses = await this.statusByLine(claims.map((c) => c.claimNumber));
    const byStation = new Map<string, { due: number; returned: number; passed: number; refused: number; unrecoverable: number; notReturned: Array<{ claimNumber: string; lineId: string }> }>();
    for (const c of claims) {
      const row = byStation.get(c.stationId) ?? { due: 0, returned: 0, passed: 0, refused: 0, unrecoverable: 0, notReturned: [] };
      byStation.set(c.stationId, row);
      for (const line of c.decision.jobs.flatMap((j) => j.lines)) {
        if (line.hold !== 'part-return' && !line.partReturn) continue;
        row.due += 1;
        const s = statuses.get(`${c.stationId}\u0000${c.claimNumber}\u0000${line.lineId}`);
        if (s?.custody === 'refused') row.refused += 1;
        if (!s || s.custody === 'not-received' || s.custody === 'refused') {
          row.notReturned.push({ claimNumber: c.claimNumber, lineId: line.lineId });
          continue;
        }
        row.returned += 1;
        if (line.partReturn?.status === 'confirmed' && s.recovery !== 'rejected') row.passed += 1;
        if (s.custody === 'unrecoverable') row.unrecoverable += 1;
      }
    }
    return [...byStation.entries()].map(([station, r]) => ({
      stationId: station, period, dueParts: r.due, returnedParts: r.returned, passedParts: r.passed, refusedParts: r.refused, unrecoverableParts: r.unrecoverable,
      returnRatePct: percentOf(r.returned, r.due), passRatePct: percentOf(r.passed, r.returned), notReturned: r.notReturned,
    }));
  }
}
