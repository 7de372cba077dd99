import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { readSourceFiles } from '../../src/rules/rule-book.js';
import { validateFiles } from '../../src/rules/validation/validate-files.js';
import { formatProblem } from '../../src/rules/validation/problem.js';
import type { ClaimInput } from '../../src/claims/claim-schema.js';
import type { UnitInput } from '../../src/units/unit-schema.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { copyShippedRules, type WorkingCopy } from './rule-files.js';

// A product line that ships with no TypeScript at all: a water purifier, 12 months on the whole unit,
// 36 months on the pump, filters (wear parts) never. A policy owner writes one policy file and one
// rule file next to copies of the shipped ones (with rules/reason-codes.json), validates them, and
// the service decides its claims. "Now" is the test app's fixed 2026-03-20.

const POLICY_FILE = 'policies/water-purifier/2020-01-01.json';
const RULES_FILE = 'rules/water-purifier/2020-01-01.json';

const policy = {
  id: 'water-purifier',
  version: '2020-01-01',
  productLine: 'water-purifier',
  effective: { from: '2020-01-01', to: null },
  timeZone: 'Asia/Shanghai',
  identity: { serial: 'frameSerial', requiresWarrantyCard: true },
  components: {
    'housing': { category: 'whole-unit', electrical: false, failureModes: 'any' },
    'faucet': { category: 'whole-unit', electrical: false, failureModes: 'any' },
    'control-board': { category: 'whole-unit', electrical: true, failureModes: 'any' },
    'pump': { category: 'pump', electrical: true, failureModes: 'any' },
    'sediment-filter': { category: 'wear-part', electrical: false, failureModes: 'any' },
    'carbon-filter': { category: 'wear-part', electrical: false, failureModes: 'any' },
    'ro-membrane': { category: 'wear-part', electrical: false, failureModes: 'any' },
  },
  failureModes: ['leak', 'crack', 'noise', 'no-output', 'low-pressure', 'malfunction', 'clogged', 'wear'],
  parts: [
    { partNumber: 'WP-PUMP-75', component: 'pump', priceFen: 32000, genuine: true, liable: { type: 'supplier', id: 'SUP-WP-PUMP-01' } },
    { partNumber: 'WP-HOUSING-01', component: 'housing', priceFen: 18000, genuine: true, liable: { type: 'manufacturer' } },
    { partNumber: 'WP-FAUCET-01', component: 'faucet', priceFen: 6000, genuine: true, liable: { type: 'manufacturer' } },
    { partNumber: 'WP-BOARD-01', component: 'control-board', priceFen: 9000, genuine: true, liable: { type: 'supplier', id: 'SUP-WP-BOARD-01' } },
    { partNumber: 'WP-PP-10', component: 'sediment-filter', priceFen: 2500, genuine: true, liable: { type: 'manufacturer' } },
    { partNumber: 'WP-CTO-10', component: 'carbon-filter', priceFen: 4500, genuine: true, liable: { type: 'manufacturer' } },
    { partNumber: 'WP-RO-400', component: 'ro-membrane', priceFen: 26000, genuine: true, liable: { type: 'manufacturer' } },
  ],
  consequentialParts: { pump: ['control-board'] },
  labour: {
    operations: {
      'WP-OP-PUMP-RR': { hours: 0.5, description: 'pump remove and refit' },
      'WP-OP-HOUSING-RR': { hours: 1.0, description: 'housing replace' },
      'WP-OP-FILTER': { hours: 0.2, description: 'filter change' },
    },
    ratesFen: { standard: 4000 },
    defaultTier: 'standard',
    stations: {},
  },
  travelBands: [{ maxKm: 30, amountFen: 3000 }],
  auxiliaryMaxPctOfParts: 5,
  filingWindowDays: 30,
  evidence: { minPhotos: 1, odometerRequired: false },
  partReturn: { categories: ['pump'], components: [], deadlineDays: 30 },
  customerPayMarkupPct: 20,
  localStandards: [],
};

const defect = { all: [{ fact: 'cause', operator: 'in', value: ['defect-design', 'defect-material', 'defect-manufacturing', 'defect-assembly'] }] };
const ruleSet = {
  id: 'water-purifier',
  version: '2020-01-01',
  productLine: 'water-purifier',
  effective: { from: '2020-01-01', to: null },
  description: 'Household water purifiers: 12 months on the whole unit, 36 on the pump, filters are wear parts.',
  conditions: { 'manufacturer-defect': defect },
  rules: [
    { name: 'wp.term.pump', priority: 100, conditions: { all: [{ fact: 'category', operator: 'equal', value: 'pump' }] }, event: { type: 'term', params: { term: 'pump', months: 36 } } },
    { name: 'wp.term.whole-unit', priority: 100, conditions: { all: [{ fact: 'category', operator: 'equal', value: 'whole-unit' }] }, event: { type: 'term', params: { term: 'whole-unit', months: 12 } } },
    { name: 'wp.exclusion.wear-part', priority: 90, conditions: { any: [{ fact: 'category', operator: 'equal', value: 'wear-part' }, { fact: 'cause', operator: 'equal', value: 'wear' }] }, event: { type: 'deny', params: { code: 'NEW', exclusion: 'wear-part' } } },
    { name: 'wp.exclusion.misuse', priority: 90, conditions: { all: [{ fact: 'cause', operator: 'equal', value: 'misuse' }] }, event: { type: 'deny', params: { code: 'DI', exclusion: 'misuse' } } },
    { name: 'wp.exclusion.accident', priority: 90, conditions: { all: [{ fact: 'cause', operator: 'in', value: ['accident', 'external-impact'] }] }, event: { type: 'deny', params: { code: 'CDR', exclusion: 'accident' } } },
    { name: 'wp.exclusion.no-warranty-card', priority: 90, conditions: { all: [{ fact: 'warrantyCard', operator: 'in', value: ['missing', 'mismatch'] }] }, event: { type: 'deny', params: { code: 'NWR', exclusion: 'no-warranty-card' } } },
    { name: 'wp.exclusion.not-genuine', priority: 90, conditions: { all: [{ fact: 'causalPartGenuine', operator: 'equal', value: false }] }, event: { type: 'deny', params: { code: 'NOP', exclusion: 'not-genuine' } } },
    { name: 'wp.claim.filed-late', priority: 90, conditions: { all: [{ fact: 'daysRepairToReceived', operator: 'greaterThan', value: { fact: 'policy', path: '$.filingWindowDays' } }] }, event: { type: 'deny', params: { code: 'SUB', liable: 'service-station' } } },
    { name: 'wp.claim.causal-part-mismatch', priority: 80, conditions: { all: [{ fact: 'causalPartMatchesComponent', operator: 'equal', value: false }] }, event: { type: 'pend', params: { code: 'WC' } } },
    { name: 'wp.liability.comeback', priority: 50, conditions: { all: [{ condition: 'manufacturer-defect' }, { fact: 'daysSincePreviousRepair', operator: 'notEqual', value: null }, { fact: 'daysSincePreviousRepair', operator: 'lessThanInclusive', value: 60 }] }, event: { type: 'comeback', params: { code: 'WA-COMEBACK' } } },
    { name: 'wp.term.expired', priority: 10, conditions: { all: [{ fact: 'coverage', path: '$.withinTerm', operator: 'equal', value: false }, { fact: 'comeback', operator: 'equal', value: false }] }, event: { type: 'deny', params: { code: 'EW' } } },
    { name: 'wp.term.none', priority: 10, conditions: { all: [{ fact: 'term', operator: 'equal', value: null }] }, event: { type: 'pend', params: { code: 'WA-NO-TERM' } } },
  ],
};

let copy: WorkingCopy;
let t: TestApp;
let serial = 0;

/** Registers a purifier sold on `saleDate` through the API; returns how claims name it. */
async function registerPurifier(saleDate: string): Promise<{ frameSerial: string; warrantyCardNumber: string }> {
  serial += 1;
  const unit: UnitInput = {
    unitId: `WP-${String(serial).padStart(4, '0')}`,
    productLine: 'water-purifier',
    model: 'RO-400G',
    frameSerial: `WPS${saleDate.replaceAll('-', '')}${String(serial).padStart(4, '0')}`,
    warrantyCardNumber: `WPC-${String(serial).padStart(6, '0')}`,
    saleDate,
    region: 'CN-ZJ',
    dealerId: 'D-HZ-01',
  };
  const res = await request(t.app).post('/v1/units').set(t.auth.auditor).send(unit);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { frameSerial: unit.frameSerial!, warrantyCardNumber: unit.warrantyCardNumber! };
}

type Job = ClaimInput['jobs'][number];
const pumpJob: Job = {
  jobId: 'J1', component: 'pump', failureMode: 'no-output', cause: 'defect-manufacturing',
  causalPart: { partNumber: 'WP-PUMP-75', quantity: 1, unitPriceFen: 32000 },
  labour: [{ operationCode: 'WP-OP-PUMP-RR', hours: 0.5, rateFen: 4000 }],
};
const housingJob: Job = {
  jobId: 'J1', component: 'housing', failureMode: 'crack', cause: 'defect-material',
  causalPart: { partNumber: 'WP-HOUSING-01', quantity: 1, unitPriceFen: 18000 },
  labour: [{ operationCode: 'WP-OP-HOUSING-RR', hours: 1.0, rateFen: 4000 }],
};
const filterJob: Job = {
  jobId: 'J1', component: 'carbon-filter', failureMode: 'clogged', cause: 'wear',
  causalPart: { partNumber: 'WP-CTO-10', quantity: 1, unitPriceFen: 4500 },
  labour: [{ operationCode: 'WP-OP-FILTER', hours: 0.2, rateFen: 4000 }],
};

/** A claim of station S1 for a failure on 2026-03-10 repaired 2026-03-12, filed by its dealer. */
async function decide(unit: { frameSerial: string; warrantyCardNumber: string }, job: Job, card: string | null = unit.warrantyCardNumber) {
  serial += 1;
  const claim: ClaimInput = {
    claimNumber: `S1-WP-${serial}`,
    stationId: 'S1',
    unit: { frameSerial: unit.frameSerial },
    odometerKm: null,
    failureDate: '2026-03-10',
    repairDate: '2026-03-12',
    reportedFault: 'no water',
    evidence: { photos: 2, faultStatePreserved: true, priorConsent: null, warrantyCardNumber: card },
    jobs: [job],
  };
  const res = await request(t.app).post('/v1/claims').set(t.auth.dealer).send(claim);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const codes = (job: { reasons: Array<{ code: string }> }) => job.reasons.map((r) => r.code);

beforeAll(async () => {
  copy = await copyShippedRules();
  await mkdir(path.dirname(copy.file(POLICY_FILE)), { recursive: true });
  await mkdir(path.dirname(copy.file(RULES_FILE)), { recursive: true });
  await copy.write(POLICY_FILE, JSON.stringify(policy, null, 2) + '\n');
  await copy.write(RULES_FILE, JSON.stringify(ruleSet, null, 2) + '\n');
  t = await createTestApp({ rulesDir: copy.rulesDir, policiesDir: copy.policiesDir });
});

afterAll(async () => {
  await t?.close();
  await copy?.remove();
});

describe('a water purifier added as JSON files only', () => {
  it('validates with neither errors nor warnings beside the shipped lines', async () => {
    const files = await readSourceFiles(copy.rulesDir, copy.policiesDir);
    expect(files.filter((f) => f.file.endsWith(RULES_FILE) || f.file.endsWith(POLICY_FILE) || f.file.endsWith('rules/reason-codes.json'))).toHaveLength(3);

    expect(validateFiles(files).problems.map(formatProblem)).toEqual([]);
  });

  it('is loaded as a product line of its own', async () => {
    expect(t.ruleBook.productLines).toEqual(['e-bike', 'nev-special-vehicle', 'water-purifier', 'weighing-equipment']);
    const res = await request(t.app).get('/v1/rulesets').set(t.auth.policyOwner).expect(200);
    expect(res.body.items).toContainEqual(expect.objectContaining({ kind: 'rule-set', id: 'water-purifier', version: '2020-01-01', productLine: 'water-purifier', loaded: true }));
  });

  it('covers a pump failing in its 30th month, charged to the pump supplier', async () => {
    const unit = await registerPurifier('2023-09-20');

    const decision = await decide(unit, pumpJob);

    expect(decision).toMatchObject({ status: 'approved', productLine: 'water-purifier', ruleSet: { id: 'water-purifier', version: '2020-01-01' } });
    expect(decision.jobs[0]).toMatchObject({
      covered: true,
      remedy: 'repair',
      reasons: [],
      coverage: { term: 'pump', start: '2023-09-20', lastCoveredDay: '2026-09-19', kmLimit: null },
      liableParty: { type: 'supplier', id: 'SUP-WP-PUMP-01' },
    });
    expect(decision.jobs[0].lines.map((l: { lineId: string; approvedFen: number; hold?: string }) => [l.lineId, l.approvedFen, l.hold ?? null])).toEqual([
      ['J1/causal', 32000, 'part-return'],
      ['J1/labour/1', 2000, null],
    ]);
    expect(decision.totals).toMatchObject({ claimedFen: 34000, approvedFen: 34000, byParty: [{ type: 'supplier', id: 'SUP-WP-PUMP-01', approvedFen: 34000 }] });
  });

  it('denies a pump failing in its 37th month as EW: the 36 months ended the day before the anniversary', async () => {
    const unit = await registerPurifier('2023-02-20');

    const decision = await decide(unit, pumpJob);

    expect(decision.status).toBe('denied');
    expect(decision.jobs[0]).toMatchObject({ covered: false, coverage: { term: 'pump', lastCoveredDay: '2026-02-19' }, liableParty: { type: 'customer' } });
    expect(codes(decision.jobs[0])).toEqual(['EW']);
  });

  it('denies a housing failing in its 13th month as EW under the 12-month whole-unit term', async () => {
    const unit = await registerPurifier('2025-02-20');

    const decision = await decide(unit, housingJob);

    expect(decision.status).toBe('denied');
    expect(decision.jobs[0]).toMatchObject({ covered: false, coverage: { term: 'whole-unit', lastCoveredDay: '2026-02-19' } });
    expect(codes(decision.jobs[0])).toEqual(['EW']);
  });

  it('denies a clogged filter as NEW however new the purifier is', async () => {
    const unit = await registerPurifier('2026-01-05');

    const decision = await decide(unit, filterJob);

    expect(decision.status).toBe('denied');
    expect(decision.jobs[0]).toMatchObject({ covered: false, coverage: null, liableParty: { type: 'customer' } });
    expect(codes(decision.jobs[0])).toEqual(['NEW']);
  });

  it('denies the covered pump as NWR when the claim carries no warranty card, as the policy asks for one', async () => {
    const unit = await registerPurifier('2023-09-20');

    const decision = await decide(unit, pumpJob, null);

    expect(decision.status).toBe('denied');
    expect(codes(decision.jobs[0])).toEqual(['NWR']);
  });

  it('pends a purifier sold before the rule set took effect (WA-NO-RULESET): no terms were promised at its sale', async () => {
    const unit = await registerPurifier('2019-12-31');

    const decision = await decide(unit, housingJob);

    expect(decision).toMatchObject({ status: 'pended', ruleSet: null });
    expect(codes(decision.jobs[0])).toEqual(['WA-NO-RULESET']);
  });

  it('answers a dealer pre-check for the new line per component', async () => {
    const unit = await registerPurifier('2023-09-20');

    const res = await request(t.app)
      .post('/v1/eligibility')
      .set(t.auth.dealer)
      .send({ unit: { frameSerial: unit.frameSerial }, date: '2026-03-10', components: [{ component: 'pump' }, { component: 'housing' }, { partNumber: 'WP-CTO-10' }] })
      .expect(200);

    const answers = res.body.components as Array<{ covered: boolean; term: string | null; lastCoveredDay: string | null; reasons: Array<{ code: string }> }>;
    expect(answers.map((a) => [a.covered, a.term, a.lastCoveredDay, codes(a)])).toEqual([
      [true, 'pump', '2026-09-19', []],
      [false, 'whole-unit', '2024-09-19', ['EW']],
      [false, null, null, ['NEW']],
    ]);
  });
});
