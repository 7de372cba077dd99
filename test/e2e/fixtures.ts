import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import request, { type Response } from 'supertest';
import type { Db } from '../../src/db/db.js';
import type { ClaimInput } from '../../src/claims/claim-schema.js';
import type { UnitInput } from '../../src/units/unit-schema.js';
import { withCheckDigit } from '../../src/units/vin.js';
import type { TestApp } from '../support/test-app.js';
import { buildJob } from '../support/builders.js';

/** Builders with overrides for the end-to-end suite; each call makes a fresh unit or claim number. */

export type JobInput = ClaimInput['jobs'][number];
type Auth = { Authorization: string };

let serial = 0;
const next = () => ++serial;

/** A valid VIN (check digit in position 9) that no other builder call returns. */
export function nevVin(n: number = next()): string {
  return withCheckDigit(`LB9BL5180T${String(n).padStart(7, '0')}`);
}

/** A NEV unit sold 2021-03-15 in Hubei under a fresh id, VIN and upfit serial; not parsed, so a test may send it broken. */
export function buildNevUnit(overrides: Partial<UnitInput> = {}): UnitInput {
  const n = next();
  return {
    unitId: `NEV-T${n}`,
    productLine: 'nev-special-vehicle',
    model: 'BL5180JSQ',
    vin: nevVin(n),
    upfitSerial: `QZ-T-${n}`,
    saleDate: '2021-03-15',
    region: 'CN-HB',
    dealerId: 'D-WH-01',
    chassisMaker: 'CHS-01',
    ...overrides,
  };
}

export function buildEbikeUnit(overrides: Partial<UnitInput> = {}): UnitInput {
  const n = next();
  return {
    unitId: `EB-T${n}`,
    productLine: 'e-bike',
    model: 'EB-48V-CITY',
    frameSerial: `FST${String(n).padStart(7, '0')}`,
    warrantyCardNumber: `WC-T-${n}`,
    saleDate: '2025-01-10',
    region: 'CN-JS',
    dealerId: 'D-NJ-03',
    ...overrides,
  };
}

/** SPEC §13's battery job: battery with a burnt HV harness, 6 standard hours at tier A, auxiliary and travel. */
export function batteryJob(overrides: Partial<JobInput> = {}): JobInput {
  return buildJob({
    consequentialParts: [{ partNumber: 'NEV-HVH-001', quantity: 1, unitPriceFen: 145_000 }],
    labour: [{ operationCode: 'NEV-OP-BAT-RR', hours: 6.0, rateFen: 8000 }],
    auxiliaryFen: 20_000,
    travel: { km: 80, amountFen: 20_000 },
    ...overrides,
  }) as JobInput;
}

/** A cab lamp (whole-vehicle, 12 months; the chassis maker is liable) with half an hour of diagnosis. */
export function lampJob(overrides: Partial<JobInput> = {}): JobInput {
  return {
    jobId: 'J1',
    component: 'cab-lamp',
    failureMode: 'open-circuit',
    cause: 'defect-manufacturing',
    causalPart: { partNumber: 'NEV-LAMP-001', quantity: 1, unitPriceFen: 26_000 },
    labour: [{ operationCode: 'NEV-OP-DIAG', hours: 0.5, rateFen: 8000 }],
    ...overrides,
  };
}

/** An e-bike frame with a cracked weld (12 months), two hours of labour at 30.00. */
export function frameJob(overrides: Partial<JobInput> = {}): JobInput {
  return {
    jobId: 'J1',
    component: 'frame',
    failureMode: 'weld-fracture',
    cause: 'defect-manufacturing',
    causalPart: { partNumber: 'EB-FRAME-01', quantity: 1, unitPriceFen: 42_000 },
    labour: [{ operationCode: 'EB-OP-FRAME-RR', hours: 2.0, rateFen: 3000 }],
    ...overrides,
  };
}

/** How a claim names its unit: VIN (and upfit serial) or frame serial, and the e-bike's warranty card. */
export type UnitIdentity = Partial<Pick<UnitInput, 'vin' | 'upfitSerial' | 'frameSerial' | 'warrantyCardNumber'>>;

/**
 * The number of the battery pre-authorisation `registerUnit` issues for a NEV unit: the fixtures'
 * battery repairs (68,000.00 of parts, above the 20,000.00 threshold) are pre-authorised, as a
 * station would have them; `test/lifecycle/preauthorisations.test.ts` tests the check itself.
 */
export const batteryPreAuthorisation = (vin: string) => `PA-BAT-${vin}`;

/** A claim on `unit` by station S1, repaired 2026-03-16 (inside the 30-day filing window of the fixed "now"). */
export function buildClaim(unit: UnitIdentity, overrides: Partial<ClaimInput> = {}): ClaimInput {
  const n = next();
  const ebike = unit.frameSerial !== undefined && unit.vin === undefined;
  return {
    claimNumber: `CLM-${n}`,
    stationId: 'S1',
    unit: ebike ? { frameSerial: unit.frameSerial } : { vin: unit.vin, ...(unit.upfitSerial ? { upfitSerial: unit.upfitSerial } : {}) },
    odometerKm: ebike ? null : 150_000,
    failureDate: '2026-03-14',
    repairDate: '2026-03-16',
    reportedFault: 'fault reported by the customer',
    evidence: { photos: 3, faultStatePreserved: true, priorConsent: null, warrantyCardNumber: unit.warrantyCardNumber ?? null },
    jobs: [ebike ? frameJob() : batteryJob()],
    ...(ebike || unit.vin === undefined ? {} : { preAuthorisationNumber: batteryPreAuthorisation(unit.vin) }),
    ...overrides,
  };
}

/** Registers a unit; a NEV unit also gets its battery pre-authorisation (`batteryPreAuthorisation`). */
export async function registerUnit(t: TestApp, unit: UnitInput): Promise<UnitInput> {
  const res = await request(t.app).post('/v1/units').set(t.auth.auditor).send(unit);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  if (unit.productLine === 'nev-special-vehicle' && unit.vin) await issueBatteryPreAuthorisation(t, unit.unitId, unit.vin);
  return unit;
}

/** Issues the battery pre-authorisation `buildClaim` refers to for a NEV unit (up to 100,000.00, 2020–2030). */
export async function issueBatteryPreAuthorisation(t: TestApp, unitId: string, vin: string): Promise<string> {
  const number = batteryPreAuthorisation(vin);
  const issued = await request(t.app).post('/v1/preauthorisations').set(t.auth.auditor).send({
    number, unitId, component: 'traction-battery', amountLimitFen: 10_000_000, validFrom: '2020-01-01', validTo: '2030-12-31', note: 'battery replacement approved',
  });
  expect(issued.status, JSON.stringify(issued.body)).toBe(201);
  return number;
}

/** Registers the demo units of `demo/units.jsonl` through the bulk import. */
export async function registerDemoUnits(t: TestApp): Promise<void> {
  const text = await readFile(new URL('../../demo/units.jsonl', import.meta.url), 'utf8');
  const res = await request(t.app).post('/v1/units/import').set(t.auth.auditor).set('Content-Type', 'application/x-ndjson').send(text);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.rejected).toBe(0);
}

export function submitClaim(t: TestApp, claim: ClaimInput, auth: Auth = t.auth.auditor) {
  return request(t.app).post('/v1/claims').set(auth).send(claim);
}

/** Submits and insists the service decided it (201), returning the decision. */
export async function decide(t: TestApp, claim: ClaimInput, auth: Auth = t.auth.auditor) {
  const res = await submitClaim(t, claim, auth);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export interface RowCounts {
  units: number;
  claims: number;
  decisions: number;
  apiKeys: number;
}

export async function rowCounts(db: Db): Promise<RowCounts> {
  const { rows } = await db.query<{ units: number; claims: number; decisions: number; api_keys: number }>(
    `SELECT (SELECT count(*)::int FROM units) AS units, (SELECT count(*)::int FROM claims) AS claims,
            (SELECT count(*)::int FROM decisions) AS decisions, (SELECT count(*)::int FROM api_keys) AS api_keys`,
  );
  const row = rows[0]!;
  return { units: Number(row.units), claims: Number(row.claims), decisions: Number(row.decisions), apiKeys: Number(row.api_keys) };
}

/** An RFC 9457 problem with the given status and stable code. */
export function expectProblem(res: Response, status: number, code: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: expect.stringContaining(code), title: expect.any(String), status, code, detail: expect.any(String) });
}

/** The field paths a validation problem lists. */
export function errorPaths(res: Response): string[] {
  return ((res.body.errors ?? []) as Array<{ path: string }>).map((e) => e.path);
}

/** The reason codes of a decided job. */
export function reasonCodes(job: { reasons: Array<{ code: string }> }): string[] {
  return job.reasons.map((r) => r.code);
}
