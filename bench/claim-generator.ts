/**
 * Deterministic generator of units, claims and unit histories across both product lines, for the
 * benchmark, property tests and backtests. The same (seed, index) always gives the same claim:
 * every claim draws from its own PRNG stream, so a claim can be regenerated alone and a larger
 * `count` only appends claims.
 */
import { claimSchema, type Claim, type ClaimInput } from '../src/claims/claim-schema.js';
import { unitSchema, type Unit, type UnitInput } from '../src/units/unit-schema.js';
import { withCheckDigit } from '../src/units/vin.js';
import type { HistoryEntry } from '../src/adjudication/history.js';
import type { PreAuthorisation } from '../src/preauthorisations/preauthorisation-schema.js';
import { daysBetween, plusDays } from '../src/terms/term-arithmetic.js';
import { createRandom, type Random } from './seeded-random.js';
import { CAUSE_MIX, PROFILES, type ComponentScenario, type LineProfile, type ProductLine } from './claim-scenarios.js';
import { partsClaimedFen } from '../src/money/job-lines.js';

export interface GeneratedClaim {
  unit: Unit;
  claim: Claim;
  /** The unit's earlier claims, as the service would load them. */
  history: HistoryEntry[];
  /** The pre-authorisations its jobs name (issued for costly repairs). */
  preAuthorisations: PreAuthorisation[];
  /** "Today" for this claim, fixed: adjudication never reads the clock. */
  today: string;
}

export interface GenerateOptions {
  count: number;
  seed: number;
  /** Share of e-bike claims; the rest are NEV (default 0.45). */
  eBikeShare?: number;
  /** No failure after this date (default 2026-10-31). */
  horizon?: string;
}

// Calendar-day arithmetic on ISO dates: any zone gives the same days, and UTC keeps luxon off the Intl path.
const ZONE = 'UTC';
const DEFAULT_HORIZON = '2026-10-31';
const VIN_YEAR_CODES: Readonly<Record<number, string>> = { 2021: 'M', 2022: 'N', 2023: 'P', 2024: 'R', 2025: 'S' };

/** Independent stream per claim: a 32-bit mix of seed and index. */
function claimSeed(seed: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

function uniform(random: Random, min: number, max: number): number {
  return min + random.next() * (max - min);
}

/** Rounded to a multiple of 1 / perUnit (perUnit 10: tenths), without binary-fraction noise. */
function roundTo(value: number, step: number, perUnit = 1): number {
  return Math.round((value * perUnit) / step) * step / perUnit;
}

/** Mostly the list price; sometimes above it (EPC), sometimes a discount. */
function claimedPrice(random: Random, listFen: number): number {
  const roll = random.next();
  if (roll < 0.8) return listFen;
  if (roll < 0.92) return Math.max(100, roundTo(listFen * uniform(random, 1.05, 1.35), 100));
  return Math.max(100, roundTo(listFen * uniform(random, 0.85, 0.99), 100));
}

/** Mostly the standard hours; sometimes over (ELH), sometimes under. */
function claimedHours(random: Random, standard: number): number {
  const roll = random.next();
  if (roll < 0.65) return standard;
  if (roll < 0.87) return Math.max(0.1, roundTo(standard * uniform(random, 1.1, 2.0), 1, 10));
  return Math.max(0.1, roundTo(standard * uniform(random, 0.6, 0.95), 1, 10));
}

function pickScenarios(random: Random, profile: LineProfile, count: number): ComponentScenario[] {
  const weighted = profile.scenarios.map((s) => [s, s.weight] as const);
  const chosen: ComponentScenario[] = [];
  for (let attempt = 0; chosen.length < count && attempt < 20; attempt++) {
    const scenario = random.weighted(weighted);
    if (!chosen.includes(scenario)) chosen.push(scenario);
  }
  return chosen;
}

function listPrice(profile: LineProfile, partNumber: string): number {
  return profile.listPriceFen[partNumber] ?? 10000;
}

interface JobContext {
  random: Random;
  profile: LineProfile;
  stationRateFen: number;
  index: number;
  exchangeCase: boolean;
}

function buildJob(ctx: JobContext, scenario: ComponentScenario): ClaimInput['jobs'][number] {
  const { random, profile } = ctx;
  const jobId = `J${ctx.index + 1}`;
  const failureMode = random.pick(scenario.failureModes);
  let cause: string;
  if (ctx.exchangeCase && ctx.index === 0) cause = random.pick(['defect-material', 'defect-manufacturing']);
  else if (scenario.wearPart) cause = random.weighted([['wear', 80], ['defect-material', 10], ['misuse', 10]]);
  else if (failureMode === 'scratch') cause = random.weighted([['human-damage', 60], ['external-impact', 30], ['defect-manufacturing', 10]]);
  else cause = random.weighted(CAUSE_MIX);

  let partNumber = scenario.partNumber;
  const partRoll = random.next();
  if (partRoll < 0.015) partNumber = random.pick(profile.scenarios).partNumber; // wrong causal part (WC)
  // A look-alike the catalogue lists as not genuine (NOP); a number it does not list at all would be refused (422).
  else if (partRoll < 0.025) partNumber = profile.nonGenuineParts[scenario.component] ?? scenario.partNumber;
  const quantity = scenario.component === 'inner-tube' && random.chance(0.1) ? 2 : 1;
  const causalPart = { partNumber, quantity, unitPriceFen: claimedPrice(random, listPrice(profile, scenario.partNumber)) };

  const consequentialParts: Array<{ partNumber: string; quantity: number; unitPriceFen: number }> = [];
  if (scenario.consequential && random.chance(0.3)) {
    const wanted = random.int(1, Math.min(2, scenario.consequential.length));
    for (const part of scenario.consequential.slice(0, wanted)) {
      consequentialParts.push({ partNumber: part, quantity: 1, unitPriceFen: claimedPrice(random, listPrice(profile, part)) });
    }
  }
  if (random.chance(0.03)) {
    consequentialParts.push({ partNumber: profile.unrelatedPart, quantity: 1, unitPriceFen: listPrice(profile, profile.unrelatedPart) });
  }

  const operations = [...scenario.operations];
  const diagnosis = Object.keys(profile.standardHours).find((op) => op.endsWith('-DIAG'));
  if (diagnosis && !operations.includes(diagnosis) && random.chance(0.3)) operations.push(diagnosis);
  const labour = operations.map((op) => {
    // The draw that once filed an unknown operation stays, so every other claim of a seed is as it was;
    // an unknown operation is refused (422) since the vocabulary is closed, so it is never a claim.
    random.chance(0.01);
    const operationCode = op;
    const hours = claimedHours(random, profile.standardHours[op] ?? 1);
    const rateFen = random.chance(0.08) ? ctx.stationRateFen + random.int(5, 30) * 100 : ctx.stationRateFen;
    return { operationCode, hours, rateFen };
  });

  const partsFen = causalPart.unitPriceFen * quantity + consequentialParts.reduce((s, p) => s + p.unitPriceFen * p.quantity, 0);
  const auxiliaryFen = random.chance(0.3) ? Math.max(100, roundTo(partsFen * uniform(random, 0.02, 0.08), 100)) : 0;

  let travel: { km: number; amountFen: number } | null = null;
  const travelShare = profile.productLine === 'nev-special-vehicle' ? 0.25 : 0.02;
  if (ctx.index === 0 && profile.travelBands.length > 0 && random.chance(travelShare)) {
    const last = profile.travelBands[profile.travelBands.length - 1]!;
    const km = random.chance(0.05) ? random.int(last[0] + 1, Math.round(last[0] * 1.4)) : random.int(5, last[0]);
    const band = profile.travelBands.find(([maxKm]) => km <= maxKm) ?? [km, Math.round(last[1] * 1.6)];
    const roll = random.next();
    const amountFen = roll < 0.8 ? band[1] : roll < 0.95 ? band[1] + random.int(10, 200) * 100 : roundTo(band[1] * 0.8, 100);
    travel = { km, amountFen };
  }

  const measurements: Record<string, number> = failureMode === 'capacity-low' && random.chance(0.9) ? { capacityPct: random.int(35, 72) } : {};
  return {
    jobId,
    component: scenario.component,
    failureMode,
    cause: cause as ClaimInput['jobs'][number]['cause'],
    causalPart,
    consequentialParts,
    labour,
    auxiliaryFen,
    travel,
    measurements,
    selfRepaired: random.chance(scenario.component === 'inner-tube' ? 0.06 : 0.03),
    seriousDefect: (ctx.exchangeCase && ctx.index === 0) || random.chance(0.005),
  };
}

function buildUnit(random: Random, profile: LineProfile, index: number, saleDate: string): UnitInput {
  const serial = String(index % 1_000_000).padStart(6, '0');
  const year = Number(saleDate.slice(0, 4));
  const region = random.weighted(profile.regions);
  const model = random.pick(profile.models);
  const dealerId = `D-${region.slice(3)}-0${random.int(1, 4)}`;
  if (profile.productLine === 'nev-special-vehicle') {
    const vin = withCheckDigit(`LB9BL5180${VIN_YEAR_CODES[year] ?? 'S'}0${serial}`);
    return { unitId: vin, productLine: profile.productLine, model, vin, upfitSerial: `QZ-${year}-${serial}`, saleDate, region, dealerId, chassisMaker: 'CHS-01' };
  }
  const frameSerial = `EBF${year}${serial}`;
  return { unitId: frameSerial, productLine: profile.productLine, model, frameSerial, warrantyCardNumber: `WC-${year}-${serial}`, saleDate, region, dealerId };
}

interface HistoryContext {
  random: Random;
  profile: LineProfile;
  index: number;
  claim: ClaimInput & { failureDate: string; repairDate: string };
  ageDays: number;
}

function buildHistory(ctx: HistoryContext): HistoryEntry[] {
  const { random, profile, claim } = ctx;
  const history: HistoryEntry[] = [];
  const claimed = new Set(claim.jobs.map((j) => j.component));
  const others = profile.scenarios.filter((s) => !claimed.has(s.component));
  const first = claim.jobs[0]!;
  const entry = (daysBefore: number, component: string, partNumber: string, covered: boolean, odometerKm: number | null): HistoryEntry | null => {
    if (daysBefore > ctx.ageDays) return null;
    const repairDate = plusDays(claim.failureDate, -daysBefore, ZONE);
    const failureDate = plusDays(repairDate, -Math.min(random.int(0, 3), ctx.ageDays - daysBefore), ZONE);
    const stationId = random.chance(0.5) ? claim.stationId : random.pick(profile.stations)[0];
    const k = history.length + 1;
    return { claimNumber: `${stationId}-H${String(ctx.index).padStart(6, '0')}-${k}`, stationId, failureDate, repairDate, odometerKm, jobs: [{ jobId: 'J1', component, partNumbers: [partNumber], covered }] };
  };
  const odometerAt = (daysBefore: number) => (claim.odometerKm == null || ctx.ageDays === 0 ? null : Math.round((claim.odometerKm * (ctx.ageDays - daysBefore)) / ctx.ageDays));
  const push = (e: HistoryEntry | null) => e && history.push(e);

  for (let n = random.int(0, 2); n > 0 && others.length > 0 && ctx.ageDays > 1; n--) {
    const s = random.pick(others);
    const before = random.int(1, ctx.ageDays);
    push(entry(before, s.component, s.partNumber, random.chance(0.7), odometerAt(before)));
  }
  const firstPart = first.causalPart.partNumber;
  if (random.chance(0.06)) {
    const before = random.int(3, 75); // a comeback inside (or just outside) the 60-day window
    push(entry(before, first.component, firstPart, true, odometerAt(before)));
  }
  if (random.chance(0.03)) {
    for (const before of [random.int(90, 300), random.int(320, 700)]) push(entry(before, first.component, firstPart, true, odometerAt(before)));
  }
  if (random.chance(0.02) && claim.odometerKm != null && others.length > 0) {
    const s = random.pick(others); // an earlier reading above today's: odometer rollback
    push(entry(random.int(1, Math.max(1, ctx.ageDays)), s.component, s.partNumber, true, claim.odometerKm + random.int(500, 20000)));
  }
  if (random.chance(0.01)) {
    const stationId = random.pick(profile.stations)[0]; // the same part already claimed for this repair
    history.push({ claimNumber: `${stationId}-D${String(ctx.index).padStart(6, '0')}`, stationId, failureDate: claim.failureDate, repairDate: claim.repairDate, odometerKm: claim.odometerKm ?? null, jobs: [{ jobId: 'J1', component: first.component, partNumbers: [firstPart], covered: true }] });
  }
  return history;
}

/** One claim of the set: its unit, the claim, the unit's history and today. */
export function generateClaim(seed: number, index: number, options: Omit<GenerateOptions, 'count' | 'seed'> = {}): GeneratedClaim {
  const random = createRandom(claimSeed(seed, index));
  const horizon = options.horizon ?? DEFAULT_HORIZON;
  const line: ProductLine = random.chance(options.eBikeShare ?? 0.45) ? 'e-bike' : 'nev-special-vehicle';
  const profile = PROFILES[line];

  const firstSaleDay = `${profile.saleYears[0]}-01-01`;
  const saleDate = plusDays(firstSaleDay, random.int(0, daysBetween(firstSaleDay, `${profile.saleYears[1]}-12-31`, ZONE)), ZONE);
  const unit = unitSchema.parse(buildUnit(random, profile, index, saleDate));

  const [stationId, stationRateFen] = random.pick(profile.stations);
  const exchangeCase = line === 'e-bike' && random.chance(0.03);
  const scenarios = pickScenarios(random, profile, random.weighted([[1, 60], [2, 28], [3, 12]]));
  const maxAge = Math.max(0, daysBetween(saleDate, horizon, ZONE));
  // Failures beyond the horizon are redrawn uniformly rather than piled onto its last day.
  const drawnAge = Math.round(random.exponential(scenarios[0]!.meanAgeDays));
  const ageDays = exchangeCase ? random.int(0, 9) : drawnAge <= maxAge ? drawnAge : random.int(0, maxAge);
  const failureDate = plusDays(saleDate, ageDays, ZONE);
  const repairDate = plusDays(failureDate, random.int(0, 5), ZONE);
  const receivedDate = plusDays(repairDate, random.chance(0.03) ? random.int(31, 75) : random.int(0, 12), ZONE);
  const today = plusDays(receivedDate, random.int(0, 3), ZONE);

  const odometerKm = random.chance(profile.noOdometerShare) ? null : Math.round(ageDays * uniform(random, ...profile.kmPerDay)) + random.int(0, 500);
  const jobs = scenarios.map((scenario, i) => buildJob({ random, profile, stationRateFen, index: i, exchangeCase }, scenario));
  const selfRepaired = jobs.some((j) => j.selfRepaired);

  const identity = random.chance(0.005) ? buildUnit(random, profile, index + 500_000, saleDate) : unit; // a claim that names another unit
  const eBike = line === 'e-bike';
  const card = !eBike ? null : random.weighted<string | null>([[unit.warrantyCardNumber ?? null, 94], [null, 3], [`WC-${saleDate.slice(0, 4)}-${random.int(0, 999_999)}`, 3]]);
  const complete = () => (exchangeCase ? random.chance(0.85) : eBike && random.chance(0.2) ? true : null);
  const claimInput = {
    claimNumber: `${stationId}-${repairDate.slice(0, 4)}-${String(index).padStart(6, '0')}`,
    stationId,
    unit: eBike ? { frameSerial: identity.frameSerial } : { vin: identity.vin, upfitSerial: identity.upfitSerial },
    odometerKm,
    failureDate,
    repairDate,
    ...(random.chance(0.6) ? { receivedDate } : {}),
    reportedFault: `${jobs[0]!.component} ${jobs[0]!.failureMode}`,
    evidence: {
      photos: eBike ? random.int(0, 4) : random.chance(0.03) ? 0 : random.int(1, 8),
      faultStatePreserved: random.weighted<boolean | null>([[true, 90], [null, 8], [false, 2]]),
      priorConsent: selfRepaired ? random.weighted<boolean | null>([[false, 60], [true, 20], [null, 20]]) : random.weighted<boolean | null>([[null, 90], [true, 10]]),
      warrantyCardNumber: card,
      unitComplete: complete(),
      documentsComplete: complete(),
    },
    jobs,
  } satisfies ClaimInput;

  const history = buildHistory({ random, profile, index, claim: claimInput, ageDays });
  // Repairs of 1,000.00 of parts or more are pre-authorised (above both lines' thresholds), but one
  // claim in twenty is filed without it: those are pended AC.
  const preAuthorisations: PreAuthorisation[] = [];
  if (index % 20 !== 7) {
    for (const job of claimInput.jobs) {
      const partsFen = partsClaimedFen({ causalPart: job.causalPart, consequentialParts: job.consequentialParts ?? [] });
      if (partsFen < 100_000) continue;
      const number = `PA-${claimInput.claimNumber}-${job.jobId}`;
      (job as { preAuthorisationNumber?: string }).preAuthorisationNumber = number;
      preAuthorisations.push({ number, unitId: unit.unitId, component: job.component, amountLimitFen: partsFen, validFrom: failureDate, validTo: plusDays(repairDate, 30, ZONE), issuedBy: 'generator', issuedAt: `${failureDate}T02:00:00.000Z`, note: null });
    }
  }
  const claim = claimSchema.parse(claimInput);
  // Without an explicit received date the claim counts as received today.
  return { unit, claim, history, preAuthorisations, today: claim.receivedDate === undefined ? receivedDate : today };
}

/** `count` claims for one seed, claim i being `generateClaim(seed, i)`. */
export function generateClaims(options: GenerateOptions): GeneratedClaim[] {
  const { count, seed, ...rest } = options;
  return Array.from({ length: count }, (_, i) => generateClaim(seed, i, rest));
}
