import type { Claim, Job } from '../claims/claim-schema.js';
import type { Unit } from '../units/unit-schema.js';
import type { PolicyFile } from '../policies/policy-schema.js';
import type { LoadedPolicy } from '../rules/rule-book.js';
import { daysBetween, type DateInterval } from '../terms/term-arithmetic.js';
import type { HistoryEntry } from './history.js';
import { partsClaimedFen } from '../money/job-lines.js';
import type { PreAuthorisation } from '../preauthorisations/preauthorisation-schema.js';
import { jobPreAuthorisationNumber } from '../preauthorisations/job-preauthorisation-number.js';
import { termStartOf } from './term-start.js';

/**
 * Every fact a rule may name: the closed vocabulary. `term`, `coverage` and `comeback` are
 * filled while the engine runs (rule chaining); the rest are known before it starts.
 */
export const FACT_NAMES = [
  'productLine', 'component', 'category', 'failureMode', 'cause', 'partNumber',
  'causalPartGenuine', 'causalPartMatchesComponent', 'odometerKm', 'region',
  'saleDate', 'termStart', 'failureDate', 'repairDate', 'receivedDate', 'saleToFailure',
  'evidence', 'job', 'measurements', 'warrantyCard', 'daysRepairToReceived',
  'daysSincePreviousRepair', 'previousRepair', 'priorWarrantyRepairs', 'maxPriorOdometerKm',
  'duplicateOf', 'policy', 'localStandard', 'timeZone', 'term', 'coverage', 'comeback',
  'partsClaimedFen', 'preAuthorisation',
] as const;
export type FactName = (typeof FACT_NAMES)[number];

export interface PreviousRepair {
  claimNumber: string;
  stationId: string;
  repairDate: string;
}

/** The `policy` fact of each policy version, made once: it is the same for every job. */
const policyFacts = new WeakMap<PolicyFile, Readonly<ReturnType<typeof policyFactOf>>>();
function policyFact(policy: PolicyFile) {
  let fact = policyFacts.get(policy);
  if (fact === undefined) {
    fact = Object.freeze(policyFactOf(policy));
    policyFacts.set(policy, fact);
  }
  return fact;
}

/** The policy numbers a rule may compare with (`value: { fact: "policy", path: "$.filingWindowDays" }`). */
function policyFactOf(policy: PolicyFile) {
  return {
    filingWindowDays: policy.filingWindowDays,
    auxiliaryMaxPctOfParts: policy.auxiliaryMaxPctOfParts,
    customerPayMarkupPct: policy.customerPayMarkupPct,
    partReturnDeadlineDays: policy.partReturn.deadlineDays,
    preAuthorisationThresholdFen: policy.preAuthorisation?.thresholdFen ?? null,
    minPhotos: policy.evidence?.minPhotos ?? null,
    odometerRequired: policy.evidence?.odometerRequired ?? false,
  };
}

/** The `preAuthorisation` fact: what the job's pre-authorisation number refers to, checked against the claim. */
export interface PreAuthorisationFact {
  number: string;
  found: boolean;
  unitMatches: boolean;
  componentMatches: boolean;
  validOnRepairDate: boolean;
  /** Found, for this unit and component, and the repair date within its validity. */
  valid: boolean;
  amountLimitFen: number | null;
  /** Another claim of the unit whose covered job was filed under the same pre-authorisation, or null. */
  usedByClaim: string | null;
}

function preAuthorisationFact(claim: Claim, job: Job, unit: Unit, known: readonly PreAuthorisation[], history: readonly HistoryEntry[]): PreAuthorisationFact | null {
  const number = jobPreAuthorisationNumber(claim, job, known);
  if (number === undefined) return null;
  const usedByClaim = history.find((h) => !(h.claimNumber === claim.claimNumber && h.stationId === claim.stationId) && h.jobs.some((j) => j.covered && j.preAuthorisationNumber === number))?.claimNumber ?? null;
  const found = known.find((p) => p.number === number);
  if (!found) return { number, found: false, unitMatches: false, componentMatches: false, validOnRepairDate: false, valid: false, amountLimitFen: null, usedByClaim };
  const unitMatches = found.unitId === unit.unitId;
  const componentMatches = found.component === job.component;
  const validOnRepairDate = found.validFrom <= claim.repairDate && claim.repairDate <= found.validTo;
  return { number, found: true, unitMatches, componentMatches, validOnRepairDate, valid: unitMatches && componentMatches && validOnRepairDate, amountLimitFen: found.amountLimitFen, usedByClaim };
}

function warrantyCardState(claim: Claim, unit: Unit, policy: PolicyFile): 'match' | 'missing' | 'mismatch' | 'not-required' {
  if (!policy.identity.requiresWarrantyCard) return 'not-required';
  const card = claim.evidence.warrantyCardNumber;
  if (card === null) return 'missing';
  return unit.warrantyCardNumber !== undefined && card === unit.warrantyCardNumber ? 'match' : 'mismatch';
}

function overlaps(a: { failureDate: string; repairDate: string }, b: { failureDate: string; repairDate: string }): boolean {
  return a.failureDate <= b.repairDate && b.failureDate <= a.repairDate;
}

/** The earlier claim on the unit that already claimed this part for an overlapping repair (SPEC §7: DC), if any. */
export function duplicateClaimOf(history: readonly HistoryEntry[], claim: Claim, partNumber: string): HistoryEntry | undefined {
  return history.find((h) => h.claimNumber !== claim.claimNumber && overlaps(h, claim) && h.jobs.some((j) => j.partNumbers.includes(partNumber)));
}

export interface FactInputs {
  claim: Claim;
  job: Job;
  unit: Unit;
  history: readonly HistoryEntry[];
  coveragePolicy: LoadedPolicy;
  moneyPolicy: LoadedPolicy;
  receivedDate: string;
  /** The pre-authorisations the claim refers to (looked up by the caller). */
  preAuthorisations?: readonly PreAuthorisation[] | undefined;
}

/** The facts known before the run, for one job. */
export function buildJobFacts({ claim, job, unit, history, coveragePolicy, moneyPolicy, receivedDate, preAuthorisations = [] }: FactInputs): Record<string, unknown> {
  const zone = coveragePolicy.file.timeZone;
  const causal = moneyPolicy.partsByNumber.get(job.causalPart.partNumber);
  // The category picks the term, and the terms promised at sale bind (SPEC §3.3): the sale-date policy
  // classifies the component; a component it does not know yet falls back to the repair-date policy.
  const category =
    coveragePolicy.file.components[job.component]?.category ?? moneyPolicy.file.components[job.component]?.category ?? null;
  const earlier = history.filter((h) => h.claimNumber !== claim.claimNumber && h.repairDate <= claim.repairDate);

  // Only a repair finished by the failure date can come back or count as a prior repair: one completed
  // after this failure began is a parallel repair, not the one that failed again.
  const covered = earlier
    .filter((h) => h.repairDate <= claim.failureDate && h.jobs.some((j) => j.component === job.component && j.covered))
    .sort((a, b) => (a.repairDate < b.repairDate ? 1 : -1));
  const latest = covered[0];
  const previousRepair: PreviousRepair | null = latest
    ? { claimNumber: latest.claimNumber, stationId: latest.stationId, repairDate: latest.repairDate }
    : null;

  const odometers = earlier.map((h) => h.odometerKm).filter((km): km is number => typeof km === 'number');
  const duplicate = duplicateClaimOf(history, claim, job.causalPart.partNumber);
  const localStandard =
    coveragePolicy.file.localStandards.find((s) => s.region === unit.region && s.category === category) ?? null;

  const saleToFailure: DateInterval = { from: unit.saleDate, to: claim.failureDate };
  return {
    productLine: unit.productLine,
    component: job.component,
    category,
    failureMode: job.failureMode,
    cause: job.cause,
    partNumber: job.causalPart.partNumber,
    causalPartGenuine: causal?.genuine ?? false,
    causalPartMatchesComponent: causal === undefined ? null : causal.component === job.component,
    odometerKm: claim.odometerKm,
    region: unit.region,
    saleDate: unit.saleDate,
    // The date the terms count from (policy termStartsAt): the sale date, commissioning or delivery; null when the unit lacks it.
    termStart: termStartOf(unit, coveragePolicy.file).date,
    failureDate: claim.failureDate,
    repairDate: claim.repairDate,
    receivedDate,
    saleToFailure,
    evidence: claim.evidence,
    job: { selfRepaired: job.selfRepaired, seriousDefect: job.seriousDefect, repairable: job.repairable ?? null },
    measurements: { capacityPct: job.measurements.capacityPct ?? null, ...job.measurements },
    warrantyCard: warrantyCardState(claim, unit, coveragePolicy.file),
    daysRepairToReceived: daysBetween(claim.repairDate, receivedDate, zone),
    daysSincePreviousRepair: previousRepair ? daysBetween(previousRepair.repairDate, claim.failureDate, zone) : null,
    previousRepair,
    priorWarrantyRepairs: covered.length,
    maxPriorOdometerKm: odometers.length > 0 ? Math.max(...odometers) : null,
    duplicateOf: duplicate?.claimNumber ?? null,
    policy: policyFact(moneyPolicy.file),
    localStandard,
    partsClaimedFen: partsClaimedFen(job),
    preAuthorisation: preAuthorisationFact(claim, job, unit, preAuthorisations, history),
    term: null,
    comeback: false,
  };
}
