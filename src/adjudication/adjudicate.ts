import type { Event } from 'json-rules-engine';
import type { Claim, Job } from '../claims/claim-schema.js';
import type { Unit } from '../units/unit-schema.js';
import type { LoadedPolicy, LoadedRuleSet, RuleBook } from '../rules/rule-book.js';
import type { LiableParty } from '../policies/policy-schema.js';
import type { Coverage } from './coverage.js';
import type { HistoryEntry } from './history.js';
import type { Decision, DecisionJob, DecisionLine, Message, Reason, Remedy, TraceEntry } from './decision.js';
import { buildJobFacts, duplicateClaimOf, type PreAuthorisationFact, type PreviousRepair } from './job-facts.js';
import { traceOf } from './trace.js';
import { customerPayMaxFen, pendCode, priceJob, stationRateFen } from '../money/job-lines.js';
import { decideCampaignJob, type CampaignFact } from './campaign-terms.js';
import { claimStatus, summarise } from './totals.js';
import { checkIdentity } from './identity.js';
import { ClaimDataError } from '../errors/claim-data-error.js';
import { mustReturn, returnDeadline } from '../policies/part-return.js';
import type { PreAuthorisation } from '../preauthorisations/preauthorisation-schema.js';
import { claimVocabularyIssues, OTHER_FAILURE_MODE } from '../policies/vocabulary.js';
import { UnknownVocabularyError } from '../policies/unknown-vocabulary-error.js';
import { assertClaimBounds } from '../money/bounds.js';
import { TERM_START_WORDS, termStartOf } from './term-start.js';

export interface AdjudicationInput {
  claim: Claim;
  /** The registry's record of the unit, or null when no unit matches the claim's identity. */
  unit: Unit | null;
  history: readonly HistoryEntry[];
  ruleBook: RuleBook;
  /** "Today" in the policy zone, ISO: the clock is the caller's. */
  today: string;
  /** Trace every evaluated rule (on by default). */
  trace?: boolean;
  /** The pre-authorisations the claim refers to, as issued (looked up by the caller). */
  preAuthorisations?: readonly PreAuthorisation[];
  /**
   * Reject (422) a claim naming a component, failure mode, part or operation the repair-date policy
   * does not know (default). Off for claims already accepted (backtests) and for the pre-check's own
   * hypothetical claims, which check what they were asked first.
   */
  checkVocabulary?: boolean;
  /** The campaigns the claim's jobs name (`campaignCode`), each in the version that decides it (looked up by the caller). */
  campaigns?: readonly CampaignFact[];
}

interface Context {
  claim: Claim;
  unit: Unit;
  ruleBook: RuleBook;
  explain: (code: string) => Message;
  preAuthorisations: readonly PreAuthorisation[];
}

function explainer(ruleBook: RuleBook) {
  return (code: string): Message => ruleBook.reasons[code] ?? { en: code, zh: code };
}

// Objects the core returns are written as literals and optional fields assigned after: a spread
// in the middle of a literal is a call into the runtime, and there are hundreds per claim.
function reason(ctx: { explain: (code: string) => Message }, code: string, rule: string, lineId?: string): Reason {
  return lineId ? { code, rule, message: ctx.explain(code), lineId } : { code, rule, message: ctx.explain(code) };
}

/** Every line denied or pended with the job; a line already denied on its own (DC) stays denied. */
function zeroed(lines: DecisionLine[], status: 'denied' | 'pended'): DecisionLine[] {
  return lines.map((l) => {
    if (l.status === 'denied') return l;
    const z: DecisionLine = { ...l, status, approvedFen: 0, adjustments: status === 'denied' ? [] : l.adjustments };
    if (status === 'pended') z.proposedFen = l.status === 'pended' ? (l.proposedFen ?? 0) : l.approvedFen;
    return z;
  });
}

function liableOf(job: Job, policy: LoadedPolicy): LiableParty {
  const entry = policy.partsByNumber.get(job.causalPart.partNumber);
  return entry ? { ...entry.liable } : { type: 'manufacturer' };
}

function ruleName(event: Event, results: Awaited<ReturnType<LoadedRuleSet['engines']['run']>>['results']): string {
  return results.find((r) => r.event === event)?.name ?? results.find((r) => r.event?.type === event.type && r.event?.params?.code === event.params?.code)?.name ?? 'unknown';
}

/** The core's own check that a job about to be paid is within its term or a comeback; the trace entry when it is not. */
function outOfTermInvariant(jobId: string, coverage: Coverage | { withinTerm: null }, comeback: boolean): TraceEntry | null {
  if (!('term' in coverage) || coverage.withinTerm || comeback) return null;
  return {
    jobId,
    rule: 'core.invariant.within-term',
    priority: 0,
    result: true,
    event: 'pend',
    conditions: [
      { fact: 'coverage', path: '$.withinTerm', operator: 'equal', value: true, factValue: coverage.withinTerm, result: false },
      { fact: 'comeback', operator: 'equal', value: true, factValue: false, result: false },
    ],
  };
}

async function adjudicateJob(
  ctx: Context,
  job: Job,
  ruleSet: LoadedRuleSet,
  coveragePolicy: LoadedPolicy,
  moneyPolicy: LoadedPolicy,
  history: readonly HistoryEntry[],
  receivedDate: string,
  withTrace: boolean,
): Promise<{ job: DecisionJob; trace: TraceEntry[] }> {
  const { claim, unit } = ctx;
  const facts = buildJobFacts({ claim, job, unit, history, coveragePolicy, moneyPolicy, receivedDate, preAuthorisations: ctx.preAuthorisations });
  const key = { component: job.component, category: (facts.category as string | null) ?? null };
  const run = await ruleSet.engines.run(key, facts, { trace: withTrace, jobId: job.jobId });
  const events = run.events as Event[];
  const coverage = run.coverage as Coverage | { withinTerm: null };

  const reasons: Reason[] = [];
  const denials = events.filter((e) => e.type === 'deny');
  const pends = events.filter((e) => e.type === 'pend');
  const terms = events.filter((e) => e.type === 'term');
  const comebackEvent = events.find((e) => e.type === 'comeback');
  const remedyEvent = events.find((e) => e.type === 'remedy' && e.params?.remedy === 'exchange-or-refund') ?? events.find((e) => e.type === 'remedy');
  for (const e of denials) reasons.push(reason(ctx, e.params!.code, ruleName(e, run.results)));
  // "other" is the policy's way of saying none of its modes fits: a person classifies the fault (and so finds its term).
  const otherMode = job.failureMode === OTHER_FAILURE_MODE && denials.length === 0;
  if (otherMode) reasons.push(reason(ctx, 'WA-OTHER-MODE', 'core.vocabulary.other-failure-mode'));
  // A denied job needs no person to find its term: the gap marker is dropped, other pend reasons stay.
  for (const e of pends) if ((denials.length === 0 && !otherMode) || e.params!.code !== 'WA-NO-TERM') reasons.push(reason(ctx, e.params!.code, ruleName(e, run.results)));

  const distinctTerms = terms.length > 1 ? new Set(terms.map((e) => JSON.stringify(e.params))).size : terms.length;
  const hasTerm = 'term' in coverage;
  // The unit lacks the date the policy counts its terms from (commissioning, delivery): a person gets it on record; never paid by guessing.
  const noTermStart = facts.termStart === null && denials.length === 0;
  if (noTermStart) reasons.push(reason(ctx, 'WA-NO-TERM-START', 'core.coverage.term-start'));
  if (distinctTerms > 1) reasons.push(reason(ctx, 'WA-TERM-CONFLICT', terms.map((e) => ruleName(e, run.results)).join(' + ')));
  if (!hasTerm && !noTermStart && denials.length === 0 && !otherMode && !pends.some((e) => e.params!.code === 'WA-NO-TERM')) {
    reasons.push(reason(ctx, 'WA-NO-TERM', 'core.coverage.gap'));
  }

  // The remedy: a remedy rule's, else the term's (e-bike: replace), else repair; a denied job keeps the
  // remedy its denial names (an impact-damaged frame is replaced at the customer's cost).
  const termRemedy = terms.find((e) => e.params?.remedy !== undefined)?.params?.remedy as Remedy | undefined;
  const denialRemedy = denials.find((e) => e.params?.remedy !== undefined)?.params?.remedy as Remedy | undefined;
  let remedy: Remedy = denials.length > 0 ? (denialRemedy ?? 'repair') : (termRemedy ?? 'repair');
  let pendedByRemedy = false;
  if (remedyEvent && denials.length === 0) {
    remedy = remedyEvent.params!.remedy as Remedy;
    reasons.push(reason(ctx, remedyEvent.params!.code, ruleName(remedyEvent, run.results)));
    pendedByRemedy = remedyEvent.params!.pend === true;
  }

  const denied = denials.length > 0;
  let pended = !denied && (pends.length > 0 || !hasTerm || noTermStart || distinctTerms > 1 || pendedByRemedy || otherMode);
  let liableParty = liableOf(job, moneyPolicy);
  let lines = priceJob(claim, job, moneyPolicy, ctx.explain, (partNumber) => duplicateClaimOf(history, claim, partNumber) !== undefined);
  const previous = facts.previousRepair as PreviousRepair | null;

  // The invariant, whatever the rule files say: a job is paid only within its term or as a comeback.
  // A rule set that forgot its expiry rule pends the job for a person instead of paying it.
  const invariant = outOfTermInvariant(job.jobId, coverage, !denied && comebackEvent !== undefined && previous !== null);
  if (!denied && !pended && invariant) {
    pended = true;
    reasons.push(reason(ctx, 'WA-OUT-OF-TERM', invariant.rule));
  }
  let comeback: DecisionJob['comeback'];

  if (!denied && comebackEvent && previous) {
    reasons.push(reason(ctx, comebackEvent.params!.code, ruleName(comebackEvent, run.results)));
    comeback = { ...previous };
    liableParty = { type: 'service-station', id: previous.stationId };
    if (previous.stationId === claim.stationId) {
      lines = lines.map((l) =>
        l.kind === 'labour' && l.status !== 'pended' && l.approvedFen > 0
          ? { ...l, status: 'adjusted', adjustments: [...l.adjustments, { code: 'WA-COMEBACK', amountFen: l.approvedFen, rule: ruleName(comebackEvent, run.results), message: ctx.explain('WA-COMEBACK') }], approvedFen: 0 }
          : l,
      );
    }
  }

  let customerPay: DecisionJob['customerPay'];
  // A denial the station caused (filed late, a duplicate) is the station's loss; any other is the customer's.
  const stationCaused = denials.length > 0 && denials.every((e) => e.params!.liable === 'service-station');
  if (denied && stationCaused) {
    liableParty = { type: 'service-station', id: claim.stationId };
    lines = zeroed(lines, 'denied');
  } else if (denied) {
    liableParty = { type: 'customer' };
    lines = zeroed(lines, 'denied').map((l) => {
      const max = customerPayMaxFen(l, moneyPolicy);
      return max === undefined ? l : { ...l, customerPayMaxFen: max };
    });
    const parts = lines.filter((l) => l.customerPayMaxFen !== undefined);
    const maxPartsFen = parts.reduce((s, l) => s + (l.customerPayMaxFen ?? 0), 0);
    const claimedPartsFen = parts.reduce((s, l) => s + l.claimedFen, 0);
    const over = parts.filter((l) => l.claimedFen > (l.customerPayMaxFen ?? 0));
    for (const l of over) reasons.push(reason(ctx, 'WA-CUSTOMER-OVERCHARGE', 'policy.customer-pay.markup', l.lineId));
    customerPay = { maxPartsFen, claimedPartsFen, overcharged: over.length > 0 };
  } else if (pended) {
    lines = zeroed(lines, 'pended');
  } else {
    for (const l of lines.filter((x) => x.status === 'pended')) {
      const why = pendCode(l);
      reasons.push(reason(ctx, why.code, why.rule, l.lineId));
    }
    const deadline = returnDeadline(receivedDate, moneyPolicy);
    lines = lines.map((l) => (l.status !== 'pended' && l.status !== 'denied' && mustReturn(l, moneyPolicy) ? { ...l, hold: 'part-return', holdDeadline: deadline } : l));
  }
  if (!denied) for (const l of lines.filter((x) => x.status === 'denied')) reasons.push(reason(ctx, 'DC', 'policy.parts.duplicate', l.lineId));
  for (const l of lines) for (const a of l.adjustments) if (!reasons.some((r) => r.code === a.code)) reasons.push(reason(ctx, a.code, a.rule, l.lineId));

  const jobPended = pended || lines.some((l) => l.status === 'pended');
  let coverageView: DecisionJob['coverage'] = null;
  if ('term' in coverage) {
    coverageView = { term: coverage.term, start: coverage.start, lastCoveredDay: coverage.lastCoveredDay, kmLimit: coverage.kmLimit, withinTerm: coverage.withinTerm };
    if (coverage.localStandard) coverageView.localStandard = coverage.localStandard;
  }
  const decided: DecisionJob = {
    jobId: job.jobId,
    component: job.component,
    failureMode: job.failureMode,
    covered: !denied && !pended,
    status: denied ? 'denied' : jobPended ? 'pended' : 'covered',
    remedy,
    coverage: coverageView,
    liableParty,
    reasons,
    lines,
  };
  if (comeback) decided.comeback = comeback;
  if (customerPay) decided.customerPay = customerPay;
  if (facts.preAuthorisation) decided.preAuthorisationNumber = (facts.preAuthorisation as PreAuthorisationFact).number;
  const trace = withTrace ? (run.trace ?? traceOf(job.jobId, run.results.concat(run.failureResults))) : [];
  if (withTrace && invariant && reasons.some((r) => r.code === 'WA-OUT-OF-TERM')) trace.push(invariant);
  return { job: decided, trace };
}

/** A campaign job, decided by its campaign's terms, added to the claim's jobs (and its trace entry to the trace). */
function campaignJob(input: AdjudicationInput, job: Job, unit: Unit, explain: (code: string) => Message, moneyPolicy: LoadedPolicy | null, jobs: DecisionJob[], trace: TraceEntry[]): void {
  const { claim, history } = input;
  const decided = decideCampaignJob({
    claim, job, unit, explain,
    campaign: input.campaigns?.find((c) => c.code === job.campaignCode) ?? null,
    stationRateFen: moneyPolicy ? stationRateFen(moneyPolicy, claim.stationId) : null,
    history,
    decidedJobs: jobs,
  });
  jobs.push(decided.job);
  if (input.trace !== false) trace.push(decided.trace);
}

/** Decides every job and line of one claim. Pure: no I/O, no clock; the caller passes the unit, history, rules and today. */
export async function adjudicate(input: AdjudicationInput): Promise<Decision> {
  const { claim, unit, history, ruleBook, today } = input;
  assertClaimBounds(claim);
  const explain = explainer(ruleBook);
  const receivedDate = claim.receivedDate ?? today;

  const identity = checkIdentity(claim, unit);
  if (identity !== null || unit === null) {
    const code = identity ?? 'IV';
    const jobs: DecisionJob[] = claim.jobs.map((job) => {
      const lines = [job.causalPart, ...job.consequentialParts].map((p, i): DecisionLine => ({
        lineId: i === 0 ? `${job.jobId}/causal` : `${job.jobId}/consequential/${i}`,
        kind: 'part', role: i === 0 ? 'causal' : 'consequential', partNumber: p.partNumber, quantity: p.quantity,
        claimedFen: p.unitPriceFen * p.quantity, approvedFen: 0, status: 'denied', adjustments: [],
      }));
      return {
        jobId: job.jobId, component: job.component, failureMode: job.failureMode, covered: false, status: 'denied', remedy: 'repair',
        coverage: null, liableParty: { type: 'customer' }, reasons: [reason({ explain }, code, 'core.identity')], lines,
      };
    });
    return {
      claimNumber: claim.claimNumber, stationId: claim.stationId, decisionVersion: 1, today, receivedDate,
      unitId: unit?.unitId ?? null, productLine: unit?.productLine ?? null, status: 'denied', ruleSet: null, policy: null, reasons: [], jobs, totals: summarise(jobs), trace: [],
    };
  }

  if (claim.failureDate < unit.saleDate) throw new ClaimDataError('failureDate', `the failure date ${claim.failureDate} is before the sale date ${unit.saleDate}`);
  if (receivedDate < claim.repairDate) throw new ClaimDataError('receivedDate', `the claim is received (${receivedDate}) before the repair date ${claim.repairDate}`);

  const ruleSet = ruleBook.ruleSetAt(unit.productLine, unit.saleDate);
  const coveragePolicy = ruleBook.policyForCoverage(unit.productLine, unit.saleDate);
  const termStart = coveragePolicy ? termStartOf(unit, coveragePolicy.file) : null;
  if (termStart?.date && termStart.field !== 'saleDate' && claim.failureDate < termStart.date) {
    const words = TERM_START_WORDS[termStart.field];
    throw new ClaimDataError('failureDate', `the failure date ${claim.failureDate} is before the ${words} ${termStart.date}, from which this line's terms count`);
  }
  const moneyPolicy = ruleBook.policyAt(unit.productLine, claim.repairDate) ?? coveragePolicy;
  if (moneyPolicy && input.checkVocabulary !== false) {
    // A campaign job's parts and operation are checked against the campaign's terms, not the policy's vocabulary.
    const issues = claimVocabularyIssues(claim.jobs.filter((j) => j.campaignCode === undefined), moneyPolicy.file);
    if (issues.length > 0) throw new UnknownVocabularyError(issues, unit.productLine, claim.repairDate);
  }
  const ctx: Context = { claim, unit, ruleBook, explain, preAuthorisations: input.preAuthorisations ?? [] };
  const jobs: DecisionJob[] = [];
  const trace: TraceEntry[] = [];
  if (!ruleSet || !coveragePolicy || !moneyPolicy) {
    for (const job of claim.jobs) {
      if (job.campaignCode !== undefined) {
        campaignJob(input, job, unit, explain, moneyPolicy, jobs, trace);
        continue;
      }
      const lines = moneyPolicy ? zeroed(priceJob(claim, job, moneyPolicy, explain), 'pended') : [];
      jobs.push({
        jobId: job.jobId, component: job.component, failureMode: job.failureMode, covered: false, status: 'pended', remedy: 'repair',
        coverage: null, liableParty: { type: 'manufacturer' }, reasons: [reason(ctx, 'WA-NO-RULESET', 'core.rule-set.in-force')], lines,
      });
    }
  } else {
    // One job at a time: jobs may share an engine, and an engine runs one claim at a time.
    for (const job of claim.jobs) {
      if (job.campaignCode !== undefined) {
        campaignJob(input, job, unit, explain, moneyPolicy, jobs, trace);
        continue;
      }
      const decided = await adjudicateJob(ctx, job, ruleSet, coveragePolicy, moneyPolicy, history, receivedDate, input.trace !== false);
      jobs.push(decided.job);
      trace.push(...decided.trace);
    }
  }

  const status = claimStatus(jobs);
  return {
    claimNumber: claim.claimNumber,
    stationId: claim.stationId,
    decisionVersion: 1,
    today,
    receivedDate,
    unitId: unit.unitId,
    productLine: unit.productLine,
    status,
    ruleSet: ruleSet ? { id: ruleSet.file.id, version: ruleSet.file.version, hash: ruleSet.hash } : null,
    policy: moneyPolicy ? { id: moneyPolicy.file.id, version: moneyPolicy.file.version, hash: moneyPolicy.hash } : null,
    reasons: status === 'partial' ? [reason(ctx, 'PWA', 'core.status.partial')] : [],
    jobs,
    totals: summarise(jobs),
    trace,
  };
}
