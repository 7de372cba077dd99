import type { Claim } from '../../src/claims/claim-schema.js';
import type { Unit } from '../../src/units/unit-schema.js';
import type { HistoryEntry } from '../../src/adjudication/history.js';
import type { Decision, DecisionJob, DecisionLine } from '../../src/adjudication/decision.js';
import { adjudicate } from '../../src/adjudication/adjudicate.js';
import type { RuleBook } from '../../src/rules/rule-book.js';
import { shippedRuleBook } from './rule-book.js';

export interface DecideInput {
  claim: Claim;
  unit: Unit | null;
  /** Always explicit: no test depends on the real date. */
  today: string;
  history?: HistoryEntry[];
  ruleBook?: RuleBook;
}

/** Adjudicates with the shipped rule book unless another is given. */
export async function decide({ claim, unit, today, history = [], ruleBook }: DecideInput): Promise<Decision> {
  return adjudicate({ claim, unit, history, today, ruleBook: ruleBook ?? (await shippedRuleBook()) });
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
