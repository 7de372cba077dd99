import { claimSchema } from '../claims/claim-schema.js';
import { adjudicate } from '../adjudication/adjudicate.js';
import type { Decision, DecisionJob } from '../adjudication/decision.js';
import type { HistoryEntry } from '../adjudication/history.js';
import type { RuleBook } from '../rules/rule-book.js';
import type { Unit } from '../units/unit-schema.js';
import type { StoredOutcome } from './outcome.js';
import type { PreAuthorisation } from '../preauthorisations/preauthorisation-schema.js';
import type { CampaignFact } from '../adjudication/campaign-terms.js';

/** One stored claim as a backtest re-decides it: its body as submitted, what was decided, its unit and history. */
export interface BacktestItem {
  claimId: number;
  bodyText: string;
  before: StoredOutcome;
  unit: Unit | null;
  history: HistoryEntry[];
  /** The pre-authorisations its body refers to. */
  preAuthorisations: PreAuthorisation[];
  /** The campaigns its jobs were decided under: the version that decided, with the steps recorded by then. */
  campaigns?: CampaignFact[];
}

type OutcomeJob = StoredOutcome['jobs'][number];

const sameParty = (a: DecisionJob['liableParty'], b: DecisionJob['liableParty']) => a.type === b.type && (a.id ?? null) === (b.id ?? null);

function sortedCodes(job: { reasons: ReadonlyArray<{ code: string }> }): string {
  return job.reasons
    .map((r) => r.code)
    .sort()
    .join('\u0000');
}

/** A job decides differently: coverage, status, remedy, liable party, reason codes, or any line's approved amount. */
function jobDiffers(a: OutcomeJob, b: DecisionJob): boolean {
  if (a.jobId !== b.jobId || a.covered !== b.covered || a.status !== b.status || a.remedy !== b.remedy || !sameParty(a.liableParty, b.liableParty)) return true;
  if (a.lines.length !== b.lines.length || a.lines.some((l, i) => l.approvedFen !== b.lines[i]!.approvedFen)) return true;
  return sortedCodes(a) !== sortedCodes(b);
}

export function differs(before: StoredOutcome, after: Decision): boolean {
  if (before.status !== after.status || before.totals.approvedFen !== after.totals.approvedFen) return true;
  if (before.jobs.length !== after.jobs.length) return true;
  return before.jobs.some((j, i) => jobDiffers(j, after.jobs[i]!));
}

/**
 * Decides a stored claim again under a draft, with its original "today", received date and history,
 * so only the rules differ. Returns the draft's decision, with its trace, when it differs; else null.
 */
export async function reDecide(item: BacktestItem, draft: RuleBook): Promise<Decision | null> {
  const decide = (trace: boolean) =>
    adjudicate({
      claim: claimSchema.parse({ ...JSON.parse(item.bodyText), receivedDate: item.before.receivedDate }),
      unit: item.unit,
      history: item.history,
      ruleBook: draft,
      today: item.before.today,
      trace,
      preAuthorisations: item.preAuthorisations,
      ...(item.campaigns ? { campaigns: item.campaigns } : {}),
      // It was accepted when filed: a draft decides it, whatever vocabulary the draft has since.
      checkVocabulary: false,
    });
  const after = await decide(false);
  return differs(item.before, after) ? decide(true) : null;
}
