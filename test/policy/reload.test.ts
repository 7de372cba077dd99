import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import canonicalize from 'canonicalize';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import request from 'supertest';
import { unitSchema } from '../../src/units/unit-schema.js';
import { UnitStore } from '../../src/units/unit-store.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildClaim, buildNevUnit, type JobInput } from '../e2e/fixtures.js';
import { NEV_RULES, SMALL_THREE_36, SMALL_THREE_48, copyShippedRules, replaceOnce, type WorkingCopy } from './rule-files.js';

// Hot reload on a working copy of the shipped files: a good edit replaces the rule book in one swap;
// a broken edit, or one that breaks a rule case, is rejected while the last good book keeps serving.
// "Now" is the test app's fixed 2026-03-20.

const CASES_FILE = 'rules/nev-special-vehicle/cases/policy-owner.json';
const CORE_THREE_60 = '"params": {"term": "core-three-electric", "months": 60, "km": 200000}';
const CORE_THREE_48 = '"params": {"term": "core-three-electric", "months": 48, "km": 200000}';

/** A case that holds whatever the small-three-electric term: a battery failing in its 50th month is covered. */
const batteryCase = {
  cases: [
    {
      name: 'battery failing in its 50th month is covered by the 60-month core-three-electric term',
      today: '2026-03-20',
      preAuthorisations: [{ number: 'PA-CASE-PO-1', component: 'traction-battery', amountLimitFen: 6800000, validFrom: '2026-03-10', validTo: '2026-03-31' }],
      unit: { unitId: 'NEV-CASE-1', productLine: 'nev-special-vehicle', model: 'BL5180JSQ', vin: 'LB9BL518XM0000042', upfitSerial: 'QZ-2021-0042', saleDate: '2022-01-20', region: 'CN-HB' },
      claim: {
        claimNumber: 'CASE-PO-1', stationId: 'S1', unit: { vin: 'LB9BL518XM0000042' }, odometerKm: 90000,
        failureDate: '2026-03-10', repairDate: '2026-03-12', evidence: { photos: 2, faultStatePreserved: true },
        preAuthorisationNumber: 'PA-CASE-PO-1',
        jobs: [{ jobId: 'J1', component: 'traction-battery', failureMode: 'no-charge', cause: 'defect-material', causalPart: { partNumber: 'NEV-BAT-001', quantity: 1, unitPriceFen: 6800000 } }],
      },
      expect: { status: 'approved', jobs: [{ jobId: 'J1', covered: true, reasons: [], term: 'core-three-electric', lastCoveredDay: '2027-01-19' }] },
    },
  ],
};

/** Electric steering failing 2026-03-10 on a unit sold 2022-10-15: 40 months on, EW under 36 months, covered under 48. */
const STEERING_SALE_DATE = '2022-10-15';
function steeringJob(): JobInput {
  return {
    jobId: 'J1',
    component: 'electric-steering',
    failureMode: 'malfunction',
    cause: 'defect-manufacturing',
    causalPart: { partNumber: 'NEV-EPS-001', quantity: 1, unitPriceFen: 340_000 },
    labour: [{ operationCode: 'NEV-OP-EPS-RR', hours: 1.5, rateFen: 8000 }],
  };
}

let copy: WorkingCopy;
let t: TestApp;
/** Units sold on STEERING_SALE_DATE, one per steering claim (a second claim on one unit would be a duplicate). */
const units: Array<{ vin: string; upfitSerial: string }> = [];
let claimCount = 0;

function sha256Of(text: string): string {
  return 'sha256:' + createHash('sha256').update(canonicalize(JSON.parse(text)) ?? '').digest('hex');
}

async function nevHash(): Promise<{ loaded: string[]; all: string[] }> {
  const res = await request(t.app).get('/v1/rulesets').set(t.auth.policyOwner).expect(200);
  const rows = (res.body.items as Array<{ kind: string; id: string; version: string; hash: string; loaded: boolean }>).filter((i) => i.kind === 'rule-set' && i.id === 'nev-special-vehicle' && i.version === '2021-01-01');
  return { loaded: rows.filter((r) => r.loaded).map((r) => r.hash), all: rows.map((r) => r.hash) };
}

/** Files a steering claim on the next fresh unit, by the dealer of station S1. */
function fileSteeringClaim() {
  const unit = units[claimCount];
  if (!unit) throw new Error('ran out of registered units');
  claimCount += 1;
  const claim = buildClaim(unit, { claimNumber: `S1-RELOAD-${claimCount}`, failureDate: '2026-03-10', repairDate: '2026-03-12', odometerKm: 60_000, jobs: [steeringJob()] });
  return request(t.app).post('/v1/claims').set(t.auth.dealer).send(claim);
}

/** A dealer's pre-check of the first registered unit's steering on the claims' failure date. */
function precheckSteering() {
  return request(t.app).post('/v1/eligibility').set(t.auth.dealer).send({ unit: { vin: units[0]!.vin }, date: '2026-03-10', components: [{ component: 'electric-steering' }] });
}

function reload() {
  return request(t.app).post('/v1/rulesets/reload').set(t.auth.policyOwner);
}

let shippedHash: string;
let editedHash: string;

beforeAll(async () => {
  copy = await copyShippedRules();
  await mkdir(path.dirname(copy.file(CASES_FILE)), { recursive: true });
  await copy.write(CASES_FILE, JSON.stringify(batteryCase, null, 2));
  t = await createTestApp({ rulesDir: copy.rulesDir, policiesDir: copy.policiesDir });
  const store = new UnitStore(t.db);
  for (let i = 0; i < 60; i++) {
    const unit = unitSchema.parse(buildNevUnit({ saleDate: STEERING_SALE_DATE }));
    await store.insert(unit);
    units.push({ vin: unit.vin!, upfitSerial: unit.upfitSerial! });
  }
  shippedHash = sha256Of(await copy.read(NEV_RULES));
});

afterAll(async () => {
  t?.rules.close();
  await t?.close();
  await copy?.remove();
});

describe('reloading the rule files of a running service', () => {
  it('starts on the copied files: one NEV rule-set hash, loaded, and steering 40 months after sale is EW', async () => {
    expect(await nevHash()).toEqual({ loaded: [shippedHash], all: [shippedHash] });

    const res = await fileSteeringClaim().expect(201);

    expect(res.body.ruleSet).toEqual({ id: 'nev-special-vehicle', version: '2021-01-01', hash: shippedHash });
    expect(res.body.jobs[0]).toMatchObject({ covered: false, coverage: { term: 'small-three-electric', lastCoveredDay: '2025-10-14' } });
    expect(res.body.jobs[0].reasons.map((r: { code: string }) => r.code)).toEqual(['EW']);
    // Asked twice (the second answer is the remembered one): the same expired term.
    for (let i = 0; i < 2; i++) {
      const pre = await precheckSteering().expect(200);
      expect(pre.body.components[0]).toMatchObject({ component: 'electric-steering', covered: false, term: 'small-three-electric', lastCoveredDay: '2025-10-14' });
    }
  });

  it('reloads a valid edit (small-three-electric 36 → 48 months): 200 reloaded, a new hash, and the next claim follows the new term', async () => {
    const edited = await copy.edit(NEV_RULES, SMALL_THREE_36, SMALL_THREE_48);
    editedHash = sha256Of(edited);
    expect(editedHash).not.toBe(shippedHash);

    const res = await reload().expect(200);

    expect(res.body).toMatchObject({ status: 'reloaded', errors: [], failedCases: [] });
    expect(res.body.ruleSets).toContainEqual({ id: 'nev-special-vehicle', version: '2021-01-01', hash: editedHash });
    expect(await nevHash()).toEqual({ loaded: [editedHash], all: expect.arrayContaining([shippedHash, editedHash]) });

    const claim = await fileSteeringClaim().expect(201);
    expect(claim.body.ruleSet.hash).toBe(editedHash);
    expect(claim.body.jobs[0]).toMatchObject({ covered: true, reasons: [], coverage: { term: 'small-three-electric', lastCoveredDay: '2026-10-14' }, liableParty: { type: 'supplier', id: 'SUP-EPS-01' } });
    // A pre-check remembered under the old book is not what the new book answers.
    const pre = await precheckSteering().expect(200);
    expect(pre.body.components[0]).toMatchObject({ component: 'electric-steering', covered: true, term: 'small-three-electric', lastCoveredDay: '2026-10-14', reasons: [] });
  });

  it('answers unchanged when the files did not change since the last reload', async () => {
    const res = await reload().expect(200);

    expect(res.body.status).toBe('unchanged');
    expect(res.body.ruleSets).toContainEqual({ id: 'nev-special-vehicle', version: '2021-01-01', hash: editedHash });
  });

  it('GET /v1/rulesets/{id}/{version} returns the file for each hash the version has had', async () => {
    const res = await request(t.app).get('/v1/rulesets/nev-special-vehicle/2021-01-01').set(t.auth.auditor).expect(200);
    type StoredFile = { kind: string; hash: string; content: { rules?: Array<{ name: string; event: { params: { months?: number } } }> } };
    const ruleSets = (res.body.files as StoredFile[]).filter((f) => f.kind === 'rule-set');
    const months = (f: StoredFile) => f.content.rules!.find((r) => r.name === 'nev.term.small-three-electric')!.event.params.months;

    expect(ruleSets.map((f) => [f.hash, months(f)]).sort()).toEqual([[shippedHash, 36], [editedHash, 48]].sort());
    expect((res.body.files as StoredFile[]).filter((f) => f.kind === 'policy')).toHaveLength(1);

    const one = await request(t.app).get('/v1/rulesets/nev-special-vehicle/2021-01-01').query({ hash: shippedHash }).set(t.auth.policyOwner).expect(200);
    expect(one.body.files.map((f: StoredFile) => f.hash)).toEqual([shippedHash]);
    await request(t.app).get('/v1/rulesets/nev-special-vehicle/1999-01-01').set(t.auth.policyOwner).expect(404);
  });

  it('rejects a broken edit (a missing comma) with 422 and its errors while the last good version keeps deciding every claim', async () => {
    const good = await copy.read(NEV_RULES);
    const after = '      "conditions": {"all": [{"fact": "category", "operator": "equal", "value": "whole-vehicle"}]},';
    await copy.write(NEV_RULES, replaceOnce(good, `"priority": 100,\n${after}`, `"priority": 100\n${after}`));

    let reloaded = false;
    const pending = reload().then((res) => {
      reloaded = true;
      return res;
    });
    const decisions: Array<{ status: number; hash: string | undefined; covered: boolean | undefined }> = [];
    // Claims keep coming, three at a time, before, during and after the reload — at most 36 while it
    // runs (a loaded machine may take long over it: the units registered above must last).
    while ((!reloaded && decisions.length < 36) || decisions.length < 12) {
      const batch = await Promise.all([fileSteeringClaim(), fileSteeringClaim(), fileSteeringClaim()]);
      decisions.push(...batch.map((r) => ({ status: r.status, hash: r.body.ruleSet?.hash, covered: r.body.jobs?.[0]?.covered })));
    }
    const res = await pending;

    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ status: 'rejected', failedCases: [] });
    expect(res.body.errors).toEqual([
      expect.objectContaining({ severity: 'error', file: expect.stringMatching(/rules\/nev-special-vehicle\/2021-01-01\.json$/), line: expect.any(Number), column: 7, message: 'not valid JSON: a comma is missing' }),
    ]);
    expect(res.body.ruleSets).toContainEqual({ id: 'nev-special-vehicle', version: '2021-01-01', hash: editedHash });
    expect(decisions.length).toBeGreaterThanOrEqual(12);
    expect(decisions.filter((d) => d.status !== 201 || d.hash !== editedHash || d.covered !== true)).toEqual([]);
    expect(await nevHash()).toEqual({ loaded: [editedHash], all: expect.arrayContaining([shippedHash, editedHash]) });

    await copy.write(NEV_RULES, good);
  });

  it('rejects an edit that breaks a rule case (core-three-electric 60 → 48 months), naming the case and what failed', async () => {
    const good = await copy.read(NEV_RULES);
    await copy.edit(NEV_RULES, CORE_THREE_60, CORE_THREE_48);

    const res = await reload().expect(422);

    expect(res.body).toMatchObject({ status: 'rejected', errors: [] });
    expect(res.body.failedCases).toEqual([
      {
        file: expect.stringMatching(/rules\/nev-special-vehicle\/cases\/policy-owner\.json$/),
        name: batteryCase.cases[0]!.name,
        failures: expect.arrayContaining(['status: expected approved, got denied', 'job J1 covered: expected true, got false', 'job J1 reasons: expected [], got ["EW"]']),
      },
    ]);
    const claim = await fileSteeringClaim().expect(201);
    expect(claim.body.ruleSet.hash).toBe(editedHash);

    await copy.write(NEV_RULES, good);
  });

  it('reloads by itself when a watched file is saved', async () => {
    t.rules.watchFiles(50);
    const restored = await copy.edit(NEV_RULES, SMALL_THREE_48, SMALL_THREE_36);
    expect(sha256Of(restored)).toBe(shippedHash);

    await vi.waitFor(() => expect(t.rules.current().ruleSets.find((r) => r.file.id === 'nev-special-vehicle')!.hash).toBe(shippedHash), { timeout: 60_000, interval: 50 });

    const claim = await fileSteeringClaim().expect(201);
    expect(claim.body.ruleSet.hash).toBe(shippedHash);
    expect(claim.body.jobs[0].reasons.map((r: { code: string }) => r.code)).toEqual(['EW']);
  });
});
