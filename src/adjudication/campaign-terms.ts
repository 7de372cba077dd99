import type { Claim, Job } from '../claims/claim-schema.js';
import type { Unit } from '../units/unit-schema.js';
import type { LiableParty } from '../policies/policy-schema.js';
import { labourFen } from '../money/fen.js';
import type { HistoryEntry } from './history.js';
import type { Adjustment, DecisionJob, DecisionLine, Message, Reason, TraceCondition, TraceEntry } from './decision.js';

/** A half-open date range [from, to): ISO dates. */
export interface DateRange {
  from: string;
  to: string;
}

/** Which units a campaign names: an explicit list, or a model and production or sale date range. */
export type CampaignAffected =
  | { by: 'units'; vins: string[]; serialNumbers: string[] }
  | { by: 'range'; models: string[]; productionDate?: DateRange | undefined; saleDate?: DateRange | undefined };

/** How a campaign job is paid: its operation and hours, the parts, and who bears the cost. */
export interface CampaignTerms {
  operationCode: string;
  labourHours: number;
  /** The campaign's own labour rate; null: the repair-date policy's rate for the station. */
  labourRateFen: number | null;
  parts: { mode: 'listed'; items: Array<{ partNumber: string; quantity: number; unitPriceFen: number }> } | { mode: 'as-claimed'; capFen: number };
  liableParty: LiableParty;
}

export interface CampaignStep {
  step: 'opened' | 'closed';
  /** The day the step takes effect. */
  on: string;
}

/** A campaign as the core sees it: the version the caller looked up, and its opening and closing steps. */
export interface CampaignFact {
  code: string;
  version: number;
  productLine: string;
  affected: CampaignAffected;
  terms: CampaignTerms;
  steps: readonly CampaignStep[];
}

export type CampaignStatus = 'open' | 'closed' | 'not-open';

/** The campaign's status on a day: its latest step in effect then (steps are in the order recorded). */
export function campaignStatusOn(steps: readonly CampaignStep[], day: string): CampaignStatus {
  let status: CampaignStatus = 'not-open';
  for (const s of steps) if (s.on <= day) status = s.step === 'opened' ? 'open' : 'closed';
  return status;
}

const within = (day: string | undefined, range: DateRange | undefined) => range === undefined || (day !== undefined && range.from <= day && day < range.to);

/** Whether the unit is one the campaign names. */
export function isAffected(campaign: Pick<CampaignFact, 'productLine' | 'affected'>, unit: Unit): boolean {
  if (campaign.productLine !== unit.productLine) return false;
  const a = campaign.affected;
  if (a.by === 'units') {
    return (unit.vin !== undefined && a.vins.includes(unit.vin)) || [unit.serialNumber, unit.frameSerial, unit.upfitSerial].some((s) => s !== undefined && a.serialNumbers.includes(s));
  }
  return (a.models.length === 0 || a.models.includes(unit.model)) && within(unit.productionDate, a.productionDate) && within(unit.saleDate, a.saleDate);
}

export interface CampaignJobInput {
  claim: Claim;
  job: Job;
  unit: Unit;
  /** The campaign the job names, as looked up by the caller; null when there is none of that code. */
  campaign: CampaignFact | null;
  /** The repair-date policy's labour rate for the claim's station (used when the campaign sets none). */
  stationRateFen: number | null;
  /** The unit's earlier claims (latest revision, latest decision each): a campaign is done once per unit. */
  history: readonly HistoryEntry[];
  /** The jobs of this claim decided before this one: a second job under the same campaign is not paid again. */
  decidedJobs?: readonly DecisionJob[] | undefined;
  explain: (code: string) => Message;
}

const RULE = 'core.campaign.terms';

/** The unit's other claim that already had a job covered under the campaign, if any: the operation is done once per unit. */
export function campaignDoneBy(history: readonly HistoryEntry[], claim: Pick<Claim, 'claimNumber'>, code: string): HistoryEntry | undefined {
  return history.find((h) => h.claimNumber !== claim.claimNumber && h.jobs.some((j) => j.campaignCode === code && j.covered));
}

/** The terms a denied campaign job is listed under: every line as claimed, nothing paid. */
const NOTHING_PAID: CampaignTerms = { operationCode: '', labourHours: 0, labourRateFen: 0, parts: { mode: 'as-claimed', capFen: 0 }, liableParty: { type: 'manufacturer' } };

function settle(base: Omit<DecisionLine, 'status' | 'adjustments' | 'approvedFen'>, approvedFen: number, explain: (code: string) => Message): DecisionLine {
  const cut = base.claimedFen - approvedFen;
  const adjustments: Adjustment[] = cut > 0 ? [{ code: 'WA-CAMPAIGN-TERMS', amountFen: cut, rule: RULE, message: explain('WA-CAMPAIGN-TERMS') }] : [];
  return { ...base, approvedFen, status: cut > 0 ? 'adjusted' : 'approved', adjustments };
}

/** Every claimed line of a campaign job, paid by the campaign's terms and never more than claimed. */
function priceByTerms(job: Job, terms: CampaignTerms, stationRateFen: number | null, explain: (code: string) => Message): DecisionLine[] {
  const parts = [job.causalPart, ...job.consequentialParts];
  let capLeft = terms.parts.mode === 'as-claimed' ? terms.parts.capFen : 0;
  const lines: DecisionLine[] = parts.map((p, i) => {
    const claimedFen = p.unitPriceFen * p.quantity;
    const base = { lineId: i === 0 ? `${job.jobId}/causal` : `${job.jobId}/consequential/${i}`, kind: 'part' as const, role: i === 0 ? ('causal' as const) : ('consequential' as const), partNumber: p.partNumber, quantity: p.quantity, claimedFen };
    if (terms.parts.mode === 'as-claimed') {
      const paid = Math.min(claimedFen, capLeft);
      capLeft -= paid;
      return settle(base, paid, explain);
    }
    const item = terms.parts.items.find((x) => x.partNumber === p.partNumber);
    return settle(base, item ? Math.min(claimedFen, Math.min(p.quantity, item.quantity) * item.unitPriceFen) : 0, explain);
  });
  job.labour.forEach((l, i) => {
    const claimedFen = labourFen(l.hours, l.rateFen);
    const hours = l.operationCode === terms.operationCode ? Math.min(l.hours, terms.labourHours) : 0;
    const rate = terms.labourRateFen ?? stationRateFen;
    const base = { lineId: `${job.jobId}/labour/${i + 1}`, kind: 'labour' as const, operationCode: l.operationCode, claimedHours: l.hours, approvedHours: hours, claimedFen };
    if (rate === null) lines.push({ ...base, approvedFen: 0, proposedFen: 0, status: 'pended', adjustments: [] });
    else lines.push(settle(base, Math.min(claimedFen, labourFen(hours, rate)), explain));
  });
  // A campaign pays its operation and parts; auxiliary material and travel are not in its terms.
  if (job.auxiliaryFen > 0) lines.push(settle({ lineId: `${job.jobId}/auxiliary`, kind: 'auxiliary', claimedFen: job.auxiliaryFen }, 0, explain));
  if (job.travel) lines.push(settle({ lineId: `${job.jobId}/travel`, kind: 'travel', claimedFen: job.travel.amountFen }, 0, explain));
  return lines;
}

function condition(path: string, value: unknown, factValue: unknown): TraceCondition {
  return { fact: 'campaign', path, operator: 'equal', value, factValue, result: value === factValue };
}

/**
 * Decides a job filed against a campaign, by the campaign's terms whatever the warranty term says:
 * an affected unit under a campaign open on the repair date is paid as the campaign says; an unknown
 * campaign, one not open on the repair date, a unit it does not name, or a unit another claim already
 * had the campaign covered for (WA-CAMPAIGN-DONE; the trace names that claim) is denied with its reason.
 * A denial is the station's: it repaired under a campaign that does not cover the unit.
 */
export function decideCampaignJob({ claim, job, unit, campaign, stationRateFen, history, decidedJobs = [], explain }: CampaignJobInput): { job: DecisionJob; trace: TraceEntry } {
  const code = job.campaignCode!;
  const status = campaign ? campaignStatusOn(campaign.steps, claim.repairDate) : null;
  const affected = campaign ? isAffected(campaign, unit) : false;
  const doneInClaim = decidedJobs.some((j) => j.campaign?.code === code && j.covered);
  const doneBy = campaignDoneBy(history, claim, code)?.claimNumber ?? (doneInClaim ? claim.claimNumber : null);
  const denial =
    campaign === null ? 'WA-CAMPAIGN-UNKNOWN' : status !== 'open' ? 'WA-CAMPAIGN-CLOSED' : !affected ? 'WA-CAMPAIGN-UNAFFECTED' : doneBy !== null ? 'WA-CAMPAIGN-DONE' : null;
  const trace: TraceEntry = {
    jobId: job.jobId,
    rule: RULE,
    priority: 0,
    result: denial === null,
    event: denial === null ? 'campaign' : 'deny',
    conditions: [
      condition('$.code', code, campaign?.code ?? null),
      condition(`$.statusOn(${claim.repairDate})`, 'open', status),
      condition('$.affectsUnit', true, affected),
      condition('$.doneByClaim', null, doneBy),
    ],
  };
  const reason = (c: string, lineId?: string): Reason => ({ code: c, rule: RULE, message: explain(c), ...(lineId ? { lineId } : {}) });
  const common = { jobId: job.jobId, component: job.component, failureMode: job.failureMode, remedy: 'repair' as const, coverage: null, ...(campaign ? { campaign: { code: campaign.code, version: campaign.version } } : { campaign: { code, version: null } }) };
  if (denial !== null || campaign === null) {
    const denied = priceByTerms(job, NOTHING_PAID, 0, explain).map((l): DecisionLine => ({ ...l, approvedFen: 0, status: 'denied', adjustments: [] }));
    return { job: { ...common, covered: false, status: 'denied', liableParty: { type: 'service-station', id: claim.stationId }, reasons: [reason(denial ?? 'WA-CAMPAIGN-UNKNOWN')], lines: denied }, trace };
  }
  const priced = priceByTerms(job, campaign.terms, stationRateFen, explain);
  const pended = priced.some((l) => l.status === 'pended');
  // A job that waits for a person proposes what it would pay, like any pended job.
  const lines = pended ? priced.map((l): DecisionLine => ({ ...l, status: 'pended', proposedFen: l.approvedFen, approvedFen: 0 })) : priced;
  const reasons = [reason('WA-CAMPAIGN'), ...lines.filter((l) => l.adjustments.length > 0).map((l) => reason('WA-CAMPAIGN-TERMS', l.lineId)), ...(pended ? [reason('WA-CAMPAIGN-NO-RATE')] : [])];
  return { job: { ...common, covered: !pended, status: pended ? 'pended' : 'covered', liableParty: { ...campaign.terms.liableParty }, reasons, lines }, trace };
}
