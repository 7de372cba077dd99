import type { Db, Queryable } from '../db/db.js';
import type { RuleBook } from '../rules/rule-book.js';
import { describe, type Principal } from '../auth/principal.js';
import type { Decision, DecisionJob } from '../adjudication/decision.js';
import type { LiableParty } from '../policies/policy-schema.js';
import { ClaimStore, type StoredClaim } from '../claims/claim-store.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors/http-errors.js';
import { isUniqueViolation } from '../db/db.js';
import { linesOf, reviseDecision, type LineChange } from './decision-revision.js';
import { mustReturn, returnDeadline } from '../policies/part-return.js';
import { todayIn } from '../terms/term-arithmetic.js';

export interface LifecycleDeps {
  db: Db;
  ruleBook: () => RuleBook;
  clock: () => Date;
}

export interface ReviewLine {
  lineId: string;
  action: 'approve' | 'deny' | 'pend';
  amountFen?: number | undefined;
  code?: string | undefined;
}

/** What happens to a claim after its first decision; every step appends a decision version. */
export class LifecycleService {
  private readonly claims: ClaimStore;

  constructor(private readonly deps: LifecycleDeps) {
    this.claims = new ClaimStore(deps.db);
  }

  private explain = (code: string) => this.deps.ruleBook().reasons[code] ?? { en: code, zh: code };

  /** The catalogue's liable party of a job's causal part, under the policy that priced the decision. */
  private catalogueLiable(decision: Decision): (job: DecisionJob) => LiableParty {
    const book = this.deps.ruleBook();
    const policy =
      book.policies.find((p) => p.file.id === decision.policy?.id && p.file.version === decision.policy?.version) ??
      (decision.productLine ? book.policyAt(decision.productLine, decision.today) : null);
    return (job) => {
      const causal = job.lines.find((l) => l.role === 'causal')?.partNumber;
      const entry = causal ? policy?.partsByNumber.get(causal) : undefined;
      return entry ? { ...entry.liable } : { type: 'manufacturer' };
    };
  }

  /** The latest revision of a claim and its latest decision, inside a transaction. */
  async latest(claimNumber: string, stationId: string | undefined, principal: Principal, tx: Queryable): Promise<{ claim: StoredClaim; decision: Decision; version: number }> {
    let revisions = await this.claims.findRevisions(claimNumber, stationId, tx);
    if (principal.role === 'dealer') revisions = revisions.filter((r) => r.stationId === principal.stationId);
    if (revisions.length === 0) throw new NotFoundError(`no claim ${claimNumber}${stationId ? ` of station ${stationId}` : ''}`);
    if (new Set(revisions.map((r) => r.stationId)).size > 1) throw new ConflictError('claim-number-ambiguous', `claim number ${claimNumber} exists at several stations; name one with stationId`);
    const claim = revisions[0]!;
    const versions = await this.claims.decisionsOfClaim(claim.claimNumber, claim.stationId, tx);
    const last = versions[versions.length - 1]!;
    return { claim, decision: { ...last.decision, decisionVersion: last.version }, version: last.version };
  }

  /** Appends a version; a concurrent writer of the same version makes this one a 409. */
  private async append(tx: Queryable, claimId: number, decision: Decision, principal: Principal, note: string): Promise<Decision> {
    try {
      await this.claims.appendDecision(claimId, decision, describe(principal), note, tx, this.deps.clock());
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('decision-changed', 'the claim was decided again meanwhile; reload it and retry');
      throw error;
    }
    return decision;
  }

  /** Records an old part's receipt and its inspection: confirmed releases the line; NDF or customer-caused denies it. */
  async recordPartReturn(claimNumber: string, stationId: string | undefined, input: { lineId: string; receivedDate: string; inspection: 'confirmed' | 'no-defect-found' | 'customer-caused'; note: string }, principal: Principal): Promise<Decision> {
    return this.deps.db.transaction(async (tx) => {
      const { claim, decision } = await this.latest(claimNumber, stationId, principal, tx);
      const line = linesOf(decision).find((l) => l.line.lineId === input.lineId)?.line;
      if (!line) throw new ValidationError([{ path: 'lineId', message: `no line ${input.lineId} in claim ${claimNumber}` }]);
      if (line.hold !== 'part-return') throw new ConflictError('line-not-held', `line ${input.lineId} is not waiting for its old part${line.partReturn ? ` (already ${line.partReturn.status})` : ''}`);
      const change: LineChange =
        input.inspection === 'confirmed'
          ? { lineId: input.lineId, action: { kind: 'release', receivedDate: input.receivedDate } }
          : { lineId: input.lineId, action: { kind: 'deny', code: input.inspection === 'no-defect-found' ? 'NDF' : 'CDR', partReturn: input.inspection, receivedDate: input.receivedDate } };
      const next = reviseDecision(decision, [change], { by: describe(principal), note: input.note, rule: 'lifecycle.part-return.inspection', explain: this.explain });
      return this.append(tx, claim.id, next, principal, `part return ${input.lineId}: ${input.inspection}. ${input.note}`);
    });
  }

  /** Denies PNR every held line whose return deadline has passed; running it again changes nothing. */
  async expireReturns(today: string, principal: Principal): Promise<Array<{ claimNumber: string; stationId: string; lines: string[]; decisionVersion: number }>> {
    const candidates = await this.claims.heldPastDeadline(today);
    const expired: Array<{ claimNumber: string; stationId: string; lines: string[]; decisionVersion: number }> = [];
    for (const c of candidates) {
      const result = await this.deps.db.transaction(async (tx) => {
        const { claim, decision } = await this.latest(c.claimNumber, c.stationId, principal, tx);
        const lines = linesOf(decision).filter(({ line }) => line.hold === 'part-return' && line.holdDeadline !== undefined && line.holdDeadline < today).map(({ line }) => line.lineId);
        if (lines.length === 0) return null;
        // An old part the station did not send back is the station's loss, as a claim it filed late is.
        const liable = { type: 'service-station' as const, id: claim.stationId };
        const next = reviseDecision(decision, lines.map((lineId) => ({ lineId, action: { kind: 'deny', code: 'PNR', partReturn: 'not-returned', liable } })), { by: describe(principal), note: `old part not returned by its deadline (run of ${today})`, rule: 'lifecycle.part-return.deadline', explain: this.explain });
        await this.append(tx, claim.id, next, principal, `expire-returns ${today}`);
        return { claimNumber: claim.claimNumber, stationId: claim.stationId, lines, decisionVersion: next.decisionVersion };
      });
      if (result) expired.push(result);
    }
    return expired;
  }

  /** An auditor decides lines by hand, with a mandatory note; an open appeal of the claim is answered. */
  async review(claimNumber: string, stationId: string | undefined, input: { note: string; lines: ReviewLine[] }, principal: Principal): Promise<Decision> {
    const reasons = this.deps.ruleBook().reasons;
    return this.deps.db.transaction(async (tx) => {
      const { claim, decision } = await this.latest(claimNumber, stationId, principal, tx);
      const known = new Map(linesOf(decision).map(({ line }) => [line.lineId, line]));
      const problems: Array<{ path: string; message: string }> = [];
      input.lines.forEach((l, i) => {
        const line = known.get(l.lineId);
        if (!line) problems.push({ path: `lines.${i}.lineId`, message: `no line ${l.lineId} in claim ${claimNumber}` });
        if (l.action === 'approve' && (l.amountFen === undefined || (line && l.amountFen > line.claimedFen))) problems.push({ path: `lines.${i}.amountFen`, message: 'approve needs an amount in fen, at most the claimed amount' });
        if (l.action === 'deny' && (l.code === undefined || !(l.code in reasons))) problems.push({ path: `lines.${i}.code`, message: 'deny needs a known reason code' });
      });
      if (problems.length > 0) throw new ValidationError(problems);
      const book = this.deps.ruleBook();
      const policy = book.policies.find((p) => p.file.id === decision.policy?.id && p.file.version === decision.policy?.version) ?? null;
      const holdUntil = (lineId: string) => {
        const line = known.get(lineId);
        if (!policy || !line || line.partReturn?.status === 'confirmed' || !mustReturn(line, policy)) return undefined;
        return returnDeadline(todayIn(policy.file.timeZone, this.deps.clock()), policy);
      };
      const changes: LineChange[] = input.lines.map((l) => ({
        lineId: l.lineId,
        action: l.action === 'approve' ? { kind: 'approve', amountFen: l.amountFen as number, holdDeadline: holdUntil(l.lineId) } : l.action === 'deny' ? { kind: 'deny', code: l.code as string } : { kind: 'pend' },
      }));
      const next = reviseDecision(decision, changes, { by: describe(principal), note: input.note, rule: 'lifecycle.manual-review', explain: this.explain, liableWhenCovered: this.catalogueLiable(decision) });
      await this.append(tx, claim.id, next, principal, input.note);
      await tx.query('UPDATE appeals SET resolved_version = $1, resolved_at = now() WHERE claim_id = $2 AND resolved_at IS NULL', [next.decisionVersion, claim.id]);
      return next;
    });
  }

  /** A station asks for another look; the claim lands in the review list until an auditor answers. */
  async appeal(claimNumber: string, stationId: string | undefined, reason: string, principal: Principal): Promise<{ appealId: number; claimNumber: string; stationId: string }> {
    return this.deps.db.transaction(async (tx) => {
      const { claim } = await this.latest(claimNumber, stationId, principal, tx);
      if (principal.role === 'dealer' && claim.stationId !== principal.stationId) throw new ForbiddenError('a station appeals its own claims only');
      const open = await tx.query('SELECT 1 FROM appeals WHERE claim_id = $1 AND resolved_at IS NULL', [claim.id]);
      if (open.rows.length > 0) throw new ConflictError('appeal-open', `claim ${claimNumber} already has an open appeal`);
      const { rows } = await tx.query<{ id: number }>('INSERT INTO appeals (claim_id, reason, filed_by) VALUES ($1, $2, $3) RETURNING id', [claim.id, reason, describe(principal)]);
      return { appealId: Number(rows[0]!.id), claimNumber: claim.claimNumber, stationId: claim.stationId };
    });
  }
}
