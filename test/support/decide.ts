import type { Claim } from '../../src/claims/claim-schema.js';
import type { Unit } from '../../src/units/unit-schema.js';
import type { HistoryEntry } from '../../src/adjudication/history.js';
import type { Decision, DecisionJob, DecisionLine } from '../../src/adjudication/decision.js';
import { adjudicate } from '../../src/adjudication/adjudicate.js';
import type { RuleBook } from '../../src/rules/rule-book.js';
import { shippedRuleBook } from './rule-book.js';
import { partsClaimedFen } from '../../src/money/job-lines.js';
import type { PreAuthorisation } from '../../src/preauthorisations/preauthorisation-schema.js';

export interface DecideInput {
  claim: Claim;
  unit: Unit | null;
  /** Always explicit: no test depends on the real date. */
  today: string;
  history?: HistoryEntry[];
  ruleBook?: RuleBook;
  /**
   * The pre-authorisations issued. By default every job that names none is pre-authorised for what
   * it claims, valid on its repair date, so a test of terms or money is not pended AC; the checks
   * of pre-authorisation themselves are rule cases (`rules/<line>/cases/pre-authorisation.json`)
   * and `test/lifecycle/preauthorisations.test.ts`.
   */
  preAuthorisations?: PreAuthorisation[];
}

/** The claim with every job that names no pre-authorisation given one for its claimed parts, and those pre-authorisations. */
export function preAuthorise(claim: Claim, unit: Unit | null): { claim: Claim; preAuthorisations: PreAuthorisation[] } {
  if (unit === null || claim.preAuthorisationNumber !== undefined) return { claim, preAuthorisations: [] };
  const preAuthorisations: PreAuthorisation[] = [];
  const jobs = claim.jobs.map((job) => {
    if (job.preAuthorisationNumber !== undefined) return job;
    const number = `PA-TEST-${claim.claimNumber}-${job.jobId}`;
    const amountLimitFen = Math.max(1, partsClaimedFen(job));
    preAuthorisations.push({ number, unitId: unit.unitId, component: job.component, amountLimitFen, validFrom: claim.repairDate, validTo: claim.repairDate, issuedBy: 'test', issuedAt: `${claim.repairDate}T00:00:00.000Z`, note: null });
    return { ...job, preAuthorisationNumber: number };
  });
  return { claim: { ...claim, jobs }, preAuthorisations };
}

/** Adjudicates with the shipped rule book unless another is given. */
export async function decide({ claim, unit, today, history = [], ruleBook, preAuthorisations }: DecideInput): Promise<Decision> {
  const issued = preAuthorisations === undefined ? preAuthorise(claim, unit) : { claim, preAuthorisations };
  return adjudicate({ claim: issued.claim, unit, history, today, ruleBook: ruleBook ?? (await shippedRuleBook()), preAuthorisations: issued.preAuthorisations });
}

/** The one job of a decision (or the named one); fails loudly when it is missing. */
export function jobOf(decision: Decision, jobId = 'J1'): DecisionJob {
  const job = decision.jobs.find((j) => j.jobId === jobId);
  if (!job) throw new Error(`no job ${jobId} in decision ${decision.claimNumber}`);
  return job;
}

/** A job's reason codes in the order reported. */
export function codesOf(job: DecisionJob): string[] {
  return job.reasons.map((r) => r.code);
}

export function lineOf(job: DecisionJob, lineId: string): DecisionLine {
  const line = job.lines.find((l) => l.lineId === lineId);
  if (!line) throw new Error(`no line ${lineId} in job ${job.jobId}: ${job.lines.map((l) => l.lineId).join(', ')}`);
  return line;
}
