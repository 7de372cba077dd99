import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Db, Queryable } from '../db/db.js';
import type { RuleBook } from '../rules/rule-book.js';
import type { Principal } from '../auth/principal.js';
import { describe } from '../auth/principal.js';
import { adjudicate } from '../adjudication/adjudicate.js';
import type { Decision, HistoryAsOf } from '../adjudication/decision.js';
import { todayIn } from '../terms/term-arithmetic.js';
import { ClaimDataError } from '../errors/claim-data-error.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors/http-errors.js';
import type { Claim } from './claim-schema.js';
import { ClaimStore, decisionRow, type NewClaim, type StoredDecision } from './claim-store.js';
import type { NewAuditEntry } from '../audit/audit-store.js';
import type { Unit } from '../units/unit-schema.js';
import { UnitLookup } from '../units/unit-lookup.js';
import { repeatsNeeded } from './history-needs.js';
import { PreAuthorisationStore, referencedNumbers } from '../preauthorisations/preauthorisation-store.js';
import { assertClaimBounds } from '../money/bounds.js';
import { campaignFactsFor } from '../campaigns/campaign-service.js';

export interface ClaimServiceDeps {
  db: Db;
  ruleBook: () => RuleBook;
  clock: () => Date;
  /** The app's shared unit lookup (found units remembered); one of its own when not given. */
  units?: UnitLookup;
}

export interface SubmitResult {
  created: boolean;
  decision: Decision;
}

export function bodyHash(body: unknown): string {
  return 'sha256:' + createHash('sha256').update(canonicalize(body) ?? '').digest('hex');
}

/** Submitting, reading and listing claims; every decision version is appended, never changed. */
/** What the auditor reads off the claim as filed: its dates, odometer and reported fault. */
function filedFacts(bodyText: string): { failureDate: string | null; repairDate: string | null; odometerKm: number | null; reportedFault: string | null } {
  const body = JSON.parse(bodyText) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return { failureDate: text(body.failureDate), repairDate: text(body.repairDate), odometerKm: typeof body.odometerKm === 'number' ? body.odometerKm : null, reportedFault: text(body.reportedFault) };
}

export class ClaimService {
  private readonly claims: ClaimStore;
  private readonly units: UnitLookup;

  constructor(private readonly deps: ClaimServiceDeps) {
    this.claims = new ClaimStore(deps.db);
    this.units = deps.units ?? new UnitLookup(deps.db);
  }

  private zoneFor(book: RuleBook, productLine: string | undefined, on: string): string {
    const line = productLine ?? book.productLines[0] ?? '';
    return book.policyAt(line, on)?.file.timeZone ?? book.policies[0]?.file.timeZone ?? 'UTC';
  }

  private authorise(claim: Claim, principal: Principal): void {
    if (claim.receivedDate !== undefined && principal.role !== 'auditor' && principal.role !== 'admin') {
      throw new ForbiddenError('only an auditor may set receivedDate (paper claims keyed in later)');
    }
    if (principal.role === 'dealer' && claim.stationId !== principal.stationId) {
      throw new ForbiddenError(`this key files claims for station ${principal.stationId ?? '(none)'} only`);
    }
  }

  /**
   * Decides a claim once: the same body again returns the stored decision; a different body under the same number is a conflict.
   * The claim is decided first, on reads outside any transaction, and then stored with its decision in
   * one statement (one round trip, one commit): no pooled connection is held while the rules run.
   * Deciding before storing sees the same history: before, the claim's own row was in the
   * transaction but, without a decision yet, never part of its history. `audit`, when given, is the
   * audit entry of the request, stored with the claim when the claim is new.
   */
  async submit(claim: Claim, rawBody: unknown, principal: Principal, audit?: NewAuditEntry): Promise<SubmitResult> {
    this.authorise(claim, principal);
    const hash = bodyHash(rawBody);
    // One rule book for the whole request, even if a reload swaps it meanwhile.
    const book = this.deps.ruleBook();
    const db = this.deps.db;
    const { unit, today } = await this.prepare(db, claim, book);
    let decision: Decision;
    try {
      decision = await this.decide(db, claim, unit, today, book, 1, 1);
    } catch (error) {
      // A stored claim is answered from the store, as before, even if deciding it now would fail
      // (e.g. a rule book reloaded since): only a new claim is refused.
      if (!(await this.claims.findRevisions(claim.claimNumber, claim.stationId))[0]) throw error;
      return { created: false, decision: await this.replay(claim, hash) };
    }
    const id = await this.claims.insertClaimWithDecision(this.newClaim(claim, rawBody, hash, principal, unit, today, 1), decisionRow(decision, 'adjudicator', null, this.deps.clock()), audit);
    if (id !== null) return { created: true, decision };
    return { created: false, decision: await this.replay(claim, hash) };
  }

  /** What is checked before a claim is stored: its bounds, its unit, and dates not after today. */
  private async prepare(db: Queryable, claim: Claim, book: RuleBook): Promise<{ unit: Unit | null; today: string }> {
    assertClaimBounds(claim);
    const unit = await this.units.find(claim.unit, db);
    const today = todayIn(this.zoneFor(book, unit?.productLine, claim.repairDate), this.deps.clock());
    // A repair or a receipt in the future is a data error (SPEC §3.3), named on the field that is wrong.
    if (claim.repairDate > today) throw new ClaimDataError('repairDate', `the repair date ${claim.repairDate} is after today (${today})`);
    if (claim.receivedDate !== undefined && claim.receivedDate > today) {
      throw new ClaimDataError('receivedDate', `the claim cannot have been received on ${claim.receivedDate}, after today (${today})`);
    }
    return { unit, today };
  }

  /** The decision of a claim, its history read through `db` (the pool, or a correction's transaction). */
  private async decide(db: Queryable, claim: Claim, unit: Unit | null, today: string, book: RuleBook, version: number, revision: number): Promise<Decision> {
    const numbers = referencedNumbers([claim]);
    const campaignCodes = [...new Set(claim.jobs.flatMap((j) => (j.campaignCode === undefined ? [] : [j.campaignCode])))];
    const history = unit
      ? await this.claims.relevantHistory(unit.unitId, { ...claim, components: claim.jobs.map((j) => j.component), preAuthorisationNumbers: numbers, campaignCodes }, repeatsNeeded(book), db)
      : [];
    const preAuthorisations = await new PreAuthorisationStore(db).getMany(numbers);
    // The campaigns the jobs name, in their latest version: the decision records which version decided each job.
    const campaigns = await campaignFactsFor(db, campaignCodes);
    // The decision says which history it saw: a correction decided later sees the unit's claims as on file then.
    const historyAsOf: HistoryAsOf = { at: this.deps.clock().toISOString(), revision, claims: history.map((h) => ({ claimNumber: h.claimNumber, stationId: h.stationId, repairDate: h.repairDate })) };
    return { ...(await adjudicate({ claim, unit, history, ruleBook: book, today, preAuthorisations, campaigns })), decisionVersion: version, historyAsOf };
  }

  private newClaim(claim: Claim, rawBody: unknown, hash: string, principal: Principal, unit: Unit | null, today: string, revision: number): NewClaim {
    return {
      stationId: claim.stationId,
      claimNumber: claim.claimNumber,
      revision,
      unitId: unit?.unitId ?? null,
      bodyText: JSON.stringify(rawBody),
      bodyHash: hash,
      failureDate: claim.failureDate,
      repairDate: claim.repairDate,
      receivedDate: claim.receivedDate ?? today,
      odometerKm: claim.odometerKm,
      submittedBy: describe(principal),
    };
  }

  /**
   * A correction: stores the revision, then decides it inside the same transaction, so that the
   * earlier revision (now superseded) is no longer part of the claim's own history. Null when the revision exists.
   */
  private async storeAndDecide(tx: Queryable, claim: Claim, rawBody: unknown, hash: string, principal: Principal, book: RuleBook, revision: number, version: number): Promise<Decision | null> {
    const { unit, today } = await this.prepare(tx, claim, book);
    const stored = await this.claims.insertClaim(this.newClaim(claim, rawBody, hash, principal, unit, today, revision), tx);
    if (!stored) return null;
    const decision = await this.decide(tx, claim, unit, today, book, version, revision);
    await this.claims.appendDecision(stored.id, decision, `adjudicator (correction by ${describe(principal)})`, `correction: revision ${revision}`, tx, this.deps.clock());
    return decision;
  }

  /**
   * A correction of a pended, denied or partly denied claim: the new body is stored as the next
   * revision and decided again; the earlier revisions and decisions stay as they were.
   */
  async correct(claimNumber: string, claim: Claim, rawBody: unknown, principal: Principal): Promise<{ created: boolean; decision: Decision }> {
    this.authorise(claim, principal);
    if (claim.claimNumber !== claimNumber) throw new ValidationError([{ path: 'claimNumber', message: `a correction keeps the claim number ${claimNumber}` }]);
    const hash = bodyHash(rawBody);
    const book = this.deps.ruleBook();
    return this.deps.db.transaction(async (tx) => {
      const [latest] = await this.claims.findRevisions(claimNumber, claim.stationId, tx);
      if (!latest) throw new NotFoundError(`no claim ${claimNumber} of station ${claim.stationId} to correct; submit it with POST /v1/claims`);
      const versions = await this.claims.decisionsOfClaim(claimNumber, claim.stationId, tx);
      const current = versions[versions.length - 1]!;
      if (latest.bodyHash === hash) return { created: false, decision: { ...current.decision, decisionVersion: current.version } };
      if (!['pended', 'denied', 'partial'].includes(current.status)) {
        throw new ConflictError('not-correctable', `claim ${claimNumber} is ${current.status}; only a pended, denied or partly denied claim can be corrected (appeal instead: POST /v1/claims/${encodeURIComponent(claimNumber)}/appeals)`);
      }
      // The claim was received when it was first filed: a correction does not restart the filing window.
      const received = claim.receivedDate === undefined ? { ...claim, receivedDate: latest.receivedDate } : claim;
      const decision = await this.storeAndDecide(tx, received, rawBody, hash, principal, book, latest.revision + 1, current.version + 1);
      if (!decision) throw new ConflictError('decision-changed', 'the claim was corrected meanwhile; reload it and retry');
      return { created: true, decision };
    });
  }

  private async replay(claim: Claim, hash: string): Promise<Decision> {
    const [existing] = await this.claims.findRevisions(claim.claimNumber, claim.stationId);
    if (!existing) throw new Error('claim vanished between insert and read');
    if (existing.bodyHash !== hash) {
      throw new ConflictError(
        'claim-number-taken',
        `claim ${claim.claimNumber} of station ${claim.stationId} was already submitted with a different body; a decided claim is never re-decided. File the change as a correction: POST /v1/claims/${encodeURIComponent(claim.claimNumber)}/corrections`,
        { claimNumber: claim.claimNumber, stationId: claim.stationId },
      );
    }
    const versions = await this.claims.decisions(existing.id);
    return (versions[versions.length - 1] as StoredDecision).decision;
  }

  /** The latest decision of a claim and the list of its versions. */
  /** The latest decision (or decision `version`), every version, and the dates of the claim as filed. */
  async get(claimNumber: string, stationId: string | undefined, principal: Principal, version?: number) {
    let revisions = await this.claims.findRevisions(claimNumber, stationId);
    if (revisions.length === 0) throw new NotFoundError(`no claim ${claimNumber}${stationId ? ` of station ${stationId}` : ''}`);
    if (principal.role === 'dealer') {
      revisions = revisions.filter((r) => r.stationId === principal.stationId);
      if (revisions.length === 0) throw new ForbiddenError(`this key sees claims of station ${principal.stationId ?? '(none)'} only`);
    }
    const stations = [...new Set(revisions.map((r) => r.stationId))];
    if (stations.length > 1) {
      throw new ConflictError('claim-number-ambiguous', `claim number ${claimNumber} exists at several stations; name one with ?stationId=`, { stations });
    }
    const latest = revisions[0]!;
    const versions = await this.claims.decisionsOfClaim(latest.claimNumber, latest.stationId);
    const current = version === undefined ? versions[versions.length - 1]! : versions.find((v) => v.version === version);
    if (!current) throw new NotFoundError(`claim ${claimNumber} has no decision version ${version}`);
    const revision = revisions.find((r) => r.revision === current.revision) ?? latest;
    return {
      ...current.decision,
      decisionVersion: current.version,
      revision: current.revision,
      submittedAt: revision.submittedAt,
      claim: filedFacts(revision.bodyText),
      versions: versions.map((v) => ({ version: v.version, revision: v.revision, status: v.status, decidedBy: v.decidedBy, decidedAt: v.decidedAt, note: v.note })),
    };
  }

  list(filter: Parameters<ClaimStore['list']>[0]) {
    return this.claims.list(filter);
  }
}
