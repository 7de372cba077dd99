import type { Db } from '../db/db.js';
import { isUniqueViolation } from '../db/db.js';
import { describe, type Principal } from '../auth/principal.js';
import type { RuleBook } from '../rules/rule-book.js';
import { ClaimStore } from '../claims/claim-store.js';
import { AppError } from '../errors/app-error.js';
import { ConflictError, NotFoundError } from '../errors/http-errors.js';
import { todayIn } from '../terms/term-arithmetic.js';
import type { AfterSalesPolicies } from './after-sales-policy.js';
import { goodwillSplit, pastTerm } from './goodwill-split.js';
import { GoodwillStore } from './goodwill-store.js';

/** Goodwill (善意补偿) on an out-of-term or excluded line: granted by an auditor with a note, split by the policy table, booked apart. */
export class GoodwillService {
  private readonly store: GoodwillStore;
  private readonly claims: ClaimStore;

  constructor(
    private readonly db: Db,
    private readonly ruleBook: () => RuleBook,
    private readonly policies: () => AfterSalesPolicies,
    private readonly clock: () => Date,
  ) {
    this.store = new GoodwillStore(db);
    this.claims = new ClaimStore(db);
  }

  async grant(claimNumber: string, input: { stationId?: string | undefined; lineId: string; note: string }, principal: Principal) {
    const revisions = await this.claims.findRevisions(claimNumber, input.stationId);
    if (revisions.length === 0) throw new NotFoundError(`no claim ${claimNumber}`);
    if (new Set(revisions.map((r) => r.stationId)).size > 1) throw new ConflictError('claim-number-ambiguous', `claim number ${claimNumber} exists at several stations; name one with stationId`);
    const claim = revisions[0]!;
    const versions = await this.claims.decisionsOfClaim(claimNumber, claim.stationId);
    const last = versions[versions.length - 1]!;
    const decision = last.decision;
    const job = decision.jobs.find((j) => j.lines.some((l) => l.lineId === input.lineId));
    const line = job?.lines.find((l) => l.lineId === input.lineId);
    if (!job || !line) throw new NotFoundError(`claim ${claimNumber} has no line ${input.lineId}`);
    if (line.status !== 'denied') throw new ConflictError('goodwill-needs-denied-line', `line ${input.lineId} is ${line.status}: goodwill is for a line denied as out of term or excluded`);
    const zone = this.ruleBook().policies[0]?.file.timeZone ?? 'UTC';
    const today = todayIn(zone, this.clock());
    const policy = decision.productLine ? this.policies().at(decision.productLine, today) : null;
    if (!policy) throw new AppError(422, 'no-after-sales-policy', `no after-sales policy of ${decision.productLine ?? '(no product line)'} on ${today}`);
    // Why the line was denied: the job's reasons that name it, or the whole job.
    const why = [...new Set(job.reasons.filter((r) => r.lineId === undefined || r.lineId === null || r.lineId === input.lineId).map((r) => r.code))];
    if (!why.some((code) => policy.goodwill.eligibleReasons.includes(code))) {
      throw new ConflictError('goodwill-not-eligible', `line ${input.lineId} was denied for ${why.join(', ') || '(no reason)'}: goodwill is for a line denied as out of term or excluded (${policy.goodwill.eligibleReasons.join(', ')})`);
    }
    const body = JSON.parse(claim.bodyText) as { failureDate: string; odometerKm?: number | null };
    const past = pastTerm(job.coverage, body.failureDate, body.odometerKm ?? null);
    const causal = job.lines.find((l) => l.role === 'causal')?.partNumber;
    const catalogue = decision.productLine ? this.ruleBook().policyAt(decision.productLine, decision.today) : null;
    const liable = causal ? catalogue?.partsByNumber.get(causal)?.liable : undefined;
    const supplierId = liable?.type === 'supplier' ? (liable.id ?? null) : null;
    const split = goodwillSplit(line.claimedFen, past, policy, supplierId !== null);
    if (!split) {
      throw new AppError(422, 'goodwill-beyond-table', `${past.monthsPast} months and ${past.kmPast} km past the term is beyond the goodwill table`, { ...past, errors: [{ path: 'lineId', message: 'beyond the goodwill table' }] });
    }
    try {
      return await this.store.insert({
        stationId: claim.stationId, claimNumber, lineId: input.lineId, decisionVersion: last.version, baseFen: line.claimedFen,
        ...split, supplierId, grantedOn: today, note: input.note, grantedBy: describe(principal),
      }, this.clock());
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('goodwill-already-granted', `goodwill is already granted on ${claimNumber} ${input.lineId}`);
      throw error;
    }
  }

  /** The goodwill granted on one claim's lines. */
  async ofClaim(claimNumber: string, stationId?: string) {
    return { items: await this.store.ofClaim(claimNumber, stationId) };
  }

  /** Goodwill granted in a period, apart from warranty: per station (what it is paid, what the customer pays) and per supplier. */
  async report(period: { from: string; to: string }, stationId?: string) {
    const grants = await this.store.list({ ...period, stationId });
    const group = <K extends string>(key: (g: (typeof grants)[number]) => K | null, fen: (g: (typeof grants)[number]) => number) => {
      const m = new Map<K, number>();
      for (const g of grants) {
        const k = key(g);
        if (k !== null) m.set(k, (m.get(k) ?? 0) + fen(g));
      }
      return m;
    };
    const stationPaid = group((g) => g.stationId, (g) => g.manufacturerFen + g.supplierFen);
    const customer = group((g) => g.stationId, (g) => g.customerFen);
    const supplier = group((g) => g.supplierId, (g) => g.supplierFen);
    return {
      period,
      currency: 'CNY' as const,
      grants,
      stations: [...stationPaid.keys()].sort().map((s) => ({ stationId: s, goodwillPaidFen: stationPaid.get(s)!, customerFen: customer.get(s) ?? 0 })),
      suppliers: [...supplier.entries()].filter(([, fen]) => fen > 0).sort().map(([id, fen]) => ({ supplierId: id, supplierFen: fen })),
      totals: {
        baseFen: grants.reduce((n, g) => n + g.baseFen, 0),
        manufacturerFen: grants.reduce((n, g) => n + g.manufacturerFen, 0),
        supplierFen: grants.reduce((n, g) => n + g.supplierFen, 0),
        customerFen: grants.reduce((n, g) => n + g.customerFen, 0),
      },
    };
  }
}
