import type { RuleBook } from '../rules/rule-book.js';
import type { Unit } from '../units/unit-schema.js';
import type { Claim } from '../claims/claim-schema.js';
import { adjudicate } from '../adjudication/adjudicate.js';
import type { DecisionJob, Reason } from '../adjudication/decision.js';
import { plusDays } from '../terms/term-arithmetic.js';
import type { EligibilityComponent } from './eligibility-schema.js';
import { failureModesOf, vocabularyChecker } from '../policies/vocabulary.js';
import { UnknownVocabularyError } from '../policies/unknown-vocabulary-error.js';
import type { LoadedPolicy } from '../rules/rule-book.js';
import { assertClaimBounds } from '../money/bounds.js';

export interface ComponentEligibility {
  component: string | null;
  partNumber?: string;
  failureMode?: string;
  covered: boolean;
  term: string | null;
  start: string | null;
  lastCoveredDay: string | null;
  kmLimit: number | null;
  kmLeft: number | null;
  reasons: Array<Pick<Reason, 'code' | 'message'>>;
  /** Without a failure mode, a component can fall under several terms (a handlebar: plating 3 months, welds 12). */
  byFailureMode?: ComponentEligibility[];
}

export interface Eligibility {
  unitId: string;
  productLine: string;
  date: string;
  saleDate: string;
  exchangeWindowLastDay?: string;
  /** Days from the sale (the sale day is day 1) in which a seriously defective unit may be exchanged or refunded. */
  exchangeWindowDays?: number;
  /** Whether the date asked about is inside that window. */
  exchangeWindowOpen?: boolean;
  /** A repair whose parts exceed this needs a pre-authorisation first (else its claim is pended AC). */
  preAuthorisationAboveFen?: number;
  components: ComponentEligibility[];
}

function view(job: DecisionJob, asked: EligibilityComponent, odometerKm: number | undefined): ComponentEligibility {
  const coverage = job.coverage;
  const kmLimit = coverage?.kmLimit ?? null;
  return {
    component: job.component,
    ...(asked.partNumber ? { partNumber: asked.partNumber } : {}),
    ...(asked.failureMode ? { failureMode: asked.failureMode } : {}),
    // Pre-check asks about the term, not the evidence of a claim yet to come: pended ≠ not covered.
    covered: job.status !== 'denied' && coverage?.withinTerm === true,
    term: coverage?.term ?? null,
    start: coverage?.start ?? null,
    lastCoveredDay: coverage?.lastCoveredDay ?? null,
    kmLimit,
    kmLeft: kmLimit !== null && odometerKm !== undefined ? Math.max(0, kmLimit - odometerKm) : null,
    reasons: job.status === 'denied' || coverage === null ? job.reasons.map((r) => ({ code: r.code, message: r.message })) : [],
  };
}

/** The e-bike exchange-or-refund window, read from the rule that grants it (its `withinDays` condition). */
export function exchangeWindowDays(ruleBook: RuleBook, unit: Unit): number | null {
  const ruleSet = ruleBook.ruleSetAt(unit.productLine, unit.saleDate);
  const rule = ruleSet?.file.rules.find((r) => r.event.type === 'remedy' && r.event.params.remedy === 'exchange-or-refund');
  if (!rule || !('all' in rule.conditions)) return null;
  const window = rule.conditions.all.find((c) => 'operator' in c && c.operator === 'withinDays');
  return window && 'value' in window && typeof window.value === 'number' ? window.value : null;
}

function exchangeWindow(saleDate: string, days: number, date: string, zone: string): Pick<Eligibility, 'exchangeWindowLastDay' | 'exchangeWindowDays' | 'exchangeWindowOpen'> {
  const lastDay = plusDays(saleDate, days - 1, zone);
  return { exchangeWindowLastDay: lastDay, exchangeWindowDays: days, exchangeWindowOpen: date <= lastDay };
}

/** A pre-check naming a component, part number or failure mode the line does not know on the date: 422 (UnknownVocabularyError). */
function checkAsked(components: readonly EligibilityComponent[], policy: LoadedPolicy, productLine: string, date: string): void {
  const check = vocabularyChecker(policy.file);
  components.forEach((asked, i) => {
    const at = `components.${i}`;
    let component = asked.component;
    if (component !== undefined && !check.component(`${at}.component`, component)) component = undefined;
    if (asked.partNumber !== undefined) {
      check.partNumber(`${at}.partNumber`, asked.partNumber);
      component ??= policy.partsByNumber.get(asked.partNumber)?.component;
    }
    if (asked.failureMode !== undefined && component !== undefined) check.failureMode(`${at}.failureMode`, component, asked.failureMode);
  });
  if (check.issues.length > 0) throw new UnknownVocabularyError(check.issues, productLine, date);
}

/**
 * The claim the pre-check decides: a manufacturer defect of one component on `date`, built as the
 * claim schema would parse it (its defaults included) without parsing it: every value in it is the
 * registry's or was checked already. test/core/hypothetical-claim.test.ts holds it equal to the parse.
 */
export function hypotheticalClaim(unit: Unit, date: string, odometerKm: number | undefined, component: string, partNumber: string, failureMode: string): Claim {
  return {
    claimNumber: 'eligibility',
    stationId: 'eligibility',
    unit: unit.vin !== undefined ? { vin: unit.vin } : unit.frameSerial !== undefined ? { frameSerial: unit.frameSerial } : { serialNumber: unit.serialNumber as string },
    odometerKm: odometerKm ?? null,
    failureDate: date,
    repairDate: date,
    reportedFault: '',
    evidence: { photos: 1, faultStatePreserved: true, priorConsent: null, warrantyCardNumber: unit.warrantyCardNumber ?? null, unitComplete: null, documentsComplete: null },
    jobs: [
      {
        jobId: 'J1', component, failureMode, cause: 'defect-material', causalPart: { partNumber, quantity: 1, unitPriceFen: 0 },
        consequentialParts: [], labour: [], auxiliaryFen: 0, measurements: {}, selfRepaired: false, seriousDefect: false,
      },
    ],
  };
}

/**
 * Pre-check (SPEC §9): would a manufacturer defect of each component be covered on `date`? Runs the
 * unit's real rule set on a hypothetical claim, so terms, local standards and exclusions are the ones
 * claims get. Read-only and pure.
 */
export async function checkEligibility(unit: Unit, askedComponents: readonly EligibilityComponent[] | undefined, date: string, odometerKm: number | undefined, ruleBook: RuleBook): Promise<Eligibility> {
  const policy = ruleBook.policyAt(unit.productLine, date) ?? ruleBook.policyForCoverage(unit.productLine, unit.saleDate);
  if (odometerKm !== undefined) assertClaimBounds({ odometerKm, jobs: [] });
  // Not asked about any one: every component the policy lists, in its order.
  const components: readonly EligibilityComponent[] = askedComponents ?? Object.keys(policy?.file.components ?? {}).map((component) => ({ component }));
  if (policy) checkAsked(components, policy, unit.productLine, date);
  const decide = async (component: string, partNumber: string, failureMode: string) => {
    const claim = hypotheticalClaim(unit, date, odometerKm, component, partNumber, failureMode);
    // The asked values were checked above; the generic question ("unspecified" mode) is not a claim's word.
    const decision = await adjudicate({ claim, unit, history: [], ruleBook, today: date, trace: false, checkVocabulary: false });
    return decision.jobs[0] as DecisionJob;
  };

  const results: ComponentEligibility[] = [];
  for (const asked of components) {
    const part = asked.partNumber ? policy?.partsByNumber.get(asked.partNumber) : undefined;
    const component = asked.component ?? part?.component;
    if (!component) {
      // Only without a policy for the line on that date (else the part number was refused above).
      results.push({ component: null, ...(asked.partNumber ? { partNumber: asked.partNumber } : {}), covered: false, term: null, start: null, lastCoveredDay: null, kmLimit: null, kmLeft: null, reasons: [{ code: 'WA-UNKNOWN-PART', message: ruleBook.reasons['WA-UNKNOWN-PART'] ?? { en: 'unknown part', zh: '未知配件' } }] });
      continue;
    }
    const partNumber = part?.partNumber ?? policy?.file.parts.find((p) => p.component === component)?.partNumber ?? `${component}-part`;
    if (asked.failureMode) {
      results.push(view(await decide(component, partNumber, asked.failureMode), asked, odometerKm));
      continue;
    }
    const generic = await decide(component, partNumber, 'unspecified');
    if (generic.coverage !== null || generic.status === 'denied') {
      results.push({ ...view(generic, asked, odometerKm) });
      continue;
    }
    const perMode: ComponentEligibility[] = [];
    for (const mode of policy ? failureModesOf(policy.file, component) : []) {
      const job = await decide(component, partNumber, mode);
      if (job.coverage !== null || job.status === 'denied') perMode.push(view(job, { ...asked, failureMode: mode }, odometerKm));
    }
    const withTerm = perMode.filter((p) => p.term !== null);
    const best = [...withTerm].sort((a, b) => Number(b.covered) - Number(a.covered) || ((b.lastCoveredDay ?? '') > (a.lastCoveredDay ?? '') ? 1 : -1))[0];
    if (!best) {
      results.push(view(generic, asked, odometerKm));
    } else {
      const { failureMode: _mode, ...summary } = best;
      results.push({ ...summary, byFailureMode: withTerm });
    }
  }

  const windowDays = exchangeWindowDays(ruleBook, unit);
  return {
    unitId: unit.unitId,
    productLine: unit.productLine,
    date,
    saleDate: unit.saleDate,
    ...(windowDays !== null && policy ? exchangeWindow(unit.saleDate, windowDays, date, policy.file.timeZone) : {}),
    ...(policy?.file.preAuthorisation ? { preAuthorisationAboveFen: policy.file.preAuthorisation.thresholdFen } : {}),
    components: results,
  };
}
