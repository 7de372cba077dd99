import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Db } from '../db/db.js';
import type { RuleBook } from '../rules/rule-book.js';
import type { Principal } from '../auth/principal.js';
import { describe } from '../auth/principal.js';
import { adjudicate } from '../adjudication/adjudicate.js';
import type { Decision } from '../adjudication/decision.js';
import { todayIn } from '../terms/term-arithmetic.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors/http-errors.js';
import type { Claim } from './claim-schema.js';
import { ClaimStore, type StoredDecision } from './claim-store.js';
import { UnitStore } from '../units/unit-store.js';

export interface ClaimServiceDeps {
  db: Db;
  ruleBook: () => RuleBook;
  clock: () => Date;
}

export interface SubmitResult {
  created: boolean;
  decision: Decision;
}

export function bodyHash(body: unknown): string {
  return 'sha256:' + createHash('sha256').update(canonicalize(body) ?? '').digest('hex');
}

/** Submitting, reading and listing claims; every decision version is appended, never changed. */
export class ClaimService {
  private readonly claims: ClaimStore;
  private readonly units: UnitStore;

  constructor(private readonly deps: ClaimServiceDeps) {
    this.claims = new ClaimStore(deps.db);
    this.units = new UnitStore(deps.db);
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

  /** Decides a claim once: the same body again returns the stored decision; a different body under the same number is a conflict. */
  async submit(claim: Claim, rawBody: unknown, principal: Principal): Promise<SubmitResult> {
    this.authorise(claim, principal);
    const hash = bodyHash(rawBody);
    // One rule book for the whole request, even if a reload swaps it meanwhile.
    const book = this.deps.ruleBook();
    const outcome = await this.deps.db.transaction(async (tx) => {
      const unit = await this.units.findByIdentity(claim.unit, tx);
      const today = todayIn(this.zoneFor(book, unit?.productLine, claim.repairDate), this.deps.clock());
      const stored = await this.claims.insertClaim(
        {
          stationId: claim.stationId,
          claimNumber: claim.claimNumber,
          revision: 1,
          unitId: unit?.unitId ?? null,
          bodyText: JSON.stringify(rawBody),
          bodyHash: hash,
          failureDate: claim.failureDate,
          repairDate: claim.repairDate,
          receivedDate: claim.receivedDate ?? today,
          odometerKm: claim.odometerKm,
          submittedBy: describe(principal),
        },
        tx,
      );
      if (!stored) return null;
      const history = unit ? await this.claims.historyOf(unit.unitId, tx) : [];
      const decision = await adjudicate({ claim, unit, history, ruleBook: book, today });
      await this.claims.appendDecision(stored.id, decision, 'adjudicator', null, tx);
      return decision;
    });
    if (outcome) return { created: true, decision: outcome };
    return { created: false, decision: await this.replay(claim, hash) };
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
  async get(claimNumber: string, stationId: string | undefined, principal: Principal) {
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
    const versions = await this.claims.decisions(latest.id);
    const current = versions[versions.length - 1]!;
    return {
      ...current.decision,
      decisionVersion: current.version,
      revision: latest.revision,
      submittedAt: latest.submittedAt,
      versions: versions.map((v) => ({ version: v.version, status: v.status, decidedBy: v.decidedBy, decidedAt: v.decidedAt, note: v.note })),
    };
  }

  list(filter: Parameters<ClaimStore['list']>[0]) {
    return this.claims.list(filter);
  }
}
